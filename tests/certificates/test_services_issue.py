"""Issuing automatically (after the survey answer) and by hand, revoking and reinstating,
confirming the printed name once, and the verification code's entropy."""

import base64
import re

import pytest
from django.utils import timezone

from accounts.factories import AdministratorFactory
from certificates.factories import CertificateFactory
from certificates.models import Certificate, RevocationReason
from certificates.services import (
    CODE_BYTES,
    CertificateError,
    certificate_confirm_name,
    certificate_issue,
    certificate_revoke,
    new_code,
)
from enrollment.models import EnrollmentStatus
from surveys.services import response_submit, standard_template
from surveys.standard import QUESTION_IDS
from tests.certificates.factories import attend, enrolled

pytestmark = pytest.mark.django_db


def standard_answers() -> dict:
    return {
        QUESTION_IDS["overall"]: 5,
        QUESTION_IDS["relevance"]: 4,
        QUESTION_IDS["trainers"]: 4,
        QUESTION_IDS["organisation"]: 4,
        QUESTION_IDS["recommend"]: 0,
    }


# --- automatic issue ----------------------------------------------------------------------


def test_answering_the_survey_issues_the_certificate(enrollment, run_tasks):
    """The survey was the last requirement: once its answer is committed, a task issues the
    certificate."""
    assert not Certificate.objects.exists()
    response_submit(
        enrollment=enrollment,
        template=standard_template(),
        answers=standard_answers(),
        language="en",
    )
    assert not Certificate.objects.exists()
    run_tasks()
    certificate = Certificate.objects.get(enrollment=enrollment)
    assert certificate.issued_by is None
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.COMPLETED


def test_answering_without_enough_attendance_issues_nothing(session, run_tasks):
    enrollment = attend(enrolled(session), 1)
    response_submit(
        enrollment=enrollment,
        template=standard_template(),
        answers=standard_answers(),
        language="en",
    )
    run_tasks()
    assert not Certificate.objects.exists()


# --- by hand ------------------------------------------------------------------------------


def test_administrator_issues_by_hand_with_a_note(session):
    """One day of four and no survey: the administrator issues anyway, saying why."""
    enrollment = attend(enrolled(session), 1)
    admin = AdministratorFactory()
    certificate = certificate_issue(enrollment=enrollment, by=admin, note="Attended remotely")
    assert certificate.issued_by == admin
    assert certificate.issue_note == "Attended remotely"
    assert not certificate.is_revoked


def test_issue_by_hand_needs_a_note(enrollment):
    with pytest.raises(CertificateError, match="Say why"):
        certificate_issue(enrollment=enrollment, by=AdministratorFactory(), note="   ")
    assert not Certificate.objects.exists()


def test_issue_by_hand_needs_a_seat(session):
    enrollment = enrolled(session, status=EnrollmentStatus.CANCELLED)
    with pytest.raises(CertificateError):
        certificate_issue(enrollment=enrollment, by=AdministratorFactory(), note="Why not")


# --- revoking and reinstating -------------------------------------------------------------


def test_revoke_records_reason_and_internal_note():
    certificate = CertificateFactory()
    admin = AdministratorFactory()
    certificate_revoke(
        certificate=certificate,
        by=admin,
        reason=RevocationReason.ISSUED_IN_ERROR,
        note="Wrong learner ticked on the roster",
    )
    certificate.refresh_from_db()
    assert certificate.is_revoked
    assert certificate.revoked_by == admin
    assert certificate.revocation_reason == "issued_in_error"
    assert certificate.revocation_note == "Wrong learner ticked on the roster"


@pytest.mark.parametrize("reason", ["", "because", None])
def test_revoke_needs_a_known_reason(reason):
    certificate = CertificateFactory()
    with pytest.raises(CertificateError):
        certificate_revoke(certificate=certificate, by=None, reason=reason)
    certificate.refresh_from_db()
    assert not certificate.is_revoked


def test_revoking_twice_is_refused_and_keeps_the_first_date():
    certificate = CertificateFactory()
    certificate_revoke(certificate=certificate, by=None, reason=RevocationReason.OTHER)
    first = Certificate.objects.get(pk=certificate.pk).revoked_at
    with pytest.raises(CertificateError, match="already revoked"):
        certificate_revoke(certificate=certificate, by=None, reason=RevocationReason.OTHER)
    assert Certificate.objects.get(pk=certificate.pk).revoked_at == first


def test_issuing_by_hand_reinstates_a_revoked_certificate_under_its_code():
    certificate = CertificateFactory()
    certificate_revoke(certificate=certificate, by=None, reason=RevocationReason.OTHER)
    reinstated = certificate_issue(
        enrollment=certificate.enrollment, by=AdministratorFactory(), note="Revoked by mistake"
    )
    assert reinstated.pk == certificate.pk
    assert reinstated.code == certificate.code
    assert not reinstated.is_revoked
    assert reinstated.revocation_reason == ""


# --- the printed name ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["محمد بن عبد الله", "王小明", "Иван  Петров ", "Zoë O'Neil"])
def test_name_in_any_script_is_confirmed_with_spaces_tidied(name):
    certificate = certificate_confirm_name(certificate=CertificateFactory(), name=name)
    assert certificate.printed_name == " ".join(name.split())
    assert certificate.name_confirmed_at is not None


def test_name_is_confirmed_only_once():
    """A second confirmation is refused and the first name stays."""
    certificate = certificate_confirm_name(certificate=CertificateFactory(), name="Amina Diallo")
    with pytest.raises(CertificateError, match="already confirmed"):
        certificate_confirm_name(certificate=certificate, name="Someone Else")
    certificate.refresh_from_db()
    assert certificate.printed_name == "Amina Diallo"


@pytest.mark.parametrize("name", ["", "   ", "x" * 201, "Amina\x00Diallo", "Bad\x1bname"])
def test_unprintable_names_are_refused(name):
    certificate = CertificateFactory()
    with pytest.raises(CertificateError):
        certificate_confirm_name(certificate=certificate, name=name)
    certificate.refresh_from_db()
    assert certificate.name_confirmed_at is None


# --- the verification code ----------------------------------------------------------------


def test_code_has_at_least_128_random_bits_and_is_url_safe():
    code = new_code()
    assert re.fullmatch(r"[A-Za-z0-9_-]+", code)
    raw = base64.urlsafe_b64decode(code + "=" * (-len(code) % 4))
    assert len(raw) == CODE_BYTES
    assert len(raw) * 8 >= 128


def test_codes_are_unique_over_many():
    codes = {new_code() for _ in range(20_000)}
    assert len(codes) == 20_000


def test_issued_certificates_get_distinct_codes(session):
    certificates = [
        certificate_issue(enrollment=enrolled(session), by=None, note="Batch") for _ in range(5)
    ]
    assert len({certificate.code for certificate in certificates}) == 5
    assert all(len(certificate.code) >= 22 for certificate in certificates)
    assert all(certificate.issued_at <= timezone.now() for certificate in certificates)


# --- the issuer's name --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "issuer"),
    [("ar", "مركز التدريب"), ("en", "Training Centre"), ("ru", "Учебный центр")],
)
def test_the_issuer_is_named_in_the_certificates_language(session, language, issuer):
    """The platform's name printed on a certificate is its home page's title in the
    certificate's language."""
    enrollment = attend(enrolled(session, language=language))
    certificate = certificate_issue(
        enrollment=enrollment, by=AdministratorFactory(), note="Attended in person"
    )
    assert certificate.language == language
    assert certificate.issuer_name == issuer


def test_later_stages_hear_of_an_issue_and_a_revocation(enrollment):
    from certificates.signals import certificate_issued, certificate_revoked
    from tests.signal_capture import captured

    with captured(certificate_issued) as issued, captured(certificate_revoked) as revoked:
        certificate = certificate_issue(enrollment=enrollment, by=None, note="Attended the repeat")
        certificate_revoke(certificate=certificate, by=None, reason=RevocationReason.OTHER)
    assert [s["certificate"] for s in issued] == [certificate]
    assert [(s["certificate"], s["in_transaction"]) for s in revoked] == [(certificate, True)]
