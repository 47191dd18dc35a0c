from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cms.factories import translate
from courses.factories import CoursePageFactory, ThemePageFactory, TrainingSessionFactory
from courses.models import SessionMode, SessionStatus, TrainingSession
from courses.states import SessionState, compute_state

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def state(**overrides):
    fields = {
        "cancelled": False,
        "starts_at": NOW + 10 * DAY,
        "ends_at": NOW + 12 * DAY,
        "opens_at": None,
        "closes_at": None,
        "capacity": None,
        "seats_taken": 0,
        "now": NOW,
    }
    return compute_state(**{**fields, **overrides})


def test_session_without_window_is_open_until_it_starts():
    """With no enrollment window, learners may enroll from now until the start."""
    assert state() == SessionState.OPEN
    assert state(now=NOW + 10 * DAY - timedelta(seconds=1)) == SessionState.OPEN


def test_session_before_its_window_opens_is_upcoming():
    """Before enrollment opens the session is announced but not open."""
    assert state(opens_at=NOW + DAY) == SessionState.UPCOMING
    assert state(opens_at=NOW) == SessionState.OPEN


def test_session_after_its_window_closes_is_upcoming_until_it_starts():
    """Once enrollment has closed, the session waits for its start as upcoming."""
    assert state(closes_at=NOW) == SessionState.UPCOMING
    assert state(closes_at=NOW + timedelta(seconds=1)) == SessionState.OPEN


def test_window_never_extends_past_the_start():
    """A closing date after the start still closes enrollment at the start."""
    at_start = NOW + 10 * DAY
    assert state(closes_at=NOW + 20 * DAY, now=at_start) == SessionState.ONGOING


def test_full_session_when_every_seat_is_taken():
    """A session with every seat taken shows as full; one seat left is still open."""
    assert state(capacity=20, seats_taken=20) == SessionState.FULL
    assert state(capacity=20, seats_taken=19) == SessionState.OPEN
    assert state(capacity=None, seats_taken=5000) == SessionState.OPEN


def test_ongoing_then_ended():
    """From its start the session is ongoing, from its end it has ended."""
    assert state(now=NOW + 10 * DAY) == SessionState.ONGOING
    assert state(now=NOW + 12 * DAY) == SessionState.ENDED


def test_cancelled_wins_over_everything():
    """A cancelled session says so whatever the dates."""
    assert state(cancelled=True) == SessionState.CANCELLED
    assert state(cancelled=True, now=NOW + 30 * DAY) == SessionState.CANCELLED


@pytest.mark.django_db
def test_sessions_are_shared_by_every_translation_of_a_course(home):
    """Reading a course in Arabic shows the same sessions as in English."""
    theme = ThemePageFactory(parent=home)
    course = CoursePageFactory(parent=theme)
    translate(theme, "ar", title="موضوع")
    arabic_course = translate(course, "ar", title="دورة")
    sessions = TrainingSessionFactory.create_batch(2, course=course)
    assert list(TrainingSession.objects.for_course(arabic_course)) == sessions
    assert list(TrainingSession.objects.for_course(course)) == sessions


@pytest.mark.django_db
def test_session_in_a_room_needs_a_place(home):
    """An editor saving an in-room session without venue or city is asked for one."""
    session = TrainingSessionFactory.build(
        course=CoursePageFactory(parent=ThemePageFactory(parent=home)), mode=SessionMode.IN_ROOM
    )
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert "venue" in error.value.message_dict


@pytest.mark.django_db
def test_session_must_end_after_it_starts(home):
    """The database refuses a session that ends before it starts."""
    course = CoursePageFactory(parent=ThemePageFactory(parent=home))
    with pytest.raises(IntegrityError), transaction.atomic():
        TrainingSessionFactory(course=course, starts_at=NOW, ends_at=NOW - DAY)


@pytest.mark.django_db
def test_database_refuses_more_seats_than_capacity(home):
    """Whatever the code does, the database never stores more seats taken than capacity."""
    session = TrainingSessionFactory(
        course=CoursePageFactory(parent=ThemePageFactory(parent=home)), capacity=2
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        TrainingSession.objects.filter(pk=session.pk).update(seats_taken=3)


@pytest.mark.django_db
def test_open_for_enrollment_query_agrees_with_the_state(home):
    """The catalog's 'open' filter returns exactly the sessions whose state is open."""
    course = CoursePageFactory(parent=ThemePageFactory(parent=home))
    now = datetime.now(UTC)
    open_one = TrainingSessionFactory(course=course, capacity=10, seats_taken=3)
    TrainingSessionFactory(course=course, capacity=2, seats_taken=2)
    TrainingSessionFactory(course=course, enrollment_opens_at=now + DAY)
    TrainingSessionFactory(course=course, status=SessionStatus.CANCELLED)
    TrainingSessionFactory(
        course=course, starts_at=now - DAY, ends_at=now + DAY
    )
    found = list(TrainingSession.objects.open_for_enrollment())
    assert found == [open_one]
    assert {s.state() for s in TrainingSession.objects.all()} == {
        SessionState.OPEN,
        SessionState.FULL,
        SessionState.UPCOMING,
        SessionState.CANCELLED,
        SessionState.ONGOING,
    }
