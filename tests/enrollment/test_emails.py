"""The emails a learner receives about their enrollment: which, in which language, plain text
and HTML, with the session's calendar file."""

from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from smtplib import SMTPException

import pytest
from django.core.mail import EmailMessage
from django.utils import translation
from django.utils.translation import gettext
from icalendar import Calendar

from accounts.factories import AdministratorFactory, UserFactory
from cms.factories import translate
from courses.factories import CoursePageFactory, ThemePageFactory, TrainingSessionFactory
from courses.models import SessionMode
from enrollment.factories import LearnerProfileFactory
from enrollment.models import Enrollment, EnrollmentStatus
from enrollment.services import (
    enrollment_approve,
    enrollment_cancel,
    enrollment_create,
    enrollment_reject,
    session_release_expired_holds,
)

pytestmark = pytest.mark.django_db

YEAR = datetime.now(UTC).year + 1


@pytest.fixture
def theme(home):
    return ThemePageFactory(parent=home, title="Disaster risk reduction", slug="drr")


@pytest.fixture
def course(home, theme):
    course = CoursePageFactory(parent=theme, title="Flood early warning", slug="floods")
    translate(home, "fr", title="Centre de formation")
    translate(theme, "fr", title="Réduction des risques")
    translate(course, "fr", title="Alerte précoce aux crues")
    translate(theme, "ar", title="الحد من المخاطر")
    translate(course, "ar", title="الإنذار المبكر بالفيضانات")
    return course


@pytest.fixture
def dakar(course):
    """A session in Dakar on 1 June next year, 9:00 to 17:00 local time (UTC+0)."""
    return TrainingSessionFactory(
        course=course,
        starts_at=datetime(YEAR, 6, 1, 9, 0, tzinfo=UTC),
        ends_at=datetime(YEAR, 6, 1, 17, 0, tzinfo=UTC),
        timezone="Africa/Dakar",
        mode=SessionMode.HYBRID,
        venue="Université Cheikh Anta Diop",
        city="Dakar",
        country="SN",
        capacity=1,
        join_url="https://meet.example.org/floods",
    )


def learner(language: str, **fields):
    return LearnerProfileFactory(
        preferred_language=language, user=UserFactory(first_name="Awa", **fields)
    ).user


@pytest.fixture
def committed(run_tasks):
    """Emails leave once the change is committed, through the task worker: `with
    committed():` commits (as far as the email is concerned) at the end of the block, then
    runs the tasks that enqueued."""

    @contextmanager
    def commit():
        yield
        run_tasks()

    return commit


def only_email(mailoutbox, user):
    sent = [message for message in mailoutbox if message.to == [user.email]]
    assert len(sent) == 1, [message.subject for message in sent]
    return sent[0]


def html_of(message) -> str:
    ((html, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    return html


def calendar_of(message) -> Calendar:
    ((filename, content, mimetype),) = message.attachments
    assert filename.endswith(".ics")
    assert mimetype == "text/calendar"
    return Calendar.from_ical(content)


def translated(language: str, text: str, **values) -> str:
    """The text as the learner's language says it (English until the catalogue has it)."""
    with translation.override(language):
        return gettext(text) % values


def test_confirmation_email_in_french_with_the_calendar_file(dakar, committed, mailoutbox):
    """A French learner gets the confirmation in French, text and HTML, with the .ics."""
    amina = learner("fr")
    with committed():
        enrollment_create(user=amina, session=dakar)
    message = only_email(mailoutbox, amina)
    assert message.subject == translated(
        "fr", "Enrollment confirmed: %(course)s", course="\u2068Alerte précoce aux crues\u2069"
    )
    assert "Alerte précoce aux crues" in message.body
    assert f"1 juin {YEAR}" in message.body
    assert "\u2068Université Cheikh Anta Diop\u2069, \u2068Dakar\u2069, Sénégal" in message.body
    assert "\u2066(Africa/Dakar, UTC+0000)\u2069" in message.body
    assert "https://meet.example.org/floods" in message.body
    assert "http://testserver/fr/learning/" in message.body
    assert "http://testserver/fr/drr/floods/" in message.body
    html = html_of(message)
    assert '<html lang="fr" dir="ltr">' in html
    assert '<a href="http://testserver/fr/drr/floods/">Alerte précoce aux crues</a>' in html

    event = calendar_of(message).events[0]
    assert str(event["SUMMARY"]) == "Alerte précoce aux crues"
    assert event.start == datetime(YEAR, 6, 1, 9, 0, tzinfo=UTC)
    assert "Sénégal" in str(event["LOCATION"])


def test_emails_to_an_arabic_learner_are_in_arabic_and_right_to_left(dakar, committed, mailoutbox):
    """An Arabic learner's email names the course in Arabic, with Arabic dates, right to left."""
    layla = learner("ar")
    with committed():
        enrollment_create(user=layla, session=dakar)
    message = only_email(mailoutbox, layla)
    assert message.subject == translated(
        "ar", "Enrollment confirmed: %(course)s", course="\u2068الإنذار المبكر بالفيضانات\u2069"
    )
    assert "الإنذار المبكر بالفيضانات" in message.subject
    assert f"1 يونيو، {YEAR}" in message.body
    assert "السنغال" in message.body
    assert "http://testserver/ar/learning/" in message.body
    assert '<html lang="ar" dir="rtl">' in html_of(message)
    assert str(calendar_of(message).events[0]["SUMMARY"]) == "الإنذار المبكر بالفيضانات"


def test_two_learners_get_their_emails_each_in_their_language(dakar, committed, mailoutbox):
    """The French and the Arabic learner of the same session each read their own language."""
    french, arabic = learner("fr"), learner("ar")
    with committed():
        enrollment_create(user=french, session=dakar)
    with committed():
        enrollment_create(user=arabic, session=dakar)
    assert "Alerte précoce aux crues" in only_email(mailoutbox, french).subject
    assert "الإنذار المبكر بالفيضانات" in only_email(mailoutbox, arabic).subject
    assert translation.get_language() == "en"


def test_waitlisted_learner_is_told_their_place(dakar, committed, mailoutbox):
    """The second learner of a one-seat session hears they are first on the waiting list."""
    with committed():
        enrollment_create(user=learner("en"), session=dakar)
    waiting = learner("en")
    with committed():
        enrollment_create(user=waiting, session=dakar)
    message = only_email(mailoutbox, waiting)
    assert message.subject == "On the waiting list: \u2068Flood early warning\u2069"
    assert "Your place on the waiting list: 1." in message.body
    assert "meet.example.org" not in message.body


def test_cancelling_promotes_the_waitlisted_learner_and_tells_both(
    dakar, committed, mailoutbox, settings
):
    """When the seat holder cancels, they get the cancellation and the next learner the
    promotion, with the deadline to confirm."""
    settings.ENROLLMENT_SEAT_HOLD_HOURS = 48
    holder, waiting = learner("en"), learner("fr")
    with committed():
        seat = enrollment_create(user=holder, session=dakar)
    with committed():
        enrollment_create(user=waiting, session=dakar)
    mailoutbox.clear()
    with committed():
        enrollment_cancel(enrollment=seat, by=holder)
    assert (
        only_email(mailoutbox, holder).subject
        == "Enrollment cancelled: \u2068Flood early warning\u2069"
    )
    promotion = only_email(mailoutbox, waiting)
    assert promotion.subject == translated(
        "fr", "A seat is yours: %(course)s", course="\u2068Alerte précoce aux crues\u2069"
    )
    promoted = Enrollment.objects.get(user=waiting)
    assert promoted.status == EnrollmentStatus.CONFIRMED
    held = promoted.seat_held_until.astimezone(dakar.tzinfo)
    assert f"{held.day} " in promotion.body and "(\u2066Africa/Dakar\u2069)" in promotion.body
    assert translated("fr", "Confirm my seat") in promotion.body
    assert "https://meet.example.org/floods" in promotion.body
    assert calendar_of(promotion).events


def test_pending_approved_and_rejected_emails(course, committed, mailoutbox):
    """A request awaiting approval, then the decision, each gets its email; a rejection
    gives the trainers' reason."""
    session = TrainingSessionFactory(course=course, requires_approval=True, capacity=1)
    staff = AdministratorFactory()
    accepted, full, refused = learner("en"), learner("en"), learner("en")
    with committed():
        requests = [enrollment_create(user=u, session=session) for u in (accepted, full, refused)]
    assert (
        only_email(mailoutbox, accepted).subject
        == "Request received: \u2068Flood early warning\u2069"
    )
    mailoutbox.clear()

    with committed():
        enrollment_approve(enrollment=requests[0], by=staff)
    with committed():
        enrollment_approve(enrollment=requests[1], by=staff)
    with committed():
        enrollment_reject(enrollment=requests[2], by=staff, reason="The course is for engineers.")
    approved = only_email(mailoutbox, accepted)
    assert approved.subject == "Request approved: \u2068Flood early warning\u2069"
    assert "your seat in \u2068Flood early warning\u2069 is confirmed" in approved.body
    waitlisted = only_email(mailoutbox, full)
    assert "you are on the waiting list" in waitlisted.body
    assert "Your place on the waiting list: 1." in waitlisted.body
    rejected = only_email(mailoutbox, refused)
    assert rejected.subject == "Request not accepted: \u2068Flood early warning\u2069"
    assert "The trainers' reason: \u2068The course is for engineers.\u2069" in rejected.body
    assert "The course is for engineers." in html_of(rejected)
    assert calendar_of(rejected).events


def test_a_seat_not_confirmed_in_time_passes_on_with_an_email(
    dakar, committed, mailoutbox, settings
):
    """A promoted learner who lets the hold expire is told; the next one is promoted."""
    settings.ENROLLMENT_SEAT_HOLD_HOURS = 1
    holder, slow, next_one = learner("en"), learner("en"), learner("en")
    with committed():
        seat = enrollment_create(user=holder, session=dakar)
    with committed():
        enrollment_create(user=slow, session=dakar)
    with committed():
        enrollment_create(user=next_one, session=dakar)
    with committed():
        enrollment_cancel(enrollment=seat)
    mailoutbox.clear()
    with committed():
        session_release_expired_holds(now=datetime.now(UTC) + timedelta(hours=2))
    assert only_email(mailoutbox, slow).subject == "Seat passed on: \u2068Flood early warning\u2069"
    assert (
        only_email(mailoutbox, next_one).subject
        == "A seat is yours: \u2068Flood early warning\u2069"
    )


def test_without_a_profile_the_language_of_the_enrollment_request_is_used(
    dakar, committed, mailoutbox
):
    """A learner with no profile who enrolled on /fr/ gets the confirmation in French;
    later emails, sent from someone else's request, fall back to English."""
    nobody = UserFactory()
    with translation.override("fr"), committed():
        seat = enrollment_create(user=nobody, session=dakar)
    assert "Alerte précoce aux crues" in only_email(mailoutbox, nobody).subject
    mailoutbox.clear()
    with translation.override("ar"), committed():
        enrollment_cancel(enrollment=seat, by=AdministratorFactory())
    assert (
        only_email(mailoutbox, nobody).subject
        == "Enrollment cancelled: \u2068Flood early warning\u2069"
    )


def test_a_mail_server_failure_does_not_undo_the_enrollment(dakar, committed, monkeypatch):
    """If the email cannot leave, the learner is still enrolled."""

    def refuse(self, fail_silently=False):
        raise SMTPException("mail server down")

    monkeypatch.setattr(EmailMessage, "send", refuse)
    amina = learner("en")
    with committed():
        enrollment_create(user=amina, session=dakar)
    assert Enrollment.objects.get(user=amina).status == EnrollmentStatus.CONFIRMED


def test_cancel_through_the_page_promotes_and_emails_the_next_learner(
    client, dakar, committed, mailoutbox
):
    """A learner cancels on My learning; the waitlisted learner receives the promotion."""
    holder, waiting = learner("en"), learner("ar")
    with committed():
        seat = enrollment_create(user=holder, session=dakar)
    with committed():
        enrollment_create(user=waiting, session=dakar)
    mailoutbox.clear()
    client.force_login(holder)
    with committed():
        client.post(f"/en/learning/{seat.pk}/cancel/")
    promotion = only_email(mailoutbox, waiting)
    assert "الإنذار المبكر بالفيضانات" in promotion.subject
    assert '<html lang="ar" dir="rtl">' in html_of(promotion)
