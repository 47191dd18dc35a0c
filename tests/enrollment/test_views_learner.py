"""What a learner sees: the profile, the enrollment confirmation, My learning, cancelling,
and the course page's call to action."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.factories import DEFAULT_PASSWORD, UserFactory
from cms.factories import translate
from courses.factories import CoursePageFactory, ThemePageFactory, TrainingSessionFactory
from courses.models import SessionMode, SessionStatus, TrainingSession
from enrollment.factories import EnrollmentFactory, LearnerProfileFactory
from enrollment.models import (
    Attendance,
    AttendanceSource,
    Enrollment,
    EnrollmentStatus,
    Gender,
    LearnerProfile,
)
from enrollment.services import enrollment_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def theme(home):
    return ThemePageFactory(parent=home, title="Disaster risk reduction", slug="drr")


@pytest.fixture
def course(theme):
    return CoursePageFactory(parent=theme, title="Flood early warning", slug="floods")


@pytest.fixture
def learner():
    return LearnerProfileFactory(user=UserFactory(first_name="Amina")).user


@pytest.fixture
def signed_in(client, learner):
    client.force_login(learner)
    return client


def session(course, **fields):
    return TrainingSessionFactory(course=course, **fields)


def enroll_url(session, language="en") -> str:
    return f"/{language}/sessions/{session.pk}/enroll/"


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def seats_taken(session) -> int:
    return TrainingSession.objects.get(pk=session.pk).seats_taken


# --- logging in and the profile -----------------------------------------------------------


def test_anonymous_reader_logs_in_and_comes_back_to_the_enrollment(client, course):
    """Enrolling while logged out leads to the log-in page, then back to the same session."""
    open_session = session(course)
    response = client.get(enroll_url(open_session))
    assert response.status_code == 302
    assert response["Location"] == (
        f"/en/accounts/login/?next=/en/sessions/{open_session.pk}/enroll/"
    )
    learner = LearnerProfileFactory().user
    response = client.post(
        "/en/accounts/login/",
        {"login": learner.email, "password": DEFAULT_PASSWORD, "next": enroll_url(open_session)},
    )
    assert response.status_code == 302
    assert response["Location"] == enroll_url(open_session)
    assert "Confirm my enrollment" in client.get(response["Location"]).content.decode()


def test_first_enrollment_asks_for_the_profile_then_returns(client, course):
    """A learner without a profile fills it in first and lands back on the enrollment."""
    open_session = session(course)
    newcomer = UserFactory()
    client.force_login(newcomer)
    response = client.get(enroll_url(open_session))
    profile_url = f"/en/learning/profile/?next=%2Fen%2Fsessions%2F{open_session.pk}%2Fenroll%2F"
    assert response["Location"] == profile_url

    page = client.get(profile_url).content.decode()
    assert "Before your first enrollment" in page
    assert f'name="next" value="/en/sessions/{open_session.pk}/enroll/"' in page

    response = client.post(
        "/en/learning/profile/",
        {"country": "SN", "gender": Gender.WOMAN, "next": enroll_url(open_session)},
    )
    assert response["Location"] == enroll_url(open_session)
    profile = LearnerProfile.objects.get(user=newcomer)
    assert (profile.country.code, profile.gender) == ("SN", Gender.WOMAN)
    assert not Enrollment.objects.exists()


def test_only_the_country_is_required(signed_in, learner):
    """An empty profile form says the country is missing and saves nothing else."""
    LearnerProfile.objects.filter(user=learner).delete()
    response = signed_in.post("/en/learning/profile/", {"gender": Gender.UNSTATED})
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["country"]
    assert "This field is required." in response.content.decode()
    assert not LearnerProfile.objects.filter(user=learner).exists()


def test_profile_errors_and_country_names_in_arabic(signed_in, learner):
    """On /ar/ the countries are listed in Arabic and the errors are in Arabic."""
    LearnerProfile.objects.filter(user=learner).delete()
    page = signed_in.get("/ar/learning/profile/").content.decode()
    assert '<option value="KE">كينيا</option>' in page
    response = signed_in.post("/ar/learning/profile/", {"gender": Gender.UNSTATED})
    assert "هذا الحقل مطلوب." in response.content.decode()


def test_an_implausible_year_of_birth_is_refused(signed_in, learner):
    """A year of birth in the future or two centuries ago is refused with a clear message."""
    this_year = timezone.now().year
    for year in (this_year + 1, 1820):
        response = signed_in.post("/en/learning/profile/", {"country": "KE", "year_of_birth": year})
        assert (
            f"Enter a year between {this_year - 100} and {this_year - 10}, or leave it empty."
            in response.content.decode()
        )
    signed_in.post("/en/learning/profile/", {"country": "KE", "year_of_birth": 1990})
    assert LearnerProfile.objects.get(user=learner).year_of_birth == 1990


def test_preferred_language_defaults_to_the_language_being_read(client):
    """A French reader's new profile offers French as the preferred language."""
    client.force_login(UserFactory())
    page = client.get("/fr/learning/profile/").content.decode()
    assert '<option value="fr" selected>' in page
    assert '<input type="radio" name="gender" value="unstated"' in page
    assert 'value="unstated" id="id_gender_3" checked' in page


def test_profile_is_editable_later(signed_in, learner):
    """The learner changes their organisation and sees it saved."""
    page = signed_in.get("/en/learning/profile/").content.decode()
    assert 'value="Ministry of Water"' in page
    response = signed_in.post(
        "/en/learning/profile/",
        {"country": "KE", "gender": Gender.WOMAN, "organisation": "Red Cross", "sector": "ngo"},
        follow=True,
    )
    assert "Your profile is saved." in messages_of(response)
    profile = LearnerProfile.objects.get(user=learner)
    assert (profile.organisation, profile.sector) == ("Red Cross", "ngo")


def test_the_profile_never_sends_the_learner_to_another_site(signed_in):
    """A `next` pointing elsewhere is ignored after saving."""
    response = signed_in.post(
        "/en/learning/profile/", {"country": "KE", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/en/learning/profile/"


# --- enrolling ----------------------------------------------------------------------------


def test_enrollment_page_says_what_will_happen(signed_in, course):
    """The confirmation page gives the course, local dates, venue, seats and the outcome."""
    year = timezone.now().year + 1
    nairobi = session(
        course,
        starts_at=datetime(year, 6, 1, 6, 0, tzinfo=UTC),
        ends_at=datetime(year, 6, 2, 14, 0, tzinfo=UTC),
        timezone="Africa/Nairobi",
        mode=SessionMode.IN_ROOM,
        venue="UN Gigiri",
        city="Nairobi",
        country="KE",
        capacity=12,
    )
    page = signed_in.get(enroll_url(nairobi)).content.decode()
    assert "Enroll in <bdi>Flood early warning</bdi>" in page
    assert f"June 1, {year}, 9 a.m." in page
    assert "(Africa/Nairobi" in page
    assert "In the room, <bdi>UN Gigiri</bdi>, <bdi>Nairobi</bdi>, Kenya" in page
    assert "12 seats left" in page
    assert "your enrollment will be confirmed at once" in page
    assert '<form method="post">' in page and "Confirm my enrollment" in page


def test_enrollment_page_of_a_full_session_announces_the_waiting_list(signed_in, course):
    """A full session warns that the learner will join the waiting list."""
    full = session(course, capacity=1)
    TrainingSession.objects.filter(pk=full.pk).update(seats_taken=1)
    page = signed_in.get(enroll_url(full)).content.decode()
    assert "This session is full." in page
    assert "You will join the waiting list." in page


def test_enrollment_page_of_a_session_needing_approval_says_so(signed_in, course):
    """A session needing approval tells the learner their request will await a decision."""
    page = signed_in.get(enroll_url(session(course, requires_approval=True))).content.decode()
    assert "yours will await their decision" in page


def test_confirming_enrolls_and_lands_on_my_learning(signed_in, learner, course):
    """Confirming takes a seat and shows the outcome on My learning."""
    open_session = session(course, capacity=5)
    response = signed_in.post(enroll_url(open_session))
    assert response["Location"] == "/en/learning/"
    response = signed_in.get(response["Location"])
    assert messages_of(response) == [
        "You are enrolled in \u2068Flood early warning\u2069: your seat is confirmed."
    ]
    enrollment = Enrollment.objects.get(user=learner)
    assert enrollment.status == EnrollmentStatus.CONFIRMED
    assert seats_taken(open_session) == 1


def test_a_full_session_puts_the_learner_on_the_waiting_list(signed_in, learner, course):
    """Enrolling in a full session says clearly that the learner is waitlisted, and where."""
    full = session(course, capacity=1)
    enrollment_create(user=UserFactory(), session=full)
    response = signed_in.post(enroll_url(full), follow=True)
    assert messages_of(response) == [
        "\u2068Flood early warning\u2069 is full: you are on the waiting list, number 1. "
        "We will email you as soon as a seat is yours."
    ]
    assert Enrollment.objects.get(user=learner).status == EnrollmentStatus.WAITLISTED


def test_a_session_needing_approval_keeps_the_request_pending(signed_in, learner, course):
    """The learner is told their request awaits the trainers' approval."""
    response = signed_in.post(enroll_url(session(course, requires_approval=True)), follow=True)
    assert messages_of(response) == [
        "Your request to join \u2068Flood early warning\u2069 is awaiting the trainers' approval. "
        "We will email you their decision."
    ]
    assert Enrollment.objects.get(user=learner).status == EnrollmentStatus.PENDING


def test_enrollment_outside_the_window_is_refused_and_nothing_stored(signed_in, course):
    """Before enrollment opens the page says so, offers no button, and a POST stores nothing."""
    later = session(course, enrollment_opens_at=timezone.now() + timedelta(days=2))
    page = signed_in.get(enroll_url(later)).content.decode()
    assert "Enrollment for this session is not open." in page
    assert "Confirm my enrollment" not in page
    response = signed_in.post(enroll_url(later))
    assert response.status_code == 200
    assert "Enrollment for this session is not open." in response.content.decode()
    assert not Enrollment.objects.exists()


def test_enrollment_in_a_cancelled_session_is_refused(signed_in, course):
    """A cancelled session says so and takes no enrollment."""
    cancelled = session(course, status=SessionStatus.CANCELLED)
    response = signed_in.post(enroll_url(cancelled))
    assert "This session has been cancelled." in response.content.decode()
    assert not Enrollment.objects.exists()


def test_double_submit_makes_one_enrollment(signed_in, learner, course):
    """Pressing the button twice leaves one enrollment and one seat taken."""
    open_session = session(course, capacity=5)
    signed_in.post(enroll_url(open_session))
    signed_in.post(enroll_url(open_session))
    assert Enrollment.objects.filter(user=learner).count() == 1
    assert seats_taken(open_session) == 1
    page = signed_in.get(enroll_url(open_session)).content.decode()
    assert "You have already enrolled in this session. Your status: Confirmed." in page


def test_unknown_or_unpublished_session_is_not_found(signed_in, course):
    """A session of an unpublished course, or no session at all, is a 404."""
    hidden = session(course)
    course.unpublish()
    assert signed_in.get(enroll_url(hidden)).status_code == 404
    assert signed_in.get("/en/sessions/999999/enroll/").status_code == 404


def test_enrollment_page_is_in_the_readers_language(signed_in, home, theme, course):
    """On /fr/ the page names the course by its French title."""
    translate(home, "fr", title="Centre de formation")
    translate(theme, "fr", title="Réduction des risques")
    translate(course, "fr", title="Alerte précoce aux crues")
    page = signed_in.get(enroll_url(session(course), "fr")).content.decode()
    assert "Alerte précoce aux crues" in page
    assert '<html lang="fr"' in page


# --- My learning --------------------------------------------------------------------------


def test_my_learning_needs_logging_in(client):
    """Logged-out readers are asked to log in first."""
    response = client.get("/en/learning/")
    assert response["Location"] == "/en/accounts/login/?next=/en/learning/"


def test_my_learning_groups_enrollments_by_status(signed_in, learner, course, theme):
    """Upcoming, waitlisted, pending and past enrollments each appear under their heading."""
    other = CoursePageFactory(parent=theme, title="Drought monitoring")
    approval = CoursePageFactory(parent=theme, title="Risk financing")
    past = CoursePageFactory(parent=theme, title="Storm surge models")
    EnrollmentFactory(user=learner, session=session(course))
    full = session(other, capacity=1)
    enrollment_create(user=UserFactory(), session=full)
    enrollment_create(user=UserFactory(), session=full)
    enrollment_create(user=learner, session=full)
    EnrollmentFactory(
        user=learner,
        session=session(approval, requires_approval=True),
        status=EnrollmentStatus.PENDING,
    )
    EnrollmentFactory(
        user=learner,
        session=session(past, starts_at=timezone.now() - timedelta(days=30)),
        status=EnrollmentStatus.COMPLETED,
    )
    page = signed_in.get("/en/learning/").content.decode()
    sections = [
        ("Upcoming", "Flood early warning"),
        ("On the waiting list", "Drought monitoring"),
        ("Awaiting approval", "Risk financing"),
        ("Past and cancelled", "Storm surge models"),
    ]
    positions = [page.index(f">{heading}</h2>") for heading, _title in sections]
    assert positions == sorted(positions)
    for (_heading, title), start, end in zip(
        sections, positions, [*positions[1:], len(page)], strict=True
    ):
        assert title in page[start:end]
    assert "number 2 on the waiting list" in page


def test_my_learning_shows_the_attendance_rate(signed_in, learner, course):
    """A past two-day session attended one day shows 1 of 2 days (50%)."""
    # 06:00 UTC: two calendar days in any time zone, whatever the hour the test runs.
    start = (timezone.now() - timedelta(days=10)).replace(hour=6, minute=0, second=0)
    two_days = session(course, starts_at=start, ends_at=start + timedelta(days=1, hours=2))
    enrollment = EnrollmentFactory(user=learner, session=two_days)
    Attendance.objects.create(
        enrollment=enrollment, day=two_days.local_starts_at.date(), source=AttendanceSource.ROSTER
    )
    page = signed_in.get("/en/learning/").content.decode()
    assert "Attendance: 1 of 2 days (50%)" in page


def test_my_learning_offers_cancel_and_calendar_for_upcoming_sessions(signed_in, learner, course):
    """An upcoming enrollment links to its cancel page, its calendar file and online link."""
    online = session(course, join_url="https://meet.example.org/floods")
    enrollment = EnrollmentFactory(user=learner, session=online)
    page = signed_in.get("/en/learning/").content.decode()
    assert f'href="/en/learning/{enrollment.pk}/cancel/"' in page
    assert f'href="/en/sessions/{online.pk}.ics"' in page
    assert 'href="https://meet.example.org/floods"' in page


def test_my_learning_invites_to_confirm_a_held_seat(signed_in, learner, course, settings):
    """A promoted learner sees until when their seat is held, and confirms it."""
    settings.ENROLLMENT_SEAT_HOLD_HOURS = 24
    small = session(course, capacity=1)
    holder = enrollment_create(user=UserFactory(), session=small)
    waiting = enrollment_create(user=learner, session=small)
    signed_in.logout()
    holder_client = signed_in
    holder_client.force_login(holder.user)
    LearnerProfileFactory(user=holder.user)
    holder_client.post(f"/en/learning/{holder.pk}/cancel/")
    holder_client.force_login(learner)
    page = holder_client.get("/en/learning/").content.decode()
    assert "A seat is held for you until" in page
    assert f'action="/en/learning/{waiting.pk}/confirm-seat/"' in page

    response = holder_client.post(f"/en/learning/{waiting.pk}/confirm-seat/", follow=True)
    assert messages_of(response) == ["Your seat in \u2068Flood early warning\u2069 is confirmed."]
    assert Enrollment.objects.get(pk=waiting.pk).seat_held_until is None
    assert "A seat is held for you until" not in response.content.decode()


def test_confirming_a_seat_that_is_not_held_says_so(signed_in, learner, course):
    """With no seat on hold, the confirmation is refused with a clear message."""
    enrollment = EnrollmentFactory(user=learner, session=session(course))
    response = signed_in.post(f"/en/learning/{enrollment.pk}/confirm-seat/", follow=True)
    assert messages_of(response) == ["There is no seat waiting for your confirmation."]


# --- cancelling ---------------------------------------------------------------------------


def test_cancel_asks_for_confirmation_then_frees_the_seat(signed_in, learner, course):
    """The cancel link asks first; confirming frees the seat for the next learner."""
    small = session(course, capacity=1)
    mine = enrollment_create(user=learner, session=small)
    waiting = enrollment_create(user=UserFactory(), session=small)
    page = signed_in.get(f"/en/learning/{mine.pk}/cancel/").content.decode()
    assert "Cancel your enrollment in <bdi>Flood early warning</bdi>?" in page
    assert "Your seat will go to the next learner on the waiting list." in page
    assert Enrollment.objects.get(pk=mine.pk).status == EnrollmentStatus.CONFIRMED

    response = signed_in.post(f"/en/learning/{mine.pk}/cancel/", follow=True)
    assert messages_of(response) == [
        "Your enrollment in \u2068Flood early warning\u2069 is cancelled."
    ]
    assert Enrollment.objects.get(pk=mine.pk).status == EnrollmentStatus.CANCELLED
    assert Enrollment.objects.get(pk=waiting.pk).status == EnrollmentStatus.CONFIRMED
    assert seats_taken(small) == 1


def test_cancelling_twice_says_it_can_no_longer_be_cancelled(signed_in, learner, course):
    """A second cancel (another tab) is refused politely."""
    mine = enrollment_create(user=learner, session=session(course))
    signed_in.post(f"/en/learning/{mine.pk}/cancel/")
    response = signed_in.post(f"/en/learning/{mine.pk}/cancel/", follow=True)
    assert messages_of(response)[-1] == "This enrollment can no longer be cancelled."


def test_another_learners_enrollment_is_not_found(signed_in, course):
    """Someone else's enrollment id gives 404 on every page and changes nothing."""
    theirs = enrollment_create(user=UserFactory(), session=session(course))
    assert signed_in.get(f"/en/learning/{theirs.pk}/cancel/").status_code == 404
    assert signed_in.post(f"/en/learning/{theirs.pk}/cancel/").status_code == 404
    assert signed_in.post(f"/en/learning/{theirs.pk}/confirm-seat/").status_code == 404
    assert Enrollment.objects.get(pk=theirs.pk).status == EnrollmentStatus.CONFIRMED


# --- the course page and the header -------------------------------------------------------


def test_course_page_offers_enroll_to_readers_not_enrolled(client, course):
    """An open session's button leads to its enrollment page, a full one mentions the list."""
    open_session = session(course, capacity=None)
    full = session(course, capacity=1, starts_at=timezone.now() + timedelta(days=9))
    TrainingSession.objects.filter(pk=full.pk).update(seats_taken=1)
    page = client.get("/en/drr/floods/").content.decode()
    assert (
        f'<a class="button enroll" href="/en/sessions/{open_session.pk}/enroll/" '
        f'aria-describedby="session-{open_session.pk}">Enroll</a>'
    ) in page
    assert f'href="/en/sessions/{full.pk}/enroll/"' in page
    assert "Join the waiting list: you get a seat as soon as one frees up." in page


def test_course_page_shows_the_learners_status_instead_of_enroll(signed_in, learner, course):
    """An enrolled learner sees their status and a link to My learning, not the button."""
    mine = session(course, capacity=3)
    enrollment = enrollment_create(user=learner, session=mine)
    other = session(course, starts_at=timezone.now() + timedelta(days=12))
    page = signed_in.get("/en/drr/floods/").content.decode()
    assert f'href="/en/sessions/{mine.pk}/enroll/"' not in page
    assert ">Confirmed</span>" in page
    assert f'href="/en/learning/#enrollment-{enrollment.pk}"' in page
    assert f'href="/en/sessions/{other.pk}/enroll/"' in page


def test_course_page_offers_nothing_for_a_session_not_open(client, course):
    """Before enrollment opens there is no enrollment link."""
    later = session(course, enrollment_opens_at=timezone.now() + timedelta(days=2))
    assert f"/sessions/{later.pk}/enroll/" not in client.get("/en/drr/floods/").content.decode()


def test_header_links_to_my_learning_when_logged_in(client, signed_in, home):
    """Logged-in readers find My learning in the menu."""
    page = signed_in.get("/en/learning/").content.decode()
    assert '<a href="/en/learning/" aria-current="page">My learning</a>' in page
    signed_in.logout()
    assert 'href="/en/learning/"' not in client.get("/en/").content.decode()


def test_my_learning_costs_the_same_queries_whatever_the_number_of_enrollments(
    signed_in, learner, course, theme, settings
):
    """Five more enrollments, waitlisted ones included, add no query to My learning."""
    # A cache of this process only: other runs sharing Redis may flush it between counts.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert signed_in.get("/en/learning/").status_code == 200
        return len(captured)

    EnrollmentFactory(user=learner, session=session(course))
    queries()  # the first page view caches the site's root paths
    few = queries()
    for number in range(5):
        other = CoursePageFactory(parent=theme, title=f"Course {number}")
        full = session(other, capacity=1)
        enrollment_create(user=UserFactory(), session=full)
        enrollment_create(user=learner, session=full)
    queries()  # the first view after pages changed reads the navigation again (cms.page_cache)
    assert queries() == few
    assert few <= 12


def test_my_learning_offers_check_in_while_a_room_session_runs(signed_in, learner, course):
    """During an in-room session, the learner's entry links to the check-in page."""
    now = timezone.now()
    running = session(
        course,
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=2),
        mode=SessionMode.IN_ROOM,
        city="Nairobi",
    )
    EnrollmentFactory(user=learner, session=running)
    page = signed_in.get("/en/learning/").content.decode()
    assert '<li><a href="/en/check-in/">Check in</a></li>' in page
