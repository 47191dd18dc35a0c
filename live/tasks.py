"""Background task of the live room: forgetting the receipts of old actions."""

from django_tasks import task

from live import services


@task()
def prune_action_receipts() -> int:
    return services.action_receipts_prune()
