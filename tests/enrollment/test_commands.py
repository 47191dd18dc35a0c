"""The commands cron runs: reminders the day before, and seats whose hold ran out."""

import subprocess
import sys
from datetime import timedelta
from io import StringIO
from pathlib import Path
from smtplib import SMTPException

import pytest
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from icalendar import Calendar

from cms.factories import translate
from courses.factories import CoursePageFactory, ThemePageFactory, TrainingSessionFactory
from courses.models import SessionStatus
from enrollment.factories import EnrollmentFactory, LearnerProfileFactory
from enrollment.models import Enrollment, EnrollmentStatus
from tests.tasks import work_off_the_queue

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def theme(home):
    return ThemePageFactory(parent=home, slug="drr")


@pytest.fixture
def course(theme):
    return CoursePageFactory(parent=theme, title="Flood early warning", slug="floods")


def starting_in(course, hours: float, **fields):
    return TrainingSessionFactory(
        course=course, starts_at=timezone.now() + timedelta(hours=hours), **fields
    )


def confirmed(session, language="en"):
    user = LearnerProfileFactory(preferred_language=language).user
    return EnrollmentFactory(user=user, session=session)


def remind(*args) -> str:
    """Runs the command, then the worker that delivers what it queued."""
    out = StringIO()
    call_command("send_reminders", *args, stdout=out, stderr=StringIO())
    work_off_the_queue()
    return out.getvalue()


def test_reminders_go_to_confirmed_learners_of_sessions_starting_tomorrow(course, mailoutbox):
    """Only confirmed learners of a scheduled session starting in 24-48 hours are reminded."""
    tomorrow = starting_in(course, 30)
    reminded = confirmed(tomorrow)
    EnrollmentFactory(session=tomorrow, status=EnrollmentStatus.WAITLISTED)
    EnrollmentFactory(session=tomorrow, status=EnrollmentStatus.PENDING)
    EnrollmentFactory(session=tomorrow, status=EnrollmentStatus.CANCELLED)
    confirmed(starting_in(course, 10))
    confirmed(starting_in(course, 60))
    confirmed(starting_in(course, 30, status=SessionStatus.CANCELLED))

    assert remind() == "1 reminder(s) sent, 0 failed.\n"
    (message,) = mailoutbox
    assert message.to == [reminded.user.email]
    assert message.subject == "Reminder: \u2068Flood early warning\u2069 starts soon"
    assert Calendar.from_ical(message.attachments[0][1]).events
    assert Enrollment.objects.get(pk=reminded.pk).reminded_at is not None


def test_reminders_are_sent_once_however_often_cron_runs(course, mailoutbox):
    """A second and third run send nothing more."""
    confirmed(starting_in(course, 30))
    confirmed(starting_in(course, 40))
    remind()
    assert remind() == "0 reminder(s) sent, 0 failed.\n"
    remind()
    assert len(mailoutbox) == 2


def test_the_window_can_be_chosen(course, mailoutbox):
    """--hours 0-12 reminds the session starting in ten hours; --hours 72 every session
    of the next three days."""
    soon = confirmed(starting_in(course, 10))
    confirmed(starting_in(course, 60))
    remind("--hours", "0-12")
    assert [m.to for m in mailoutbox] == [[soon.user.email]]
    remind("--hours", "72")
    assert len(mailoutbox) == 2


def test_the_reminder_is_in_the_learners_language(home, theme, course, mailoutbox):
    """A French learner's reminder names the course in French."""
    translate(home, "fr", title="Centre de formation")
    translate(theme, "fr", title="Réduction des risques")
    translate(course, "fr", title="Alerte précoce aux crues")
    confirmed(starting_in(course, 30), language="fr")
    remind()
    assert "Alerte précoce aux crues" in mailoutbox[0].subject
    assert "http://testserver/fr/learning/" in mailoutbox[0].body


@pytest.mark.parametrize("window", ["tomorrow", "48-24", "-5", "12-12", "1-2-3"])
def test_a_malformed_window_is_refused_with_a_message(window):
    """A window that is not FROM-TO (FROM before TO) stops with an explanation."""
    with pytest.raises(CommandError, match="--hours must"):
        remind("--hours", window)


def test_a_malformed_window_exits_non_zero_from_the_shell():
    """Run as cron would, a bad argument exits with status 1 and says why."""
    result = subprocess.run(
        [sys.executable, "manage.py", "send_reminders", "--hours", "soon"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert "--hours must look like 24-48 or 36" in result.stderr


def test_a_failed_send_is_retried_by_the_next_run(course, mailoutbox, monkeypatch):
    """When the mail server is down the command fails and the next run sends the reminder."""
    enrollment = confirmed(starting_in(course, 30))

    def refuse(self, fail_silently=False):
        raise SMTPException("mail server down")

    with monkeypatch.context() as patched:
        patched.setattr(EmailMessage, "send", refuse)
        with pytest.raises(CommandError, match="1 reminder"):
            remind()
    assert Enrollment.objects.get(pk=enrollment.pk).reminded_at is None
    assert remind() == "1 reminder(s) sent, 0 failed.\n"
    assert len(mailoutbox) == 1


def test_release_expired_holds_passes_seats_on(course, settings):
    """A seat held past its deadline goes to the next learner on the waiting list."""
    session = starting_in(course, 72, capacity=1)
    session.seats_taken = 1
    session.save()
    late = EnrollmentFactory(session=session, seat_held_until=timezone.now() - timedelta(hours=1))
    next_one = EnrollmentFactory(session=session, status=EnrollmentStatus.WAITLISTED)
    out = StringIO()
    call_command("release_expired_holds", stdout=out)
    assert out.getvalue() == "1 held seat(s) passed on.\n"
    assert Enrollment.objects.get(pk=late.pk).status == EnrollmentStatus.CANCELLED
    assert Enrollment.objects.get(pk=next_one.pk).status == EnrollmentStatus.CONFIRMED
