"""Open Badges 3.0: the credential's shape, its VC-JWT signed with the platform's Ed25519
key (verified with the key the issuer profile publishes), tampering detected, revocation
seen by the check, and the signing key read from settings."""

import base64
import hashlib
import json

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.checks import run_checks
from joserfc import jwt
from joserfc.errors import BadSignatureError
from joserfc.jwk import OKPKey

from certificates import badges, signing
from certificates.factories import CertificateFactory
from certificates.models import RevocationReason
from certificates.services import certificate_revoke

pytestmark = [
    pytest.mark.django_db,
    # Open Badges 3.0 names the algorithm "EdDSA", which RFC 9864 deprecates.
    pytest.mark.filterwarnings("ignore:EdDSA is deprecated"),
]


def b64json(segment: str) -> dict:
    return json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))


def b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


@pytest.fixture
def certificate(home):
    return CertificateFactory(printed_name="Amina Diallo")


# --- the credential -----------------------------------------------------------------------


def test_credential_follows_open_badges_3(certificate):
    credential = badges.build_credential(certificate)
    assert credential["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["id"] == f"http://testserver/api/certificates/verify/{certificate.code}/"
    assert credential["issuer"] == {
        "id": "did:web:testserver",
        "type": ["Profile"],
        "name": "Training Centre",
        "url": "http://testserver/",
    }
    assert credential["validFrom"].endswith("Z")
    assert credential["name"] == "Flood early warning"
    subject = credential["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    achievement = subject["achievement"]
    assert achievement["type"] == ["Achievement"]
    assert achievement["achievementType"] == "Course"
    assert achievement["name"] == "Flood early warning"
    assert achievement["criteria"]["narrative"]
    assert achievement["id"].startswith("urn:uuid:")
    index = certificate.status_entry.index
    assert credential["credentialStatus"] == {
        "id": f"http://testserver/api/certificates/status-list/0/#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(index),
        "statusListCredential": "http://testserver/api/certificates/status-list/0/",
    }
    assert "validUntil" not in credential  # the course sets no expiry


def test_holder_email_is_only_present_salted_and_hashed(certificate):
    email = certificate.enrollment.user.email
    document = badges.badge_json(certificate)
    assert email not in document
    identity = badges.build_credential(certificate)["credentialSubject"]["identifier"][0]
    assert identity["type"] == "IdentityObject"
    assert identity["identityType"] == "emailAddress"
    assert identity["hashed"] is True
    expected = hashlib.sha256((email.lower() + identity["salt"]).encode()).hexdigest()
    assert identity["identityHash"] == f"sha256${expected}"


def test_printed_name_in_any_script_survives_the_json(certificate):
    certificate.printed_name = "محمد بن عبد الله"
    document = json.loads(badges.badge_json(certificate))
    names = [i for i in document["credentialSubject"]["identifier"] if i["identityType"] == "name"]
    assert names[0]["identityHash"] == "محمد بن عبد الله"


# --- the VC-JWT ---------------------------------------------------------------------------


def test_jwt_header_and_registered_claims(certificate):
    token = badges.badge_jwt(certificate)
    header_segment, payload_segment, _signature = token.split(".")
    header = b64json(header_segment)
    assert header["alg"] == "EdDSA"
    assert header["typ"] == "JWT"
    assert header["kid"] == "did:web:testserver#key-1"
    assert header["jwk"] == signing.public_jwk()
    assert "d" not in header["jwk"]  # never the private part
    payload = b64json(payload_segment)
    credential = badges.build_credential(certificate)
    assert payload["iss"] == credential["issuer"]["id"]
    assert payload["jti"] == credential["id"]
    assert payload["sub"] == credential["credentialSubject"]["id"]
    assert payload["nbf"] == int(certificate.issued_at.timestamp())
    assert {key: payload[key] for key in credential} == credential  # at the top level


def test_signature_verifies_with_the_key_the_issuer_profile_publishes(client, certificate):
    """A verifier fetches the issuer's Profile, takes its public key, checks the token."""
    profile = client.get("/api/certificates/issuer/").json()
    assert profile["id"] == "http://testserver/api/certificates/issuer/"
    method = profile["verificationMethod"][0]
    assert method["id"] == "http://testserver/api/certificates/issuer/#key-1"
    key = OKPKey.import_key(method["publicKeyJwk"])
    decoded = jwt.decode(badges.badge_jwt(certificate), key, algorithms=["EdDSA"])
    assert decoded.claims["jti"] == badges.build_credential(certificate)["id"]
    jwks = client.get(profile["jwks_uri"].removeprefix("http://testserver")).json()
    assert jwks["keys"][0]["x"] == method["publicKeyJwk"]["x"]


def test_tampered_token_fails(certificate):
    """Changing the name in the payload breaks the signature."""
    header, payload, signature = badges.badge_jwt(certificate).split(".")
    claims = b64json(payload)
    claims["credentialSubject"]["identifier"][1]["identityHash"] = "Someone Else"
    forged = f"{header}.{b64(claims)}.{signature}"
    with pytest.raises(BadSignatureError):
        jwt.decode(forged, signing.public_key(), algorithms=["EdDSA"])
    result = badges.verify_badge(forged)
    assert (result.signature, result.status) == ("invalid", "unknown")


def test_token_signed_by_another_key_fails(certificate):
    other = OKPKey.generate_key("Ed25519")
    claims = {
        **badges.build_credential(certificate),
        "jti": badges.build_credential(certificate)["id"],
    }
    forged = jwt.encode({"alg": "EdDSA", "typ": "JWT"}, claims, other, algorithms=["EdDSA"])
    assert badges.verify_badge(forged).signature == "invalid"


@pytest.mark.parametrize(
    "value", ["", "not a token", "a.b.c", "{", "[1, 2]", "x" * 70_000, b"\xff"]
)
def test_garbage_is_invalid_never_an_error(value):
    result = badges.verify_badge(value)
    assert result.status == "unknown"


def test_check_sees_valid_then_revoked(certificate):
    token = badges.badge_jwt(certificate)
    result = badges.verify_badge(token)
    assert (result.signature, result.status) == ("valid", "valid")
    assert result.holder == "Amina Diallo"
    certificate_revoke(
        certificate=certificate, by=None, reason=RevocationReason.REQUIREMENTS_NOT_MET, note="x"
    )
    result = badges.verify_badge(token)
    assert (result.signature, result.status) == ("valid", "revoked")
    assert result.revocation_reason == "requirements_not_met"
    assert "note" not in json.dumps(result.as_dict())


def test_json_credential_is_checked_against_the_record(certificate):
    credential = badges.build_credential(certificate)
    result = badges.verify_badge(json.dumps(credential))
    assert (result.format, result.signature, result.status) == ("json", "absent", "valid")
    assert result.matches_record is True
    credential["name"] = "Another course"
    assert badges.verify_badge(credential).matches_record is False


def test_revocation_list_names_the_credential_once_revoked(certificate):
    assert badges.revocation_list(certificate)["revokedCredentials"] == []
    certificate_revoke(certificate=certificate, by=None, reason=RevocationReason.HOLDER_REQUEST)
    revoked = badges.revocation_list(certificate)["revokedCredentials"]
    assert revoked == [
        {
            "id": badges.build_credential(certificate)["id"],
            "revoked": True,
            "revocationReason": "At the holder's request",
        }
    ]


# --- the signing key ----------------------------------------------------------------------


def seed_of(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )


def test_key_from_a_base64url_seed(settings):
    seed = signing.generate_seed()
    settings.CERTIFICATE_SIGNING_KEY = seed
    raw = base64.urlsafe_b64decode(seed + "=" * (-len(seed) % 4))
    assert seed_of(signing.parse_key(seed)) == raw
    assert (
        signing.public_jwk()["x"]
        == OKPKey.import_key(signing.parse_key(seed)).as_dict(private=False)["x"]
    )


def test_key_from_a_pem_with_escaped_line_breaks(settings):
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    assert seed_of(signing.parse_key(pem)) == seed_of(private)
    assert seed_of(signing.parse_key(pem.replace("\n", "\\n"))) == seed_of(private)


@pytest.mark.parametrize("value", ["short", "!!!!", "-----BEGIN PRIVATE KEY-----\nnope\n"])
def test_malformed_keys_are_refused(value):
    with pytest.raises(signing.SigningKeyError):
        signing.parse_key(value)


def test_development_key_is_derived_from_the_secret_key(settings):
    settings.CERTIFICATE_SIGNING_KEY = ""
    first = signing.public_jwk()
    assert signing.public_jwk() == first
    settings.SECRET_KEY = "another-secret"
    assert signing.public_jwk() != first


def test_a_new_key_changes_the_signer(settings, certificate):
    token = badges.badge_jwt(certificate)
    settings.CERTIFICATE_SIGNING_KEY = signing.generate_seed()
    assert badges.verify_badge(token).signature == "invalid"
    assert badges.verify_badge(badges.badge_jwt(certificate)).signature == "valid"


def check_ids() -> set[str]:
    return {message.id for message in run_checks() if message.id.startswith("certificates.")}


def test_system_check_refuses_an_empty_key_in_production(settings, monkeypatch):
    settings.CERTIFICATE_SIGNING_KEY = ""
    assert check_ids() == set()
    monkeypatch.setenv("DJANGO_ENV", "production")
    assert check_ids() == {"certificates.E001"}
    settings.CERTIFICATE_SIGNING_KEY = signing.generate_seed()
    assert check_ids() == set()


def test_system_check_refuses_a_malformed_key(settings):
    settings.CERTIFICATE_SIGNING_KEY = "not-a-key"
    assert check_ids() == {"certificates.E002"}
