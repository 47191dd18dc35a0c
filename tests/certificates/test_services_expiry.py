"""A course's certificates may expire: the rule sets how many months, the certificate
keeps its last valid day from the day it is issued, and every place that shows it says
so (the credential, the PDF, the email, the pages), and says "expired" after it."""

import base64
import json
from datetime import date, timedelta

import pytest
from django.utils import formats, timezone

from certificates import badges
from certificates.factories import CertificateFactory, CompletionRuleFactory
from certificates.pdf import render_pdf
from certificates.services import certificate_issue, months_after
from tests.certificates.factories import confirmed
from tests.certificates.test_pdf import text_of

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore:EdDSA is deprecated")]


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 3, 5), 24, date(2028, 3, 5)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2027, 12, 15), 1, date(2028, 1, 15)),
    ],
)
def test_months_after(day, months, expected):
    assert months_after(day, months) == expected


def test_the_courses_rule_sets_the_expiry_of_the_certificate_it_issues(
    course, enrollment, mailoutbox, run_tasks
):
    """Issued today under a 24-month rule: valid until the same day two years on, in the
    credential and the email."""
    CompletionRuleFactory(course=course, validity_months=24)
    certificate = certificate_issue(enrollment=enrollment, by=None, note="Checked by hand")
    today = timezone.now().astimezone(enrollment.session.tzinfo).date()
    assert certificate.expires_on == months_after(today, 24)
    credential = badges.build_credential(certificate)
    assert credential["validUntil"] == f"{certificate.expires_on.isoformat()}T23:59:59Z"
    run_tasks()
    (message,) = [m for m in mailoutbox if m.to == [enrollment.user.email]]
    shown = formats.date_format(certificate.expires_on, "DATE_FORMAT")
    assert f"Valid until {shown}" in message.body


def test_without_a_validity_the_certificate_never_expires(enrollment):
    certificate = certificate_issue(enrollment=enrollment, by=None, note="Checked by hand")
    assert certificate.expires_on is None
    assert "validUntil" not in badges.build_credential(certificate)


@pytest.fixture
def expiring(home):
    return confirmed(CertificateFactory(expires_on=date(2031, 6, 30)))


@pytest.fixture
def expired(home):
    return confirmed(CertificateFactory(expires_on=timezone.now().date() - timedelta(days=1)))


def test_the_pdf_prints_the_expiry(expiring):
    assert "Valid until June 30, 2031" in text_of(render_pdf(expiring))


def test_the_jwt_carries_exp(expiring):
    token = badges.badge_jwt(expiring)
    payload = token.split(".")[1]
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    assert claims["exp"] == int(expiring.valid_until.timestamp())
    assert claims["validUntil"] == "2031-06-30T23:59:59Z"
    assert badges.verify_badge(token).expires_on == "2031-06-30"


def test_the_verification_page_states_everything_including_the_expiry(client, expiring):
    content = client.get(f"/en/certificates/verify/{expiring.code}/").content.decode()
    assert "Valid certificate" in content
    for stated in (
        "Amina Diallo",
        "Flood early warning",
        "March 2, 2026",
        "March 5, 2026",
        "24 hours",
        "Grace Otieno, Wei Zhang",
        "Training Centre",
        "Valid until",
        "June 30, 2031",
        badges.criteria_narrative(expiring),
    ):
        assert stated in content


def test_after_its_last_day_the_certificate_is_expired_everywhere(client, expired):
    content = client.get(f"/en/certificates/verify/{expired.code}/").content.decode()
    assert "Expired certificate" in content
    assert "Valid certificate" not in content
    assert "(expired)" in content
    assert client.get(f"/api/certificates/verify/{expired.code}/").json()["status"] == "expired"
    result = badges.verify_badge(badges.badge_jwt(expired))
    assert (result.signature, result.status) == ("valid", "expired")
    client.force_login(expired.enrollment.user)
    page = client.get(f"/en/learning/{expired.enrollment.pk}/certificate/").content.decode()
    assert "Your certificate has expired" in page
    check = client.post("/en/certificates/check/", {"badge": badges.badge_json(expired)})
    assert "Expired" in check.content.decode()
    assert json.loads(badges.badge_json(expired))["validUntil"].startswith(
        expired.expires_on.isoformat()
    )


def test_a_revoked_certificate_says_revoked_even_once_expired(client, expired):
    expired.revoked_at = timezone.now()
    expired.revocation_reason = "other"
    expired.save()
    assert client.get(f"/api/certificates/verify/{expired.code}/").json()["status"] == "revoked"
