"""Background tasks of learning records: sending a store its statements, and waking the
stores whose statements are due."""

from django_tasks import task

from xapi import services


@task()
def deliver_statements(store_id: int) -> str:
    return services.statements_deliver(store_id=store_id)


@task()
def wake_deliveries() -> list[int]:
    return services.deliveries_wake()
