"""What a stranger sees: the public verification page and its JSON (valid, revoked with
the general reason only, unknown for any other code, never an error), the revocation
status, the issuer's keys, and the badge check, as a page and as an endpoint."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from certificates import badges
from certificates.factories import CertificateFactory
from certificates.models import RevocationReason
from certificates.services import certificate_revoke
from tests.certificates.factories import confirmed

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore:EdDSA is deprecated")]

INTERNAL_NOTE = "Learner copied the attendance sheet"


@pytest.fixture
def certificate(home):
    return confirmed(CertificateFactory(printed_name="Amina Diallo"))


@pytest.fixture
def revoked(certificate):
    return certificate_revoke(
        certificate=certificate,
        by=None,
        reason=RevocationReason.REQUIREMENTS_NOT_MET,
        note=INTERNAL_NOTE,
    )


def page(client, code: str, language: str = "en"):
    return client.get(f"/{language}/certificates/verify/{code}/")


# --- the page -----------------------------------------------------------------------------


def test_valid_certificate_shows_only_the_printed_facts(client, certificate):
    response = page(client, certificate.code)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Valid certificate" in content
    for shown in ("Amina Diallo", "Flood early warning", "March 2, 2026", "24 hours"):
        assert shown in content
    assert "Training Centre" in content
    assert certificate.enrollment.user.email not in content
    assert certificate.code not in content.replace(f"/verify/{certificate.code}/", "")


# One for the certificate, one for the site; the header's home, settings and menu come from
# the shared cache once read (cms.page_cache.remember).
PAGE_QUERIES = 2


def test_verification_page_takes_a_fixed_number_of_queries(
    client, certificate, django_assert_num_queries
):
    """Valid or revoked, the same few queries; an unknown code adds the redirects lookup
    Wagtail makes for every 404."""
    other = confirmed(CertificateFactory())
    certificate_revoke(certificate=other, by=None, reason=RevocationReason.OTHER)
    page(client, certificate.code)  # fills the process's caches (locales, content types)
    for code in (certificate.code, other.code):
        with django_assert_num_queries(PAGE_QUERIES):
            assert page(client, code).status_code == 200
    with django_assert_num_queries(PAGE_QUERIES + 1):
        assert page(client, "A" * 32).status_code == 404


def test_malformed_code_costs_no_certificate_query(client, certificate):
    page(client, certificate.code)
    with CaptureQueriesContext(connection) as queries:
        response = page(client, "not-a-code!")
    assert response.status_code == 404
    assert not any("certificates_certificate" in query["sql"] for query in queries)


def test_revoked_page_gives_the_date_and_general_reason_not_the_note(client, revoked):
    response = page(client, revoked.code)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Revoked certificate" in content
    assert "The requirements were not met" in content
    assert INTERNAL_NOTE not in content
    assert "Valid certificate" not in content


def test_revoked_page_in_arabic(client, revoked):
    response = page(client, revoked.code, "ar")
    assert response.status_code == 200
    assert 'dir="rtl"' in response.content.decode()


@pytest.mark.parametrize(
    "code",
    [
        "A" * 32,  # well formed, unknown
        "short",
        "x" * 300,
        "شهادة-مزورة",
        "%E2%80%AE%00",
        "abc/def",
        "..%2F..%2Fetc%2Fpasswd",
        "'; DROP TABLE certificates_certificate; --",
    ],
)
def test_unknown_or_malformed_code_is_the_unknown_page(client, home, code):
    response = page(client, code)
    assert response.status_code == 404
    assert "Unknown certificate" in response.content.decode()


def test_code_is_case_sensitive(client, certificate):
    assert page(client, certificate.code.swapcase()).status_code == 404


# --- the JSON -----------------------------------------------------------------------------


def test_json_of_a_valid_certificate(client, certificate):
    response = client.get(f"/api/certificates/verify/{certificate.code}/")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "valid"
    assert data["holder"] == "Amina Diallo"
    assert data["course"] == "Flood early warning"
    assert (data["starts_on"], data["ends_on"], data["hours"]) == ("2026-03-02", "2026-03-05", 24)
    assert data["issuer"] == {"name": "Training Centre", "url": "http://testserver"}
    assert certificate.enrollment.user.email not in response.content.decode()
    assert response["Access-Control-Allow-Origin"] == "*"


def test_json_is_language_neutral(client, certificate):
    """No language prefix; the same answer whatever the reader's language."""
    english = client.get(f"/api/certificates/verify/{certificate.code}/")
    arabic = client.get(f"/api/certificates/verify/{certificate.code}/", HTTP_ACCEPT_LANGUAGE="ar")
    assert english.json() == arabic.json()


def test_json_of_a_revoked_certificate(client, revoked):
    data = client.get(f"/api/certificates/verify/{revoked.code}/").json()
    assert data["status"] == "revoked"
    assert data["revocation_reason"] == "requirements_not_met"
    assert data["revocation_reason_label"] == "The requirements were not met"
    assert data["revoked_at"].endswith("Z")
    assert INTERNAL_NOTE not in json.dumps(data)


@pytest.mark.parametrize("code", ["A" * 32, "x" * 300, "شهادة", "a/b"])
def test_json_of_an_unknown_code(client, home, code):
    response = client.get(f"/api/certificates/verify/{code}/")
    assert response.status_code == 404
    assert response.json() == {"status": "unknown"}


def test_revocation_status_endpoint(client, certificate):
    url = f"/api/certificates/status/{certificate.code}/"
    data = client.get(url).json()
    assert data["id"] == f"http://testserver{url}"
    assert data["issuer"] == "http://testserver/api/certificates/issuer/"
    assert data["revokedCredentials"] == []
    certificate_revoke(certificate=certificate, by=None, reason=RevocationReason.OTHER, note="x")
    revoked = client.get(url).json()["revokedCredentials"]
    assert revoked[0]["revoked"] is True
    assert revoked[0]["revocationReason"] == "Withdrawn by the issuer"
    assert client.get("/api/certificates/status/nope/").status_code == 404


def test_issuer_profile_and_keys(client, home):
    profile = client.get("/api/certificates/issuer/").json()
    assert profile["type"] == ["Profile"]
    assert profile["name"] == "Training Centre"
    assert profile["url"] == "http://testserver/"
    jwk = profile["verificationMethod"][0]["publicKeyJwk"]
    assert (jwk["kty"], jwk["crv"]) == ("OKP", "Ed25519")
    assert "d" not in jwk
    keys = client.get("/api/certificates/issuer/jwks.json").json()["keys"]
    assert "d" not in keys[0]


# --- the badge check endpoint -------------------------------------------------------------


def check(client, body, content_type="application/jwt"):
    return client.post("/api/certificates/check/", body, content_type=content_type)


def test_check_endpoint_accepts_a_raw_token(client, certificate):
    result = check(client, badges.badge_jwt(certificate)).json()
    assert result["signature"] == "valid"
    assert result["status"] == "valid"
    assert result["holder"] == "Amina Diallo"


def test_check_endpoint_accepts_json_and_form_bodies(client, certificate):
    token = badges.badge_jwt(certificate)
    as_json = check(client, {"badge": token}, "application/json").json()
    as_form = client.post("/api/certificates/check/", {"badge": token}).json()
    credential = check(client, badges.build_credential(certificate), "application/json").json()
    assert as_json["status"] == as_form["status"] == credential["status"] == "valid"
    assert credential["signature"] == "absent"
    assert credential["matches_record"] is True


def test_check_endpoint_sees_the_revocation(client, certificate):
    token = badges.badge_jwt(certificate)
    certificate_revoke(
        certificate=certificate, by=None, reason=RevocationReason.ISSUED_IN_ERROR, note="x"
    )
    result = check(client, token).json()
    assert (result["signature"], result["status"]) == ("valid", "revoked")
    assert result["revocation_reason"] == "issued_in_error"


def test_check_endpoint_refuses_a_tampered_token(client, certificate):
    header, payload, signature = badges.badge_jwt(certificate).split(".")
    tampered = f"{header}.{payload[:-4]}AAAA.{signature}"
    result = check(client, tampered).json()
    assert result["signature"] == "invalid"
    assert result["status"] == "unknown"


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        ("", "application/jwt", 400),
        ("{not json", "application/json", 400),
        ("x" * 70_000, "application/jwt", 413),
        ("garbage", "application/jwt", 200),
    ],
)
def test_check_endpoint_bad_input(client, home, body, content_type, status):
    assert check(client, body, content_type).status_code == status


def test_check_endpoint_is_post_only(client, home):
    assert client.get("/api/certificates/check/").status_code == 405


# --- the badge check page -----------------------------------------------------------------


def test_check_page_says_valid_then_revoked(client, certificate):
    token = badges.badge_jwt(certificate)
    assert client.get("/en/certificates/check/").status_code == 200
    content = client.post("/en/certificates/check/", {"badge": token}).content.decode()
    assert "The signature is this platform&#x27;s." in content or "The signature is this" in content
    assert ">Valid<" in content
    certificate_revoke(certificate=certificate, by=None, reason=RevocationReason.HOLDER_REQUEST)
    content = client.post("/en/certificates/check/", {"badge": token}).content.decode()
    assert ">Revoked<" in content
    assert "At the holder" in content


def test_check_page_with_garbage(client, home):
    content = client.post("/en/certificates/check/", {"badge": "hello"}).content.decode()
    assert "Not a badge signed by this platform" in content
