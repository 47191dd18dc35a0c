"""Scenes for the certificates tests: ended sessions of several days, attendance, enrolled
learners, a confirmed name; rules and certificates come from certificates.factories."""

from datetime import UTC, date, datetime, time, timedelta

from django.utils import timezone

from accounts.factories import UserFactory
from certificates.models import Certificate
from courses.factories import TrainingSessionFactory
from enrollment.factories import EnrollmentFactory, LearnerProfileFactory
from enrollment.models import Attendance, AttendanceSource, EnrollmentStatus
from enrollment.selectors import session_days


def ended_session(course, *, days: int = 1, ended_days_ago: int = 1, **fields):
    """A session of `course` over `days` calendar days (9:00 to 17:00 UTC), whose last day
    was `ended_days_ago` days ago."""
    last_day = timezone.now().date() - timedelta(days=ended_days_ago)
    first_day = last_day - timedelta(days=days - 1)
    return TrainingSessionFactory(
        course=course,
        starts_at=datetime.combine(first_day, time(9), tzinfo=UTC),
        ends_at=datetime.combine(last_day, time(17), tzinfo=UTC),
        **fields,
    )


def attend(enrollment, days: int | None = None, *, on: list[date] | None = None):
    """The learner attended the first `days` days of the session (all of them unless told)."""
    session_dates = session_days(enrollment.session)
    for day in on if on is not None else session_dates[: days or len(session_dates)]:
        Attendance.objects.create(enrollment=enrollment, day=day, source=AttendanceSource.ROSTER)
    return enrollment


def learner(language: str = "en", **user_fields):
    """A learner account whose profile prefers `language`."""
    user = UserFactory(**user_fields)
    LearnerProfileFactory(user=user, preferred_language=language)
    return user


def enrolled(session, *, language="en", status=EnrollmentStatus.CONFIRMED, **user_fields):
    return EnrollmentFactory(session=session, user=learner(language, **user_fields), status=status)


def confirmed(certificate: Certificate) -> Certificate:
    """The learner confirmed the printed name as it is."""
    certificate.name_confirmed_at = timezone.now()
    certificate.save(update_fields=["name_confirmed_at"])
    return certificate
