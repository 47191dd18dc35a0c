"""Factories for certificates: completion rules, and certificates as the services issue them."""

from datetime import date

import factory
from django.utils import timezone

from certificates.models import Certificate, CompletionRule
from certificates.services import new_code, status_entries_allocate
from enrollment.factories import EnrollmentFactory
from enrollment.models import EnrollmentStatus


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
        skip_postgeneration_save = True

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

    @factory.post_generation
    def status_entry(certificate, create, extracted, **kwargs):
        """Its index in the revocation status list, as certificates.services gives it."""
        if create:
            status_entries_allocate(certificates=[certificate])
