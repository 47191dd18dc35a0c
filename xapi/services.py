"""Operations of learning records: writing an event's statements in the outbox (with the
change that caused it), sending them to each store in batches with retries, and an
administrator's "retry now"."""

import base64
import json
import logging
import urllib.error
import urllib.request
import uuid
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from background.services import enqueue_on_commit, enqueue_with_change
from xapi import selectors
from xapi.models import (
    DeliveryStatus,
    LearnerPseudonym,
    LearningRecordStore,
    Statement,
    StatementDelivery,
)
from xapi.statements import XAPI_VERSION, Event, agent, statement

logger = logging.getLogger(__name__)

BATCH_SIZE = 50
REQUEST_TIMEOUT_SECONDS = 20
# Waits after each failed attempt; after the last one it is tried every RETRY_DELAYS[-1]:
# a store that is down for a week receives everything when it is back.
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=12),
)
# A batch claimed this long ago without an outcome died with its worker.
STALLED_AFTER = timedelta(minutes=15)
WAITING = (DeliveryStatus.QUEUED, DeliveryStatus.FAILED)


class StoreRefused(Exception):
    """The store answered with an error."""

    def __init__(self, status: int, body: str):
        self.status = status
        super().__init__(f"HTTP {status}: {body[:500]}")

    @property
    def about_the_statements(self) -> bool:
        """The store refused what was sent (malformed, or an id it holds with another
        content), not who sent it or when: sending the same again would not help."""
        return self.status in (400, 409, 413)


# --- recording -----------------------------------------------------------------------------


def statements_record(*, events: list[Event]) -> list[Statement]:
    """Write each event's statement for every active store of its platform, in the current
    transaction, and enqueue their delivery with it. Each store receives one statement per
    event, with an id fixed here: every attempt sends that same statement."""
    written = []
    stores_to_wake = set()
    pseudonyms = {}
    with transaction.atomic():
        for event in events:
            stores = selectors.stores_for_site(getattr(event.site, "pk", None))
            if not stores:
                continue
            if event.user.pk not in pseudonyms:
                pseudonyms[event.user.pk] = str(_pseudonym(event.user))
            pseudonym = pseudonyms[event.user.pk]
            # Stores that may name the learner by email get their own statement.
            groups = {}
            for store in stores:
                groups.setdefault(store.mbox_allowed and bool(event.user.email), []).append(store)
            for with_email, targets in groups.items():
                statement_id = str(uuid.uuid4())
                actor = agent(
                    event, pseudonym=pseudonym, email=event.user.email if with_email else None
                )
                row = Statement.objects.create(
                    id=statement_id,
                    data=statement(event, statement_id=statement_id, actor=actor),
                )
                StatementDelivery.objects.bulk_create(
                    StatementDelivery(
                        statement=row, store_id=store.pk, next_attempt_at=row.created_at
                    )
                    for store in targets
                )
                stores_to_wake.update(store.pk for store in targets)
                written.append(row)
        if stores_to_wake:
            from xapi.tasks import deliver_statements

            for store_pk in sorted(stores_to_wake):
                enqueue_with_change(deliver_statements, store_pk)
    return written


def _pseudonym(user) -> uuid.UUID:
    row, _created = LearnerPseudonym.objects.get_or_create(user=user)
    return row.pseudonym


# --- delivering ----------------------------------------------------------------------------


def statements_deliver(*, store_id: int, now: datetime | None = None) -> str:
    """Send one batch of the store's due statements: 'sent', 'retry', 'failed', or 'idle'
    when nothing is due (or the store was made inactive). More due after a sent batch
    enqueues the next one."""
    from xapi.tasks import deliver_statements

    now = now or timezone.now()
    store = LearningRecordStore.objects.filter(pk=store_id, active=True).first()
    if store is None:
        return "idle"
    claim = _claim_batch(store, now)
    deliveries = list(
        StatementDelivery.objects.filter(store=store, claim=claim)
        .select_related("statement")
        .order_by("statement__created_at", "pk")
    )
    if not deliveries:
        return "idle"
    try:
        post_statements(store, [delivery.statement.data for delivery in deliveries])
    except Exception as error:
        if isinstance(error, StoreRefused) and error.about_the_statements and len(deliveries) > 1:
            # One bad statement must not hold back the others: each goes on its own.
            StatementDelivery.objects.filter(claim=claim).update(
                status=DeliveryStatus.QUEUED, claim=None, claimed_at=None, next_attempt_at=now
            )
            _isolate(store, deliveries, now)
            return "retry"
        return _failed(store, deliveries, error, now)
    _sent(store, deliveries, now)
    if _due(store, now).exists():
        enqueue_on_commit(deliver_statements, store.pk)
    return "sent"


def _claim_batch(store: LearningRecordStore, now: datetime) -> uuid.UUID:
    """Mark a batch as this worker's with one conditional UPDATE: two workers at once
    never send the same statement."""
    claim = uuid.uuid4()
    candidates = list(
        _due(store, now).order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:BATCH_SIZE]
    )
    _due(store, now).filter(pk__in=candidates).update(
        status=DeliveryStatus.SENDING, claim=claim, claimed_at=now
    )
    return claim


def _due(store, now):
    return StatementDelivery.objects.filter(
        store=store, status__in=WAITING, next_attempt_at__lte=now
    )


def _isolate(store, deliveries, now) -> None:
    for delivery in deliveries:
        claim = uuid.uuid4()
        claimed = StatementDelivery.objects.filter(
            pk=delivery.pk, status=DeliveryStatus.QUEUED
        ).update(status=DeliveryStatus.SENDING, claim=claim, claimed_at=now)
        if not claimed:
            continue
        try:
            post_statements(store, [delivery.statement.data])
        except Exception as error:
            _failed(store, [delivery], error, now)
        else:
            _sent(store, [delivery], now)


def _sent(store, deliveries, now) -> None:
    with transaction.atomic():
        ids = [delivery.pk for delivery in deliveries]
        statement_ids = [delivery.statement_id for delivery in deliveries]
        StatementDelivery.objects.filter(pk__in=ids).delete()
        # A statement no other store waits for has done its work.
        Statement.objects.filter(pk__in=statement_ids, deliveries__isnull=True).delete()
        LearningRecordStore.objects.filter(pk=store.pk).update(
            statements_sent=F("statements_sent") + len(deliveries),
            last_sent_at=now,
            last_error="",
            last_error_at=None,
        )


def _failed(store, deliveries, error: Exception, now) -> str:
    from xapi.tasks import deliver_statements

    reason = f"{type(error).__name__}: {error}"[:2000]
    for_good = isinstance(error, StoreRefused) and error.about_the_statements
    attempts = max(delivery.attempts for delivery in deliveries) + 1
    next_try = None if for_good else now + RETRY_DELAYS[min(attempts, len(RETRY_DELAYS)) - 1]
    with transaction.atomic():
        for delivery in deliveries:
            delivery.attempts += 1
            delivery.status = DeliveryStatus.FAILED
            delivery.last_error = reason
            delivery.next_attempt_at = next_try
            delivery.claim = None
            delivery.claimed_at = None
        StatementDelivery.objects.bulk_update(
            deliveries,
            ["attempts", "status", "last_error", "next_attempt_at", "claim", "claimed_at"],
        )
        LearningRecordStore.objects.filter(pk=store.pk).update(last_error=reason, last_error_at=now)
    logger.warning(
        "LRS %s refused %s statement(s): %s; next try %s",
        store.pk,
        len(deliveries),
        reason,
        next_try.isoformat() if next_try else "when an administrator asks",
    )
    if next_try is not None:
        enqueue_on_commit(deliver_statements.using(run_after=next_try), store.pk)
    return "failed"


def post_statements(store: LearningRecordStore, statements: list[dict]) -> None:
    """POST a batch to the store's statements resource; raises what went wrong."""
    url = store.endpoint.rstrip("/") + "/statements"
    headers = {
        "Content-Type": "application/json",
        "X-Experience-API-Version": XAPI_VERSION,
    }
    if store.key:
        credentials = base64.b64encode(f"{store.key}:{store.secret}".encode()).decode()
        headers["Authorization"] = f"Basic {credentials}"
    elif store.token:
        headers["Authorization"] = f"Bearer {store.token}"
    request = urllib.request.Request(  # noqa: S310 - the endpoint is an http(s) URLField
        url, data=json.dumps(statements).encode(), headers=headers, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT_SECONDS) as response:  # noqa: S310
            response.read()
    except urllib.error.HTTPError as error:
        body = error.read().decode("utf-8", "replace")
        raise StoreRefused(error.code, body) from None


# --- administrators and the scheduler ------------------------------------------------------


def store_retry_now(*, store: LearningRecordStore, now: datetime | None = None) -> int:
    """Every statement the store still waits for, failed or waiting, is due now; the
    number put back in the queue."""
    from xapi.tasks import deliver_statements

    now = now or timezone.now()
    count = StatementDelivery.objects.filter(store=store, status__in=WAITING).update(
        status=DeliveryStatus.QUEUED, next_attempt_at=now
    )
    if count and store.active:
        enqueue_on_commit(deliver_statements, store.pk)
    return count


def deliveries_wake(*, now: datetime | None = None) -> list[int]:
    """Give a delivery task to every active store with statements due (their own task was
    lost, or a batch stalled with its worker); the stores woken."""
    from xapi.tasks import deliver_statements

    now = now or timezone.now()
    StatementDelivery.objects.filter(
        status=DeliveryStatus.SENDING, claimed_at__lt=now - STALLED_AFTER
    ).update(status=DeliveryStatus.QUEUED, claim=None, claimed_at=None, next_attempt_at=now)
    stores = sorted(
        set(
            StatementDelivery.objects.filter(
                Q(next_attempt_at__lte=now), status__in=WAITING, store__active=True
            ).values_list("store_id", flat=True)
        )
    )
    for store_pk in stores:
        enqueue_on_commit(deliver_statements, store_pk)
    return stores


def personal_data_erase(user) -> None:
    """With the account's erasure: the statements about the person not yet sent, and their
    pseudonym, so that nothing here ties what the LRSs received to them any more."""
    row = LearnerPseudonym.objects.filter(user=user).first()
    about = Q(data__actor__mbox=f"mailto:{user.email}")
    if row is not None:
        about |= Q(data__actor__account__name=str(row.pseudonym))
        row.delete()
    Statement.objects.filter(about).delete()
