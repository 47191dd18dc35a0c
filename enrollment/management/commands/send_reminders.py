"""Email confirmed learners of the sessions starting soon (the scheduler runs the same as
the task enrollment.tasks.send_reminders); safe to run as often as wished: each learner
gets one reminder per enrollment, queued in the outbox."""

import re
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from enrollment import services

WINDOW = re.compile(r"^(\d{1,4})(?:-(\d{1,4}))?$")


def parse_window(value: str) -> tuple[int, int]:
    """'24-48' (sessions starting in 24 to 48 hours) or '36' (from now to 36 hours)."""
    match = WINDOW.match(value.strip())
    if not match:
        raise CommandError(f"--hours must look like 24-48 or 36, not {value!r}.")
    first, last = (int(match[1]), int(match[2])) if match[2] else (0, int(match[1]))
    if first >= last:
        raise CommandError(f"--hours must start before it ends, not {value!r}.")
    return first, last


class Command(BaseCommand):
    help = (
        "Email the reminder to confirmed learners of sessions starting in the next 24 to "
        "48 hours (run daily or hourly: a learner is reminded once)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours",
            default="24-48",
            help="Sessions starting this many hours from now: 'FROM-TO' or 'TO' (from now).",
        )

    def handle(self, *args, hours, **options):
        first, last = parse_window(hours)
        sent, failed = services.reminders_send(
            starts_in=(timedelta(hours=first), timedelta(hours=last)),
            errors=lambda enrollment, error: self.stderr.write(
                f"enrollment {enrollment.pk}: {error}"
            ),
        )
        self.stdout.write(f"{sent} reminder(s) sent, {failed} failed.")
        if failed:
            raise CommandError(f"{failed} reminder(s) could not be sent; the next run retries.")
