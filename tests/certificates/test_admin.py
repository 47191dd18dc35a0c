"""The admin: completion rules as a snippet (a course or a session, never both), and the
certificates for administrators only: list and filter, inspect, revoke with a reason and
an internal note, issue by hand with a note. Trainers may do none of it."""

import pytest

from accounts.factories import AdministratorFactory, TrainerFactory, UserFactory
from certificates.factories import CertificateFactory
from certificates.models import Certificate, CompletionRule, RevocationReason
from certificates.services import certificate_revoke
from tests.certificates.factories import attend, enrolled

pytestmark = pytest.mark.django_db

ADMIN = "/admin/certificate"


@pytest.fixture
def admin_client(client, home):
    client.force_login(AdministratorFactory())
    return client


def test_administrator_lists_and_filters_certificates(admin_client):
    valid = CertificateFactory(printed_name="Valid Person")
    revoked = CertificateFactory(printed_name="Revoked Person")
    certificate_revoke(certificate=revoked, by=None, reason=RevocationReason.OTHER)
    content = admin_client.get(f"{ADMIN}/").content.decode()
    assert "Valid Person" in content and "Revoked Person" in content
    assert "Issue by hand" in content
    assert f"{ADMIN}/revoke/{valid.pk}/" in content
    assert f"{ADMIN}/revoke/{revoked.pk}/" not in content  # reinstated instead
    assert f"{ADMIN}/issue/?enrollment={revoked.enrollment_id}" in content
    content = admin_client.get(f"{ADMIN}/?status=revoked").content.decode()
    assert "Revoked Person" in content and "Valid Person" not in content
    content = admin_client.get(f"{ADMIN}/?q={valid.code}").content.decode()
    assert "Valid Person" in content and "Revoked Person" not in content


def test_superuser_sees_no_generic_add_or_edit(client, home):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    certificate = CertificateFactory()
    assert client.get(f"{ADMIN}/").status_code == 200
    assert client.get(f"{ADMIN}/inspect/{certificate.pk}/").status_code == 200
    assert client.get(f"{ADMIN}/new/").status_code == 404
    assert client.get(f"{ADMIN}/edit/{certificate.pk}/").status_code == 404


def test_inspect_shows_the_internal_note_to_administrators(admin_client):
    certificate = CertificateFactory()
    certificate_revoke(
        certificate=certificate, by=None, reason=RevocationReason.OTHER, note="Internal only"
    )
    content = admin_client.get(f"{ADMIN}/inspect/{certificate.pk}/").content.decode()
    assert "Internal only" in content


def test_administrator_revokes_with_reason_and_note(admin_client):
    """The form offers no reason in advance; choosing one leads to a confirmation page that
    revokes nothing; only "Yes, revoke" does."""
    certificate = CertificateFactory()
    url = f"{ADMIN}/revoke/{certificate.pk}/"
    form = admin_client.get(url).content.decode()
    assert '<option value="" selected>Choose a reason</option>' in form
    choice = {"reason": RevocationReason.ISSUED_IN_ERROR, "note": "Duplicate enrollment"}
    response = admin_client.post(url, choice)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Yes, revoke" in page and "Issued in error" in page and "Duplicate enrollment" in page
    assert 'name="confirmed" value="yes"' in page
    certificate.refresh_from_db()
    assert not certificate.is_revoked

    response = admin_client.post(url, {**choice, "confirmed": "yes"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.is_revoked
    assert certificate.revocation_reason == "issued_in_error"
    assert certificate.revocation_note == "Duplicate enrollment"
    assert certificate.revoked_by is not None


def test_revoke_needs_a_reason(admin_client):
    """Without a chosen reason, even confirmed, the form comes back asking for one."""
    certificate = CertificateFactory()
    response = admin_client.post(
        f"{ADMIN}/revoke/{certificate.pk}/", {"reason": "", "note": "", "confirmed": "yes"}
    )
    assert response.status_code == 200
    assert "Choose the reason for revoking this certificate." in response.content.decode()
    certificate.refresh_from_db()
    assert not certificate.is_revoked


def test_inspect_names_who_issued_by_hand_only_when_someone_did(admin_client):
    """A certificate issued automatically shows no "issued by hand by" line (it read
    "None"), nor revocation lines while it stands, nor "revoked by" when nobody did."""
    automatic = CertificateFactory()
    content = admin_client.get(f"{ADMIN}/inspect/{automatic.pk}/").content.decode()
    assert "Issued by hand by" not in content and "Why it was issued by hand" not in content
    assert "Revoked by" not in content and "Reason for revocation" not in content

    certificate_revoke(certificate=automatic, by=None, reason=RevocationReason.OTHER)
    content = admin_client.get(f"{ADMIN}/inspect/{automatic.pk}/").content.decode()
    assert "Withdrawn by the issuer" in content and "Revoked by" not in content


def test_trainer_cannot_revoke_or_issue(client, home):
    certificate = CertificateFactory()
    client.force_login(TrainerFactory())
    for url in (f"{ADMIN}/", f"{ADMIN}/revoke/{certificate.pk}/", f"{ADMIN}/issue/"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
    response = client.post(
        f"{ADMIN}/revoke/{certificate.pk}/", {"reason": RevocationReason.OTHER, "note": ""}
    )
    assert response.status_code in (302, 403)
    certificate.refresh_from_db()
    assert not certificate.is_revoked


def test_administrator_issues_by_hand_with_a_note(admin_client, session):
    enrollment = attend(enrolled(session), 1)
    response = admin_client.post(
        f"{ADMIN}/issue/",
        {
            "session": session.pk,
            "email": enrollment.user.email.upper(),
            "note": "Attended the make-up day",
        },
    )
    assert response.status_code == 302
    certificate = Certificate.objects.get(enrollment=enrollment)
    assert certificate.issue_note == "Attended the make-up day"
    assert certificate.issued_by is not None
    content = admin_client.get(f"{ADMIN}/inspect/{certificate.pk}/").content.decode()
    assert "Issued by hand by" in content and str(certificate.issued_by) in content


def test_issue_by_hand_needs_a_note_and_an_enrolled_learner(admin_client, session):
    enrollment = enrolled(session)
    response = admin_client.post(
        f"{ADMIN}/issue/", {"session": session.pk, "email": enrollment.user.email, "note": ""}
    )
    assert response.status_code == 200
    response = admin_client.post(
        f"{ADMIN}/issue/",
        {"session": session.pk, "email": "nobody@example.org", "note": "Because"},
    )
    assert response.status_code == 200
    assert "Nobody with this email address" in response.content.decode()
    assert not Certificate.objects.exists()


def test_reinstate_fills_in_the_learner(admin_client):
    certificate = CertificateFactory()
    certificate_revoke(certificate=certificate, by=None, reason=RevocationReason.OTHER)
    response = admin_client.get(f"{ADMIN}/issue/?enrollment={certificate.enrollment_id}")
    form = response.context["form"]
    assert form.initial["email"] == certificate.enrollment.user.email
    assert form.initial["session"] == certificate.enrollment.session_id


def test_administrator_downloads_any_pdf(admin_client):
    certificate = CertificateFactory()
    response = admin_client.get(f"{ADMIN}/pdf/{certificate.pk}/")
    assert response["Content-Type"] == "application/pdf"


# --- completion rules ---------------------------------------------------------------------

RULES = "/admin/snippets/certificates/completionrule"


def rule_form(**fields) -> dict:
    return {
        "course": "",
        "session": "",
        "min_attendance_percent": 80,
        "min_lessons_percent": 0,
        "min_quiz_percent": 0,
        "survey_required": "on",
        "issues_certificate": "on",
        **fields,
    }


def test_rule_for_a_course(admin_client, course):
    response = admin_client.post(f"{RULES}/add/", rule_form(course=course.pk))
    assert response.status_code == 302
    assert CompletionRule.objects.get().course_id == course.pk
    listing = admin_client.get(f"{RULES}/?q=Flood")
    assert listing.status_code == 200
    assert "Flood early warning" in listing.content.decode()


def test_rule_asking_lessons_and_quiz_score(admin_client, course):
    """A rule asking 80% of the lessons and a 70% quiz score is saved; 101% is refused."""
    response = admin_client.post(
        f"{RULES}/add/", rule_form(course=course.pk, min_lessons_percent=101)
    )
    assert response.status_code == 200
    response = admin_client.post(
        f"{RULES}/add/", rule_form(course=course.pk, min_lessons_percent=80, min_quiz_percent=70)
    )
    assert response.status_code == 302
    rule = CompletionRule.objects.get()
    assert (rule.min_lessons_percent, rule.min_quiz_percent) == (80, 70)


def test_rule_for_both_or_neither_is_refused_with_a_message(admin_client, course, session):
    for fields, message in (
        ({"course": course.pk, "session": session.pk}, "not both"),
        ({}, "Choose the course or the session"),
    ):
        response = admin_client.post(f"{RULES}/add/", rule_form(**fields))
        assert response.status_code == 200
        assert message in response.content.decode()
    assert not CompletionRule.objects.exists()


def test_second_rule_for_a_translation_of_the_course_is_refused(admin_client, course):
    CompletionRule.objects.create(course=course)
    arabic = course.get_translations().get(locale__language_code="ar")
    response = admin_client.post(f"{RULES}/add/", rule_form(course=arabic.pk))
    assert response.status_code == 200
    assert "already has a rule" in response.content.decode()


def test_rule_above_100_percent_is_refused(admin_client, session):
    response = admin_client.post(
        f"{RULES}/add/", rule_form(session=session.pk, min_attendance_percent=101)
    )
    assert response.status_code == 200
    assert not CompletionRule.objects.exists()
