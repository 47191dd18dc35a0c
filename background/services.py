"""Operations of background work: queueing an email, delivering it with retries, putting
a failed one back in the queue, enqueuing the periodic jobs that are due."""

import logging
import smtplib
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend

from background.mail import StoredEmail
from background.models import EmailStatus, OutgoingEmail, PeriodicRun
from background.schedule import periodic_jobs

logger = logging.getLogger(__name__)

# Waits after each failed attempt; once they are used up the email is marked failed.
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=12),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# A delivery claimed this long ago without an outcome died with its worker; a queued email
# whose try is this far past lost its task (a queue emptied by hand, say).
STALLED_AFTER = timedelta(minutes=15)
OUTCOME_FIELDS = ["attempts", "last_error", "status", "next_attempt_at", "claimed_at"]


class PermanentFailure(Exception):
    """The message can never be delivered as it is: retrying would not help."""


def enqueue_on_commit(task, *args, **kwargs) -> None:
    """Enqueue the task once the current transaction commits; a queue that cannot be
    reached then is logged, never turned into an error for a change already made."""
    transaction.on_commit(partial(task.enqueue, *args, **kwargs), robust=True)


def enqueue_with_change(task, *args, **kwargs) -> None:
    """Enqueue the task as part of the change being made. On the database queue it is
    written in the change's own transaction: it commits or rolls back with it, and costs no
    commit of its own (the heaviest writes, a passed quiz, commit once). A queue elsewhere
    (Redis) gets it once the transaction commits, as enqueue_on_commit does."""
    if transaction.get_connection().in_atomic_block and isinstance(
        task.get_backend(), DatabaseBackend
    ):
        task.enqueue(*args, **kwargs)
    else:
        enqueue_on_commit(task, *args, **kwargs)


def email_queue(*, message) -> OutgoingEmail:
    """Store the message (it raises here if malformed headers keep it from being written)
    and enqueue its delivery on commit."""
    from background.tasks import deliver_email

    row = OutgoingEmail.objects.create(
        from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
        recipients=list(message.recipients()),
        subject=str(message.subject)[:1000],
        message=message.message().as_bytes(),
        next_attempt_at=timezone.now(),
    )
    enqueue_on_commit(deliver_email, row.pk)
    return row


def email_deliver(*, email_id: int, now: datetime | None = None) -> str:
    """One attempt at handing the email to the mail server: 'sent' (the row is deleted),
    'retry', 'failed', or 'skipped' when it is not due (sent already, or retried by hand
    since this delivery was scheduled)."""
    from background.tasks import deliver_email

    now = now or timezone.now()
    due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    claimed = (
        OutgoingEmail.objects.filter(due, pk=email_id, status=EmailStatus.QUEUED).update(
            status=EmailStatus.SENDING, claimed_at=now
        )
        == 1
    )
    if not claimed:
        return "skipped"
    row = OutgoingEmail.objects.get(pk=email_id)
    try:
        _check_addresses(row)
        message = StoredEmail(
            source=bytes(row.message), from_email=row.from_email, recipients=row.recipients
        )
        with get_connection(settings.OUTBOX_DELIVERY_BACKEND) as connection:
            connection.send_messages([message])
    except Exception as error:
        row.attempts += 1
        row.last_error = _reason(error)
        row.claimed_at = None
        if _is_permanent(error) or row.attempts >= MAX_ATTEMPTS:
            row.status = EmailStatus.FAILED
            row.next_attempt_at = None
            row.save(update_fields=OUTCOME_FIELDS)
            logger.error(
                "email %s to %s failed for good: %s", row.pk, row.recipient_list, row.last_error
            )
            return "failed"
        row.status = EmailStatus.QUEUED
        row.next_attempt_at = now + RETRY_DELAYS[row.attempts - 1]
        row.save(update_fields=OUTCOME_FIELDS)
        logger.warning(
            "email %s: attempt %s failed (%s); next try at %s",
            row.pk,
            row.attempts,
            row.last_error,
            row.next_attempt_at.isoformat(),
        )
        enqueue_on_commit(deliver_email.using(run_after=row.next_attempt_at), row.pk)
        return "retry"
    row.delete()
    return "sent"


def email_retry_now(*, email: OutgoingEmail, now: datetime | None = None) -> bool:
    """An administrator asks for one more attempt now, failed or waiting; False when the
    email is being sent at this moment (or already was)."""
    from background.tasks import deliver_email

    now = now or timezone.now()
    updated = OutgoingEmail.objects.filter(
        pk=email.pk, status__in=(EmailStatus.QUEUED, EmailStatus.FAILED)
    ).update(status=EmailStatus.QUEUED, next_attempt_at=now)
    if updated:
        enqueue_on_commit(deliver_email, email.pk)
    return bool(updated)


def emails_requeue_stalled(*, now: datetime | None = None) -> int:
    """Give another delivery task to emails whose own was lost; the number requeued."""
    from background.tasks import deliver_email

    now = now or timezone.now()
    cutoff = now - STALLED_AFTER
    OutgoingEmail.objects.filter(status=EmailStatus.SENDING, claimed_at__lt=cutoff).update(
        status=EmailStatus.QUEUED, claimed_at=None, next_attempt_at=now
    )
    stalled = list(
        OutgoingEmail.objects.filter(
            status=EmailStatus.QUEUED, next_attempt_at__lt=cutoff
        ).values_list("pk", flat=True)
    )
    for pk in stalled:
        enqueue_on_commit(deliver_email, pk)
    return len(stalled)


def periodic_jobs_enqueue(*, now: datetime | None = None) -> list[str]:
    """Enqueue each periodic job whose interval has passed since it was last enqueued; the
    names enqueued. A run is claimed with one conditional UPDATE, so two schedulers at
    once never enqueue the same run twice."""
    now = now or timezone.now()
    enqueued = []
    for job in periodic_jobs():
        _run, created = PeriodicRun.objects.get_or_create(
            name=job.name, defaults={"last_enqueued_at": now}
        )
        if not created:
            claimed = PeriodicRun.objects.filter(
                name=job.name, last_enqueued_at__lte=now - job.every
            ).update(last_enqueued_at=now)
            if not claimed:
                continue
        job.task.enqueue()
        enqueued.append(job.name)
    return enqueued


def _check_addresses(row: OutgoingEmail) -> None:
    for address in [*row.recipients]:
        try:
            validate_email(address.rsplit("<", 1)[-1].rstrip(">").strip())
        except ValidationError:
            raise PermanentFailure(f"Malformed address: {address!r}") from None


def _is_permanent(error: Exception) -> bool:
    """Refusals a mail server means for good (5xx), and messages that cannot be written."""
    if isinstance(error, PermanentFailure | ValueError | UnicodeError):
        return True
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _text in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    return False


def _reason(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:2000]
