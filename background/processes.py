"""Processes `make run` (`manage.py serve`) starts beside the web server, the task worker
and the scheduler: each app declares its own in its wagtail_hooks module through the
`register_serve_processes` hook (the live broadcast's ingest). A hook returns the
processes it can start, or says what is missing and what that costs."""

from collections.abc import Callable
from dataclasses import dataclass, field

from wagtail import hooks

SERVE_PROCESSES_HOOK = "register_serve_processes"


@dataclass(frozen=True)
class ServeProcess:
    name: str
    command: list[str]
    # Told to the person running `make run` when it starts.
    note: str = ""
    # Its end is reported, and the others go on.
    optional: bool = True
    log: Callable[[], str] = field(default=lambda: "")


@dataclass(frozen=True)
class Missing:
    """A process this machine cannot start: what it lacks, and what that costs."""

    message: str


def serve_processes(*, host: str, port) -> list[ServeProcess | Missing]:
    return [item for hook in hooks.get_hooks(SERVE_PROCESSES_HOOK) for item in hook(host, port)]
