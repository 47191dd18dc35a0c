"""Reads of learning records: which stores are active (kept in the cache, so an event costs
no query while none is), what each store still has to receive."""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Min, Q

from xapi.models import DeliveryStatus, LearnerPseudonym, LearningRecordStore, Statement

ACTIVE_STORES_KEY = "xapi:active-stores"
# An administrator's change clears it at once; this bounds how long another process whose
# cache is its own (local memory) may go on with the old answer.
ACTIVE_STORES_TIMEOUT = 300


@dataclass(frozen=True)
class StoreTarget:
    pk: int
    site_ids: frozenset[int]  # empty: every site
    mbox_allowed: bool

    def serves(self, site_id: int | None) -> bool:
        return not self.site_ids or site_id in self.site_ids


def active_stores() -> tuple[StoreTarget, ...]:
    stores = cache.get(ACTIVE_STORES_KEY)
    if stores is None:
        stores = tuple(
            StoreTarget(
                pk=store.pk,
                site_ids=frozenset(site.pk for site in store.sites.all()),
                mbox_allowed=store.mbox_allowed,
            )
            for store in LearningRecordStore.objects.filter(active=True).prefetch_related("sites")
        )
        cache.set(ACTIVE_STORES_KEY, stores, ACTIVE_STORES_TIMEOUT)
    return stores


def forget_active_stores() -> None:
    cache.delete(ACTIVE_STORES_KEY)


def stores_for_site(site_id: int | None) -> list[StoreTarget]:
    return [store for store in active_stores() if store.serves(site_id)]


def with_delivery_status(stores):
    """Each store with what it still has to receive: statements queued (or being sent),
    failed, and when the oldest of them happened."""
    waiting = [DeliveryStatus.QUEUED, DeliveryStatus.SENDING]
    return stores.annotate(
        queued_count=Count("deliveries", filter=Q(deliveries__status__in=waiting)),
        failed_count=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.FAILED)),
        oldest_waiting=Min("deliveries__statement__created_at"),
    )


def personal_data_export(user) -> dict:
    """The name the person goes by in the statements sent about them, and how many are
    still waiting to be sent."""
    row = LearnerPseudonym.objects.filter(user=user).first()
    if row is None:
        return {"pseudonym": None, "statements_waiting": 0}
    waiting = Statement.objects.filter(data__actor__account__name=str(row.pseudonym)).count()
    return {"pseudonym": str(row.pseudonym), "statements_waiting": waiting}
