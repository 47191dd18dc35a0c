"""Evaluate the completion rule for the learners of recently ended sessions and issue the
certificates it grants; safe to run from cron, as often as wished (issuing is idempotent)."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from certificates.models import Certificate
from certificates.services import session_complete
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
        now = timezone.now()
        sessions = TrainingSession.objects.exclude(status=SessionStatus.CANCELLED).filter(
            ends_at__lte=now
        )
        if session is not None:
            sessions = sessions.filter(pk=session)
            if not sessions.exists():
                raise CommandError(f"No ended, uncancelled session has the id {session}.")
        else:
            sessions = sessions.filter(ends_at__gte=now - timedelta(days=days))
        evaluated = held = issued = 0
        for each in sessions.select_related("course", "site").order_by("ends_at"):
            before = Certificate.objects.filter(enrollment__session=each).count()
            held += session_complete(session=each, now=now)
            issued += Certificate.objects.filter(enrollment__session=each).count() - before
            evaluated += 1
        self.stdout.write(
            f"{evaluated} session(s) evaluated: {issued} certificate(s) issued now, "
            f"{held} held in all."
        )
