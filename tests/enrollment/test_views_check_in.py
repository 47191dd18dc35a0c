"""What a learner sees when checking in to the room: from the QR code or by typing the code."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from accounts.factories import DEFAULT_PASSWORD
from cms.factories import translate
from courses.factories import CoursePageFactory, ThemePageFactory, TrainingSessionFactory
from enrollment.factories import EnrollmentFactory
from enrollment.models import Attendance, AttendanceSource, EnrollmentStatus
from enrollment.services import check_in_code_current

pytestmark = pytest.mark.django_db


@pytest.fixture
def theme(home):
    return ThemePageFactory(parent=home, slug="drr")


@pytest.fixture
def course(theme):
    return CoursePageFactory(parent=theme, title="Flood early warning", slug="floods")


@pytest.fixture
def running(course):
    """A session in the room that started an hour ago."""
    now = timezone.now()
    return TrainingSessionFactory(
        course=course,
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=2),
        mode="in_room",
        city="Nairobi",
    )


@pytest.fixture
def enrollment(running):
    return EnrollmentFactory(session=running)


@pytest.fixture
def learner_client(client, enrollment):
    client.force_login(enrollment.user)
    return client


@pytest.fixture
def code(running) -> str:
    return check_in_code_current(running).code


def today_text() -> str:
    return date_format(timezone.now().date(), "DATE_FORMAT")


def test_scanning_the_qr_code_checks_the_learner_in(learner_client, enrollment, code):
    """Opening the QR code's address says the learner is checked in for the course, today."""
    page = learner_client.get(f"/en/check-in/{code}/").content.decode()
    assert f"You are checked in for <bdi>Flood early warning</bdi>, {today_text()}." in page
    attendance = Attendance.objects.get(enrollment=enrollment)
    assert attendance.source == AttendanceSource.CHECK_IN_CODE


def test_typing_the_code_checks_the_learner_in(learner_client, enrollment, code):
    """The form takes the code, in lower case too, and answers on the same page."""
    page = learner_client.get("/en/check-in/").content.decode()
    assert 'name="code"' in page
    response = learner_client.post("/en/check-in/", {"code": code.lower()})
    assert "You are checked in for <bdi>Flood early warning</bdi>" in response.content.decode()
    assert Attendance.objects.filter(enrollment=enrollment).count() == 1


def test_checking_in_twice_is_harmless(learner_client, enrollment, code):
    """The same code again the same day says so and keeps one attendance."""
    learner_client.get(f"/en/check-in/{code}/")
    page = learner_client.get(f"/en/check-in/{code}/").content.decode()
    assert "You had already checked in today" in page
    assert Attendance.objects.filter(enrollment=enrollment).count() == 1


def test_a_logged_out_learner_logs_in_and_is_checked_in(client, enrollment, code):
    """Scanning while logged out leads to the log-in page, then back to the check-in."""
    response = client.get(f"/en/check-in/{code}/")
    assert response["Location"] == f"/en/accounts/login/?next=/en/check-in/{code}/"
    response = client.post(
        "/en/accounts/login/",
        {
            "login": enrollment.user.email,
            "password": DEFAULT_PASSWORD,
            "next": f"/en/check-in/{code}/",
        },
        follow=True,
    )
    assert "You are checked in for <bdi>Flood early warning</bdi>" in response.content.decode()


def test_an_unknown_code_says_so(learner_client, code):
    """A mistyped code is unknown, and the form is offered again."""
    response = learner_client.post("/en/check-in/", {"code": "ZZZZZZ"})
    page = response.content.decode()
    assert "This code is unknown. Check it against the one shown in the room." in page
    assert 'name="code"' in page
    assert not Attendance.objects.exists()


def test_guessing_codes_is_stopped_after_ten_tries_a_minute(learner_client, code, rate_limit_clock):
    """Typed or opened from a link, the eleventh try in a minute gets the 429 page."""
    for attempt in range(10):
        path = "/en/check-in/" if attempt % 2 else f"/en/check-in/ZZZZZ{attempt}/"
        response = (
            learner_client.post(path, {"code": f"ZZZZZ{attempt}"})
            if attempt % 2
            else learner_client.get(path)
        )
        assert response.status_code == 200
    response = learner_client.post("/en/check-in/", {"code": code})
    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()
    assert not Attendance.objects.exists()


def test_the_check_in_limit_resets_the_next_minute(learner_client, code, rate_limit_clock):
    """After ten wrong tries, the learner waits for the next minute and checks in."""
    for attempt in range(10):
        learner_client.post("/en/check-in/", {"code": f"ZZZZZ{attempt}"})
    assert learner_client.post("/en/check-in/", {"code": code}).status_code == 429

    rate_limit_clock.value += 60

    response = learner_client.post("/en/check-in/", {"code": code})
    assert response.status_code == 200
    assert Attendance.objects.count() == 1


def test_an_expired_code_says_so(learner_client, running):
    """A code from earlier in the day has expired."""
    earlier = timezone.now() - timedelta(minutes=30)
    old = check_in_code_current(running, earlier).code
    page = learner_client.get(f"/en/check-in/{old}/").content.decode()
    assert "This code has expired. Type the code shown in the room now." in page
    assert not Attendance.objects.exists()


def test_a_learner_not_confirmed_is_told_so(client, running, code):
    """A waitlisted learner scanning the code is told they are not confirmed in the session."""
    waiting = EnrollmentFactory(session=running, status=EnrollmentStatus.WAITLISTED)
    client.force_login(waiting.user)
    page = client.get(f"/en/check-in/{code}/").content.decode()
    assert "You are not a confirmed learner of this session" in page


def test_a_session_not_running_today_says_so(client, course):
    """A code of a session that runs next week is refused: not running today."""
    next_week = TrainingSessionFactory(course=course)
    learner = EnrollmentFactory(session=next_week).user
    client.force_login(learner)
    code = check_in_code_current(next_week).code
    page = client.get(f"/en/check-in/{code}/").content.decode()
    assert "This session is not running today." in page


def test_check_in_answers_in_the_readers_language(
    learner_client, home, theme, course, enrollment, code
):
    """On /fr/ the course is named in French and the date written the French way."""
    translate(home, "fr", title="Centre de formation")
    translate(theme, "fr", title="Réduction des risques")
    translate(course, "fr", title="Alerte précoce aux crues")
    page = learner_client.get(f"/fr/check-in/{code}/").content.decode()
    assert "Alerte précoce aux crues" in page
    assert '<html lang="fr"' in page


def test_the_code_of_the_trainers_screen_is_the_one_learners_type(running):
    """The screen and the learner's check-in share one code per period."""
    now = timezone.now()
    assert check_in_code_current(running, now) == check_in_code_current(running, now)
