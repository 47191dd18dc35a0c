"""Email the survey invitation to learners of sessions whose survey is open, and the one
reminder a few days later; safe to run from cron, as often as wished: each learner gets
each email once."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from surveys import emails, selectors, services


class Command(BaseCommand):
    help = (
        "Email the satisfaction survey to learners who attended sessions whose survey is "
        "open, and one reminder SURVEY_REMINDER_DAYS later to those who have not answered "
        "(run daily or hourly: each email goes once)."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        invited, failed_invitations = self.send(
            selectors.invitations_due(now),
            "invitation",
            claim=services.invitation_claim,
            unclaim=services.invitation_unclaim,
            now=now,
        )
        reminded, failed_reminders = self.send(
            selectors.reminders_due(now),
            "reminder",
            claim=services.reminder_claim,
            unclaim=services.reminder_unclaim,
            now=now,
        )
        self.stdout.write(
            f"{invited} invitation(s) and {reminded} reminder(s) sent, "
            f"{failed_invitations + failed_reminders} failed."
        )
        failed = failed_invitations + failed_reminders
        if failed:
            raise CommandError(f"{failed} survey email(s) could not be sent; the next run retries.")

    def send(self, due, event: str, *, claim, unclaim, now) -> tuple[int, int]:
        sent = failed = 0
        for enrollment in due:
            # Claimed before sending, so two runs at once never send the same email.
            if not claim(enrollment=enrollment, now=now):
                continue
            try:
                emails.send_survey_email(enrollment, event)
            except Exception as error:
                unclaim(enrollment=enrollment)
                failed += 1
                self.stderr.write(f"{event} for enrollment {enrollment.pk}: {error}")
            else:
                sent += 1
        return sent, failed
