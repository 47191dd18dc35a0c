"""Privacy's periodic job: the retention purge, once a day."""

from datetime import timedelta

from wagtail import hooks

from background.schedule import PERIODIC_TASKS_HOOK, PeriodicJob
from privacy import tasks


@hooks.register(PERIODIC_TASKS_HOOK)
def privacy_periodic_tasks():
    return [PeriodicJob(tasks.purge_inactive_accounts, every=timedelta(days=1))]
