"""The days of a session and the attendance rate, at their edges, on SQLite and PostgreSQL."""

from datetime import UTC, date, datetime

import pytest

from courses.factories import CoursePageFactory, ThemePageFactory, TrainingSessionFactory
from enrollment.factories import EnrollmentFactory, LearnerProfileFactory
from enrollment.models import AttendanceSource, Enrollment
from enrollment.selectors import attendance_rate, session_days, session_roster, with_attendance
from enrollment.services import attendance_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(home):
    return CoursePageFactory(parent=ThemePageFactory(parent=home))


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def attend(enrollment, *days):
    for day in days:
        attendance_record(enrollment=enrollment, day=day, source=AttendanceSource.ROSTER)


def annotated(enrollment) -> Enrollment:
    return with_attendance(Enrollment.objects.filter(pk=enrollment.pk)).get()


def test_a_learner_who_attended_no_day_has_a_rate_of_zero(course):
    """A one-day session nobody came to: 0 of 1 day, a rate of 0."""
    session = TrainingSessionFactory(
        course=course, starts_at=utc(2025, 5, 6, 8), ends_at=utc(2025, 5, 6, 16)
    )
    enrollment = annotated(EnrollmentFactory(session=session))
    assert (enrollment.days_attended, enrollment.session_day_count) == (0, 1)
    assert enrollment.attendance_rate == 0.0


def test_a_learner_who_attended_every_day_has_a_rate_of_one(course):
    """Three days, three days present: a rate of 1."""
    session = TrainingSessionFactory(
        course=course, starts_at=utc(2025, 5, 6, 8), ends_at=utc(2025, 5, 8, 16)
    )
    enrollment = EnrollmentFactory(session=session)
    attend(enrollment, *session_days(session))
    row = annotated(enrollment)
    assert (row.days_attended, row.session_day_count, row.attendance_rate) == (3, 3, 1.0)
    assert attendance_rate(enrollment) == 1.0


def test_days_are_counted_in_the_session_time_zone_east_of_utc(course):
    """A Tokyo session from Monday 08:00 to Tuesday 18:00 local lasts two days, although it
    starts on Sunday in UTC; a mark on that Sunday does not count."""
    session = TrainingSessionFactory(
        course=course,
        timezone="Asia/Tokyo",
        starts_at=utc(2025, 3, 2, 23),  # Monday 3 March, 08:00 in Tokyo
        ends_at=utc(2025, 3, 4, 9),  # Tuesday 4 March, 18:00 in Tokyo
    )
    assert session_days(session) == [date(2025, 3, 3), date(2025, 3, 4)]
    enrollment = EnrollmentFactory(session=session)
    attend(enrollment, date(2025, 3, 2), date(2025, 3, 3))
    row = annotated(enrollment)
    assert (row.days_attended, row.session_day_count, row.attendance_rate) == (1, 2, 0.5)


def test_days_are_counted_in_the_session_time_zone_west_of_utc(course):
    """A Lima evening class from 19:00 to 22:00 on two days is two days, not three UTC dates."""
    session = TrainingSessionFactory(
        course=course,
        timezone="America/Lima",
        starts_at=utc(2025, 3, 4, 0),  # Monday 3 March, 19:00 in Lima
        ends_at=utc(2025, 3, 5, 3),  # Tuesday 4 March, 22:00 in Lima
    )
    assert session_days(session) == [date(2025, 3, 3), date(2025, 3, 4)]
    enrollment = EnrollmentFactory(session=session)
    attend(enrollment, date(2025, 3, 3), date(2025, 3, 4), date(2025, 3, 5))
    row = annotated(enrollment)
    assert (row.days_attended, row.session_day_count, row.attendance_rate) == (2, 2, 1.0)


def test_a_session_ending_at_local_midnight_does_not_count_the_next_day(course):
    """Ending at 00:00 in Nairobi means the last day is the day before."""
    session = TrainingSessionFactory(
        course=course,
        timezone="Africa/Nairobi",
        starts_at=utc(2025, 6, 1, 6),  # 1 June, 09:00 in Nairobi
        ends_at=utc(2025, 6, 2, 21),  # 3 June, 00:00 in Nairobi
    )
    assert session_days(session) == [date(2025, 6, 1), date(2025, 6, 2)]
    assert annotated(EnrollmentFactory(session=session)).session_day_count == 2


def test_a_list_across_time_zones_gets_each_rate_in_one_query(
    course, django_assert_num_queries
):
    """Enrollments of sessions in different zones, listed together, each with its own rate."""
    tokyo = TrainingSessionFactory(
        course=course, timezone="Asia/Tokyo",
        starts_at=utc(2025, 3, 2, 23), ends_at=utc(2025, 3, 4, 9),
    )
    lima = TrainingSessionFactory(
        course=course, timezone="America/Lima",
        starts_at=utc(2025, 3, 4, 0), ends_at=utc(2025, 3, 7, 3),
    )
    attend(EnrollmentFactory(session=tokyo), date(2025, 3, 3))
    attend(EnrollmentFactory(session=lima), date(2025, 3, 3))
    with django_assert_num_queries(1):
        rates = sorted(
            with_attendance(Enrollment.objects.all()).values_list(
                "session__timezone", "session_day_count", "attendance_rate"
            )
        )
    assert rates == [("America/Lima", 4, 0.25), ("Asia/Tokyo", 2, 0.5)]


def test_the_roster_sorts_learners_by_status_in_order_of_request(course):
    """Pending, waitlisted and enrolled learners each land in their own list, oldest first;
    cancelled and rejected ones are only counted."""
    session = TrainingSessionFactory(course=course)
    statuses = ["confirmed", "waitlisted", "pending", "waitlisted", "cancelled", "rejected"]
    made = [EnrollmentFactory(session=session, status=status) for status in statuses]
    LearnerProfileFactory(user=made[0].user, organisation="Ministry of Water")
    roster = session_roster(session)
    assert [row.enrollment for row in roster.enrolled] == [made[0]]
    assert [row.enrollment for row in roster.waitlisted] == [made[1], made[3]]
    assert [row.enrollment for row in roster.pending] == [made[2]]
    assert (roster.cancelled_count, roster.rejected_count) == (1, 1)
    assert roster.enrolled[0].profile.organisation == "Ministry of Water"
    assert roster.waitlisted[0].profile is None
