"""Factories for learner profiles, enrollments and attendance."""

import factory

from accounts.factories import UserFactory
from courses.factories import TrainingSessionFactory
from courses.models import SessionMode
from enrollment.models import (
    Attendance,
    AttendanceSource,
    Enrollment,
    EnrollmentStatus,
    Gender,
    LearnerProfile,
)
from enrollment.selectors import session_days


class LearnerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearnerProfile

    user = factory.SubFactory(UserFactory)
    country = "KE"
    gender = Gender.WOMAN
    organisation = "Ministry of Water"


class EnrollmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrollment

    user = factory.SubFactory(UserFactory)
    session = factory.SubFactory(TrainingSessionFactory)
    status = EnrollmentStatus.CONFIRMED


class AttendanceFactory(factory.django.DjangoModelFactory):
    """A day the learner attended (the session's first unless told), recorded as the
    session's mode records it: online presence, or the room's check-in code."""

    class Meta:
        model = Attendance

    enrollment = factory.SubFactory(EnrollmentFactory)
    day = factory.LazyAttribute(lambda row: session_days(row.enrollment.session)[0])
    source = factory.LazyAttribute(
        lambda row: (
            AttendanceSource.ONLINE
            if row.enrollment.session.mode == SessionMode.ONLINE
            else AttendanceSource.CHECK_IN_CODE
        )
    )
