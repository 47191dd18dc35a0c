"""Email confirmed learners of the sessions starting soon; safe to run from cron, as often
as wished: each learner gets one reminder per enrollment."""

import re
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from enrollment import emails, services
from enrollment.learning import enrollments_to_remind

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
        now = timezone.now()
        due = enrollments_to_remind(
            starts_after=now + timedelta(hours=first), starts_before=now + timedelta(hours=last)
        )
        sent = failed = 0
        for enrollment in due:
            # Claimed before sending, so two runs at once never send the same reminder.
            if not services.enrollment_claim_reminder(enrollment=enrollment, now=now):
                continue
            try:
                emails.send_reminder(enrollment)
            except Exception as error:
                services.enrollment_unclaim_reminder(enrollment=enrollment)
                failed += 1
                self.stderr.write(f"enrollment {enrollment.pk}: {error}")
            else:
                sent += 1
        self.stdout.write(f"{sent} reminder(s) sent, {failed} failed.")
        if failed:
            raise CommandError(f"{failed} reminder(s) could not be sent; the next run retries.")
