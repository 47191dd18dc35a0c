"""Email the survey invitation to learners of sessions whose survey is open, and the one
reminder a few days later (the scheduler runs the same as surveys.tasks); safe to run as
often as wished: each learner gets each email once."""

from django.core.management.base import BaseCommand, CommandError

from surveys import services


class Command(BaseCommand):
    help = (
        "Email the satisfaction survey to learners who attended sessions whose survey is "
        "open, and one reminder SURVEY_REMINDER_DAYS later to those who have not answered "
        "(run daily or hourly: each email goes once)."
    )

    def handle(self, *args, **options):
        sent = services.survey_emails_send(
            errors=lambda event, enrollment, error: self.stderr.write(
                f"{event} for enrollment {enrollment.pk}: {error}"
            )
        )
        self.stdout.write(
            f"{sent.invited} invitation(s) and {sent.reminded} reminder(s) sent, "
            f"{sent.failed} failed."
        )
        if sent.failed:
            raise CommandError(
                f"{sent.failed} survey email(s) could not be sent; the next run retries."
            )
