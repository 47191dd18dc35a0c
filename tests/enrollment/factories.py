"""Factories for learner profiles and enrollments."""

import factory

from enrollment.models import Enrollment, EnrollmentStatus, Gender, LearnerProfile
from tests.courses.factories import TrainingSessionFactory
from tests.factories import UserFactory


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
