"""send_survey_invitations, run by cron: the invitation once to each learner who may
answer an open survey, one reminder days later to those who still have not, in each
learner's language, never twice even when two runs overlap."""

from datetime import timedelta
from io import StringIO
from smtplib import SMTPException

import pytest
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from courses.factories import TrainingSessionFactory
from courses.models import SessionStatus
from enrollment.factories import EnrollmentFactory
from enrollment.models import EnrollmentStatus
from surveys import services
from surveys.factories import SurveyFactory
from surveys.models import SurveyInvitation
from tests.surveys.factories import answered, attend, attendee, ended_session
from tests.tasks import work_off_the_queue

pytestmark = pytest.mark.django_db


def run() -> str:
    """Runs the command, then the worker that delivers what it queued."""
    out = StringIO()
    call_command("send_survey_invitations", stdout=out, stderr=StringIO())
    work_off_the_queue()
    return out.getvalue()


def invited_days_ago(enrollment, days: float):
    SurveyInvitation.objects.update_or_create(
        enrollment=enrollment,
        defaults={"invited_at": timezone.now() - timedelta(days=days)},
    )
    return enrollment


def test_learners_who_may_answer_an_open_survey_are_invited(course, session, mailoutbox):
    """Of a session that ended yesterday, only learners who held a seat and attended, and
    have not answered, are invited; sessions not ended, long closed or cancelled are not."""
    english = attendee(session)
    attendee(session, status=EnrollmentStatus.COMPLETED)
    EnrollmentFactory(session=session)  # did not attend
    attend(EnrollmentFactory(session=session, status=EnrollmentStatus.PENDING))
    attend(EnrollmentFactory(session=session, status=EnrollmentStatus.CANCELLED))
    answered(attendee(session))
    future = TrainingSessionFactory(course=course)
    attendee(future)
    attendee(ended_session(course, days_ago=30))
    attendee(ended_session(course, status=SessionStatus.CANCELLED))

    assert run() == "2 invitation(s) and 0 reminder(s) sent, 0 failed.\n"
    assert len(mailoutbox) == 2
    message = next(m for m in mailoutbox if m.to == [english.user.email])
    assert message.subject == "Your opinion on \u2068Flood early warning\u2069"
    link = f"http://testserver/en/learning/{english.pk}/survey/"
    assert link in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="{link}"' in html
    assert "It is anonymous" in message.body
    assert SurveyInvitation.objects.get(enrollment=english).invited_at is not None


def test_the_invitation_is_in_the_learners_language(session, mailoutbox):
    """An Arabic-speaking learner gets the Arabic course title, an Arabic link and a
    right-to-left HTML part."""
    arabic = attendee(session, language="ar")
    run()
    (message,) = mailoutbox
    assert message.to == [arabic.user.email]
    assert "الإنذار المبكر بالفيضانات" in message.subject
    assert "Flood early warning" not in message.subject
    assert f"http://testserver/ar/learning/{arabic.pk}/survey/" in message.body
    assert '<html lang="ar" dir="rtl">' in message.alternatives[0][0]


def test_the_invitation_keeps_its_address_and_time_zone_left_to_right(session, mailoutbox):
    """In an Arabic invitation the survey's address and the session's time zone are
    left-to-right isolates, and the course title and name first-strong ones."""
    arabic = attendee(session, language="ar")
    run()
    (message,) = mailoutbox
    link = f"http://testserver/ar/learning/{arabic.pk}/survey/"
    assert f"\u2066{link} \u2069" in message.body
    assert f"(\u2066{session.timezone}\u2069)" in message.body
    assert "\u2068الإنذار المبكر بالفيضانات\u2069" in message.body
    name = arabic.user.first_name or arabic.user.email
    assert f"<bdi>{name}</bdi>" in message.alternatives[0][0]


def test_invitations_are_sent_once_however_often_cron_runs(session, mailoutbox):
    attendee(session)
    attendee(session)
    run()
    assert run() == "0 invitation(s) and 0 reminder(s) sent, 0 failed.\n"
    run()
    assert len(mailoutbox) == 2


def test_a_claimed_invitation_is_not_sent_by_another_run(session):
    """Two runs at once: only the first claim succeeds."""
    enrollment = attendee(session)
    now = timezone.now()
    assert services.invitation_claim(enrollment=enrollment, now=now) is True
    assert services.invitation_claim(enrollment=enrollment, now=now) is False


def test_one_reminder_goes_days_after_the_invitation(session, mailoutbox, settings):
    """Invited four days ago (SURVEY_REMINDER_DAYS = 3) and not answered: reminded once;
    invited two days ago or answered: not reminded."""
    settings.SURVEY_REMINDER_DAYS = 3
    due = invited_days_ago(attendee(session), 4)
    invited_days_ago(attendee(session), 2)
    answered(invited_days_ago(attendee(session), 4))

    assert run() == "0 invitation(s) and 1 reminder(s) sent, 0 failed.\n"
    (message,) = mailoutbox
    assert message.to == [due.user.email]
    assert message.subject == "Reminder: your opinion on \u2068Flood early warning\u2069"
    assert f"http://testserver/en/learning/{due.pk}/survey/" in message.body
    assert SurveyInvitation.objects.get(enrollment=due).reminded_at is not None
    assert run() == "0 invitation(s) and 0 reminder(s) sent, 0 failed.\n"
    assert len(mailoutbox) == 1


def test_the_reminder_is_in_the_learners_language(session, mailoutbox):
    invited_days_ago(attendee(session, language="ar"), 5)
    run()
    (message,) = mailoutbox
    assert "الإنذار المبكر بالفيضانات" in message.subject
    assert "/ar/learning/" in message.body


def test_no_reminder_once_the_survey_closed(course, mailoutbox, settings):
    settings.SURVEY_OPEN_DAYS = 14
    closed = ended_session(course, days_ago=15)
    invited_days_ago(attendee(closed), 10)
    assert run() == "0 invitation(s) and 0 reminder(s) sent, 0 failed.\n"
    assert mailoutbox == []


def test_a_survey_with_its_own_window_is_followed(course, session, mailoutbox):
    """A survey set to open tomorrow invites nobody yet."""
    SurveyFactory(
        session=session,
        opens_at=timezone.now() + timedelta(days=1),
        closes_at=timezone.now() + timedelta(days=8),
    )
    attendee(session)
    run()
    assert mailoutbox == []


def test_a_failed_email_makes_the_command_fail_and_is_retried(session, mailoutbox, monkeypatch):
    """The mail server refuses: the command exits non-zero and the next run sends it."""
    enrollment = attendee(session)

    def refuse(self, *args, **kwargs):
        raise SMTPException("mail server down")

    monkeypatch.setattr(EmailMessage, "send", refuse)
    with pytest.raises(CommandError, match="1 survey email"):
        run()
    assert SurveyInvitation.objects.get(enrollment=enrollment).invited_at is None

    monkeypatch.undo()
    assert run() == "1 invitation(s) and 0 reminder(s) sent, 0 failed.\n"
    assert len(mailoutbox) == 1
