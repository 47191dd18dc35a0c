"""Factories for certificates: ended sessions of several days, attendance, completion
rules, and certificates as the services issue them."""

from datetime import UTC, date, datetime, time, timedelta

import factory
from django.utils import timezone

from certificates.models import Certificate, CompletionRule
from certificates.services import new_code
from enrollment.models import Attendance, AttendanceSource, EnrollmentStatus
from enrollment.selectors import session_days
from tests.courses.factories import TrainingSessionFactory
from tests.enrollment.factories import EnrollmentFactory, LearnerProfileFactory
from tests.factories import UserFactory


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


class CompletionRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompletionRule

    min_attendance_percent = 75
    survey_required = True
    issues_certificate = True


class CertificateFactory(factory.django.DjangoModelFactory):
    """A certificate as issued, its name not yet confirmed; the snapshot fields can be set
    to anything (e.g. an Arabic name on an Arabic certificate)."""

    class Meta:
        model = Certificate

    enrollment = factory.SubFactory(EnrollmentFactory, status=EnrollmentStatus.COMPLETED)
    code = factory.LazyFunction(new_code)
    printed_name = "Amina Diallo"
    language = "en"
    course_title = "Flood early warning"
    starts_on = date(2026, 3, 2)
    ends_on = date(2026, 3, 5)
    hours = 24
    trainer_names = "Grace Otieno, Wei Zhang"
    issuer_name = "Training Centre"
    issuer_url = "http://testserver"
    issued_at = factory.LazyFunction(timezone.now)


def confirmed(certificate: Certificate) -> Certificate:
    """The learner confirmed the printed name as it is."""
    certificate.name_confirmed_at = timezone.now()
    certificate.save(update_fields=["name_confirmed_at"])
    return certificate
