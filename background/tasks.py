"""Background tasks of background work itself: delivering email, requeueing what was
lost, clearing old records."""

from datetime import timedelta

from django.core.management import call_command
from django_tasks import task

from background import services


@task()
def deliver_email(email_id: int) -> str:
    return services.email_deliver(email_id=email_id)


@task()
def requeue_stalled_emails() -> int:
    return services.emails_requeue_stalled()


# Finished task records are kept this long for administrators to look at, then pruned.
SUCCESSFUL_TASKS_KEPT = timedelta(days=1)
FAILED_TASKS_KEPT = timedelta(days=30)


@task()
def prune_task_results() -> None:
    from django_tasks import task_backends
    from django_tasks_db import DatabaseBackend

    if not isinstance(task_backends["default"], DatabaseBackend):
        return
    call_command(
        "prune_db_task_results",
        min_age_days=SUCCESSFUL_TASKS_KEPT.days,
        failed_min_age_days=FAILED_TASKS_KEPT.days,
        verbosity=0,
    )


@task()
def clear_expired_sessions() -> None:
    call_command("clearsessions")
