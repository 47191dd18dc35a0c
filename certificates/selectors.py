"""Reads of certificates worth a name: one by its public code (a malformed code costs no
query), where a learner stands against the completion rule, and the bits of a revocation
status list."""

import re
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from certificates import status_list
from certificates.models import Certificate, StatusListEntry
from certificates.services import Evaluation, Rule, completion_check, rule_for
from courses.models import SessionStatus
from enrollment.models import Enrollment
from enrollment.parts import loaded_one_to_one

# Codes are 32 URL-safe characters; anything far from that shape is unknown at once.
CODE_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,64}")


def certificate_by_code(code: str) -> Certificate | None:
    if not isinstance(code, str) or not CODE_SHAPE.fullmatch(code):
        return None
    return Certificate.objects.select_related("status_entry").filter(code=code).first()


def certificate_of(enrollment: Enrollment) -> Certificate | None:
    return Certificate.objects.filter(enrollment=enrollment).first()


def with_certificate(enrollments: QuerySet[Enrollment]) -> QuerySet[Enrollment]:
    """What `my_learning_certificate` reads, in the enrollments' own query."""
    return enrollments.select_related("certificate")


@dataclass(frozen=True)
class CertificateLink:
    certificate: Certificate | None  # revoked or not


def my_learning_certificate(enrollment: Enrollment, now: datetime) -> CertificateLink | None:
    """My learning links the certificate's page once there is a certificate, or once the
    session of a seat-holder has ended, or their self-paced run has started (the page then
    says what it takes)."""
    certificate = loaded_one_to_one(enrollment, "certificate")
    session = enrollment.session
    due = session.starts_at <= now if session.is_self_paced else session.ends_at <= now
    if certificate is None and not (enrollment.holds_seat and due):
        return None
    return CertificateLink(certificate)


@dataclass(frozen=True)
class Standing:
    """Where a learner stands: the rule, how far they meet it, and why there may be no
    certificate at all."""

    rule: Rule
    evaluation: Evaluation | None
    eligible: bool  # held a seat in a session that was not cancelled

    @property
    def issues_certificate(self) -> bool:
        return self.rule.issues_certificate


def learner_standing(enrollment: Enrollment, now: datetime | None = None) -> Standing:
    now = now or timezone.now()
    rule = rule_for(enrollment.session)
    eligible = enrollment.is_evaluated and enrollment.session.status != SessionStatus.CANCELLED
    evaluation = completion_check(enrollment, now) if eligible else None
    return Standing(rule=rule, evaluation=evaluation, eligible=eligible)


def status_list_count() -> int:
    """How many status lists exist: at least one, even before the first certificate."""
    top = StatusListEntry.objects.aggregate(top=Max("index"))["top"]
    return 1 if top is None else status_list.list_number(top) + 1


def status_list_positions(number: int) -> list[int]:
    """The positions set in list `number`: certificates revoked, or deleted (their
    credentials, wherever they are kept, no longer stand)."""
    start = number * status_list.LIST_BITS
    indices = (
        StatusListEntry.objects.filter(index__gte=start, index__lt=start + status_list.LIST_BITS)
        .filter(Q(certificate__isnull=True) | Q(certificate__revoked_at__isnull=False))
        .values_list("index", flat=True)
    )
    return [status_list.position(index) for index in indices]
