"""The room's check-in code, at a fixed `now`: rotation at the period's boundary, the grace
period, expiry, codes of other sessions, the day in the session's time zone, and reuse of the
same code."""

from datetime import UTC, datetime, timedelta

import pytest

from courses.factories import CoursePageFactory, ThemePageFactory, TrainingSessionFactory
from courses.models import SessionStatus, TrainingSession
from enrollment.factories import EnrollmentFactory
from enrollment.models import Attendance, AttendanceSource, EnrollmentStatus
from enrollment.services import (
    CHECK_IN_ALPHABET,
    CheckInError,
    check_in,
    check_in_code_current,
    enrollment_expected_status,
)

pytestmark = pytest.mark.django_db

# 9:00 in Nairobi (UTC+3) on a day of the session below.
NINE = datetime(2031, 3, 4, 6, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)


@pytest.fixture
def course(home):
    return CoursePageFactory(parent=ThemePageFactory(parent=home), title="Flood early warning")


@pytest.fixture
def session(course):
    """Two days in a Nairobi room: 4 and 5 March 2031, 8:00 to 17:00 local time."""
    return TrainingSessionFactory(
        course=course,
        starts_at=datetime(2031, 3, 4, 5, 0, tzinfo=UTC),
        ends_at=datetime(2031, 3, 5, 14, 0, tzinfo=UTC),
        timezone="Africa/Nairobi",
        mode="in_room",
        city="Nairobi",
    )


@pytest.fixture
def enrollment(session):
    return EnrollmentFactory(session=session)


def reason_of(user, code, now) -> str:
    with pytest.raises(CheckInError) as refused:
        check_in(user, code, now)
    return refused.value.reason


def test_codes_are_short_and_unambiguous(session):
    """A code is six characters, none of which can be misread (no 0/O, no 1/I)."""
    codes = {check_in_code_current(session, NINE + n * 3 * MINUTE).code for n in range(40)}
    assert len(codes) == 40
    for code in codes:
        assert len(code) == 6
        assert set(code) <= set(CHECK_IN_ALPHABET)
        assert not set(code) & set("0O1I")


def test_the_code_rotates_every_period(session, settings):
    """The same code is shown for three minutes, then a new one."""
    settings.ENROLLMENT_CHECK_IN_CODE_MINUTES = 3
    first = check_in_code_current(session, NINE)
    assert check_in_code_current(session, NINE + 2 * MINUTE + timedelta(seconds=59)) == first
    second = check_in_code_current(session, NINE + 3 * MINUTE)
    assert second.code != first.code
    assert first.changes_at == second.valid_from == NINE + 3 * MINUTE


def test_the_code_is_derived_not_stored(session, django_assert_num_queries):
    """Computing the room's code asks nothing of the database, and gives the same code for
    the same session and period every time."""
    with django_assert_num_queries(0):
        first = check_in_code_current(session, NINE + MINUTE)
        again = check_in_code_current(session, NINE + 2 * MINUTE)
    assert first == again


def test_the_code_depends_on_the_secret_key(session, settings):
    """Without the server's secret, nobody can work out tomorrow's codes."""
    before = check_in_code_current(session, NINE).code
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789"
    assert check_in_code_current(session, NINE).code != before


def test_the_period_follows_the_setting(session, settings):
    """With ten-minute codes, the code is still the same after nine minutes."""
    settings.ENROLLMENT_CHECK_IN_CODE_MINUTES = 10
    first = check_in_code_current(session, NINE)
    assert check_in_code_current(session, NINE + 9 * MINUTE) == first
    assert check_in_code_current(session, NINE + 10 * MINUTE) != first


def test_a_confirmed_learner_checks_in_for_today(enrollment, session):
    """Typing the code records today's attendance, from the check-in code."""
    code = check_in_code_current(session, NINE).code
    result = check_in(enrollment.user, code, NINE + MINUTE)
    assert result.created
    assert result.day.isoformat() == "2031-03-04"
    attendance = Attendance.objects.get(enrollment=enrollment)
    assert attendance.source == AttendanceSource.CHECK_IN_CODE


def test_the_previous_code_is_accepted_for_one_more_period(enrollment, session, settings):
    """A learner typing the code just as it changes is still checked in, but not later."""
    settings.ENROLLMENT_CHECK_IN_CODE_MINUTES = 3
    old = check_in_code_current(session, NINE).code
    assert check_in_code_current(session, NINE + 4 * MINUTE).code != old  # the screen moved on
    assert check_in(enrollment.user, old, NINE + 5 * MINUTE).created
    assert reason_of(enrollment.user, old, NINE + 6 * MINUTE) == "expired"


def test_the_grace_ends_exactly_at_the_second_boundary(enrollment, session, settings):
    """A code is accepted through its own period and the next one, to the last second, and
    refused from the first second of the period after."""
    settings.ENROLLMENT_CHECK_IN_CODE_MINUTES = 3
    code = check_in_code_current(session, NINE + MINUTE)
    assert code.valid_from == NINE
    assert code.expires_at == NINE + 6 * MINUTE
    last_second = NINE + 6 * MINUTE - timedelta(seconds=1)
    assert check_in(enrollment.user, code.code, last_second).enrollment == enrollment
    assert reason_of(enrollment.user, code.code, NINE + 6 * MINUTE) == "expired"


def test_a_code_two_periods_old_is_refused_as_expired(enrollment, session, settings):
    """The code shown two periods ago gets the "expired" message, and records nothing."""
    settings.ENROLLMENT_CHECK_IN_CODE_MINUTES = 3
    old = check_in_code_current(session, NINE).code
    with pytest.raises(CheckInError) as refused:
        check_in(enrollment.user, old, NINE + 6 * MINUTE)
    assert refused.value.message == "This code has expired. Type the code shown in the room now."
    assert not Attendance.objects.exists()


def test_the_code_of_another_session_is_refused(enrollment, session, course):
    """The code shown in another room today does not check the learner in here."""
    other = TrainingSessionFactory(
        course=course,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        timezone="Africa/Nairobi",
        mode="in_room",
    )
    code = check_in_code_current(other, NINE).code
    assert code != check_in_code_current(session, NINE).code
    assert reason_of(enrollment.user, code, NINE) == "not_confirmed"
    assert not Attendance.objects.exists()


def test_two_sessions_have_different_codes(session, course):
    """Two rooms at the same time show different codes."""
    other = TrainingSessionFactory(course=course)
    assert check_in_code_current(session, NINE).code != check_in_code_current(other, NINE).code


def test_reusing_the_code_the_same_day_records_one_attendance(enrollment, session):
    """Scanning twice (or a later code the same day) keeps a single attendance."""
    first = check_in_code_current(session, NINE).code
    check_in(enrollment.user, first, NINE)
    assert not check_in(enrollment.user, first, NINE + MINUTE).created
    later = check_in_code_current(session, NINE + timedelta(hours=3)).code
    assert not check_in(enrollment.user, later, NINE + timedelta(hours=3)).created
    assert Attendance.objects.filter(enrollment=enrollment).count() == 1


def test_each_day_of_the_session_counts_once(enrollment, session):
    """Checking in on both days records two days."""
    check_in(enrollment.user, check_in_code_current(session, NINE).code, NINE)
    next_day = NINE + timedelta(days=1)
    check_in(enrollment.user, check_in_code_current(session, next_day).code, next_day)
    days = sorted(a.day.isoformat() for a in Attendance.objects.filter(enrollment=enrollment))
    assert days == ["2031-03-04", "2031-03-05"]


def test_the_day_is_the_sessions_local_day(course):
    """At 23:30 UTC it is already the next morning in Tokyo: that is the day recorded."""
    tokyo = TrainingSessionFactory(
        course=course,
        starts_at=datetime(2031, 3, 4, 0, 0, tzinfo=UTC),
        ends_at=datetime(2031, 3, 6, 9, 0, tzinfo=UTC),
        timezone="Asia/Tokyo",
    )
    enrollment = EnrollmentFactory(session=tokyo)
    late = datetime(2031, 3, 4, 23, 30, tzinfo=UTC)
    result = check_in(enrollment.user, check_in_code_current(tokyo, late).code, late)
    assert result.day.isoformat() == "2031-03-05"


def test_typing_is_forgiving(enrollment, session):
    """Lower case, spaces and a dash in the middle are accepted."""
    code = check_in_code_current(session, NINE).code
    typed = f" {code[:3].lower()}-{code[3:].lower()} "
    assert check_in(enrollment.user, typed, NINE).enrollment == enrollment


def test_an_unknown_code_is_refused(enrollment, session):
    """A code nobody showed is unknown."""
    check_in_code_current(session, NINE)
    assert reason_of(enrollment.user, "ZZZZZZ", NINE) == "unknown"


def test_a_learner_not_confirmed_cannot_check_in(session):
    """A waitlisted learner cannot check in with the room's code."""
    waiting = EnrollmentFactory(session=session, status=EnrollmentStatus.WAITLISTED)
    code = check_in_code_current(session, NINE).code
    assert reason_of(waiting.user, code, NINE) == "not_confirmed"
    assert not Attendance.objects.exists()


def test_a_code_outside_the_sessions_days_is_refused(enrollment, session):
    """A code shown the day after the session ended gives "not running today"."""
    after = datetime(2031, 3, 6, 6, 0, tzinfo=UTC)
    code = check_in_code_current(session, after).code
    assert reason_of(enrollment.user, code, after) == "not_today"


def test_a_cancelled_session_takes_no_check_in(enrollment, session):
    """Once the session is cancelled its codes no longer record anything."""
    code = check_in_code_current(session, NINE).code
    TrainingSession.objects.filter(pk=session.pk).update(status=SessionStatus.CANCELLED)
    assert reason_of(enrollment.user, code, NINE) == "not_today"


def test_expected_status_agrees_with_the_session(course):
    """The enrollment page's forecast: confirmed, waitlisted when full, pending on approval."""
    open_session = TrainingSessionFactory(course=course, capacity=2)
    full = TrainingSessionFactory(course=course, capacity=1)
    TrainingSession.objects.filter(pk=full.pk).update(seats_taken=1)
    full.refresh_from_db()
    approval = TrainingSessionFactory(course=course, requires_approval=True)
    assert enrollment_expected_status(session=open_session) == EnrollmentStatus.CONFIRMED
    assert enrollment_expected_status(session=full) == EnrollmentStatus.WAITLISTED
    assert enrollment_expected_status(session=approval) == EnrollmentStatus.PENDING
