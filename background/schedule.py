"""The periodic jobs: each app declares its own in its wagtail_hooks module through the
`register_periodic_tasks` hook; `manage.py run_scheduler` enqueues those that are due."""

from dataclasses import dataclass
from datetime import timedelta

from wagtail import hooks

PERIODIC_TASKS_HOOK = "register_periodic_tasks"


@dataclass(frozen=True)
class PeriodicJob:
    task: object  # a django_tasks Task taking no argument
    every: timedelta

    @property
    def name(self) -> str:
        return self.task.module_path


def periodic_jobs() -> list[PeriodicJob]:
    jobs = [job for hook in hooks.get_hooks(PERIODIC_TASKS_HOOK) for job in hook()]
    return sorted(jobs, key=lambda job: job.name)
