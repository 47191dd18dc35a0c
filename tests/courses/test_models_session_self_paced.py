"""The state of a self-paced run: enrollment open while the run runs (always open, or until
its closing date or its end), capacity and waitlist as for any session; the SQL twin agrees."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from courses.factories import CoursePageFactory, SelfPacedRunFactory, ThemePageFactory
from courses.models import ALWAYS_OPEN_ENDS_AT, SessionMode, TrainingSession
from courses.states import SessionState, compute_state

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def state(**overrides):
    fields = {
        "cancelled": False,
        "self_paced": True,
        "starts_at": NOW - 10 * DAY,
        "ends_at": ALWAYS_OPEN_ENDS_AT,
        "opens_at": None,
        "closes_at": None,
        "capacity": None,
        "seats_taken": 0,
        "now": NOW,
    }
    return compute_state(**{**fields, **overrides})


def test_always_open_run_takes_enrollments_after_its_start():
    """An always-open run that started ten days ago is open for enrollment."""
    assert state() == SessionState.OPEN


def test_run_not_started_yet_is_already_open():
    """A run opening next week takes enrollments now (unless its window says otherwise)."""
    assert state(starts_at=NOW + 7 * DAY) == SessionState.OPEN
    assert state(starts_at=NOW + 7 * DAY, opens_at=NOW + DAY) == SessionState.UPCOMING


def test_dated_run_is_open_until_its_end_then_ended():
    """A dated run takes enrollments until its last second, then it has ended."""
    end = NOW + DAY
    assert state(ends_at=end, now=end - timedelta(seconds=1)) == SessionState.OPEN
    assert state(ends_at=end, now=end) == SessionState.ENDED


def test_dated_run_whose_enrollment_closed_is_ongoing():
    """Enrollment closed yesterday in a run still going: ongoing, no enrollment."""
    assert state(ends_at=NOW + 30 * DAY, closes_at=NOW - DAY) == SessionState.ONGOING


def test_full_run_sends_newcomers_to_the_waitlist():
    """Every seat taken in a running self-paced run: full (the waitlist takes requests)."""
    assert state(capacity=100, seats_taken=100) == SessionState.FULL
    assert state(capacity=100, seats_taken=99) == SessionState.OPEN


def test_cancelled_run_is_cancelled():
    assert state(cancelled=True) == SessionState.CANCELLED


@pytest.mark.django_db
def test_sql_twin_agrees_with_compute_state(home):
    """Every state in SQL picks the same runs as compute_state, at several moments."""
    course = CoursePageFactory(parent=ThemePageFactory(parent=home))
    runs = [
        SelfPacedRunFactory(course=course, starts_at=NOW - 10 * DAY),
        SelfPacedRunFactory(course=course, starts_at=NOW + 5 * DAY),
        SelfPacedRunFactory(course=course, starts_at=NOW - 10 * DAY, ends_at=NOW + DAY),
        SelfPacedRunFactory(course=course, starts_at=NOW - 10 * DAY, ends_at=NOW - DAY),
        SelfPacedRunFactory(
            course=course, starts_at=NOW - 10 * DAY, ends_at=NOW + 9 * DAY, enrollment_closes_at=NOW
        ),
        SelfPacedRunFactory(course=course, starts_at=NOW + DAY, enrollment_opens_at=NOW + 2 * DAY),
        SelfPacedRunFactory(course=course, starts_at=NOW - DAY, capacity=1, seats_taken=1),
    ]
    for now in (NOW - 20 * DAY, NOW, NOW + 3 * DAY, NOW + 400 * DAY):
        for wanted in SessionState:
            in_sql = set(TrainingSession.objects.in_state(wanted, now).values_list("pk", flat=True))
            computed = {run.pk for run in runs if run.state(now) == wanted}
            assert in_sql == computed, (wanted, now)


@pytest.mark.django_db
def test_always_open_is_said_in_one_place(home):
    """A self-paced run ending at ALWAYS_OPEN_ENDS_AT is always open; a dated one is not,
    and neither is an online session."""
    course = CoursePageFactory(parent=ThemePageFactory(parent=home))
    assert SelfPacedRunFactory(course=course).is_always_open
    assert not SelfPacedRunFactory(course=course, ends_at=timezone.now() + DAY).is_always_open
    online = SelfPacedRunFactory(course=course, mode=SessionMode.ONLINE)
    assert not online.is_always_open
    assert str(SelfPacedRunFactory(course=course)).endswith("· Self-paced")


@pytest.mark.django_db
def test_self_paced_run_needs_no_venue_nor_lessons_before(home):
    """No venue asked of a self-paced run; lessons required before it are refused."""
    course = CoursePageFactory(parent=ThemePageFactory(parent=home))
    run = SelfPacedRunFactory.build(course=course, site=course.get_site())
    run.clean()
    run.lessons_required_percent = 50
    with pytest.raises(ValidationError) as refused:
        run.clean()
    assert "lessons_required_percent" in refused.value.message_dict
