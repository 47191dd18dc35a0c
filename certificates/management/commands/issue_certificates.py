"""Evaluate the completion rule for the learners of recently ended sessions and issue the
certificates it grants (the scheduler runs the same as certificates.tasks); safe to run
as often as wished (issuing is idempotent)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from certificates.services import sessions_complete_recent
from courses.models import SessionStatus, TrainingSession


class Command(BaseCommand):
    help = (
        "Issue the certificates of sessions that ended in the last few days (by default, "
        "as long as their survey stays open, plus one day). Run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.SURVEY_OPEN_DAYS + 1,
            help="Sessions that ended this many days ago or less (default: %(default)s).",
        )
        parser.add_argument("--session", type=int, help="Only this session (its id).")

    def handle(self, *args, days, session=None, **options):
        if days < 1:
            raise CommandError("--days must be at least 1.")
        if session is not None and not (
            TrainingSession.objects.exclude(status=SessionStatus.CANCELLED)
            .filter(pk=session, ends_at__lte=timezone.now())
            .exists()
        ):
            raise CommandError(f"No ended, uncancelled session has the id {session}.")
        done = sessions_complete_recent(days=days, session_id=session)
        self.stdout.write(
            f"{done.evaluated} session(s) evaluated: {done.issued} certificate(s) issued now, "
            f"{done.held} held in all."
        )
