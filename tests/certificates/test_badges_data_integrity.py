"""The Open Badge a wallet imports: an embedded Data Integrity proof (eddsa-rdfc-2022) that
an independent verifier checks with the key of the issuer's did:web; any edit breaks it;
only the shipped JSON-LD contexts are ever read."""

import base64
import json
import re
import socket

import pytest
from cryptography.hazmat.primitives import serialization

from certificates import badges, did, integrity
from certificates.factories import CertificateFactory
from tests.certificates.factories import confirmed
from tests.certificates.wallet import proof_verifies, resolve_key

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore:EdDSA is deprecated")]


@pytest.fixture
def certificate(home):
    return confirmed(CertificateFactory(printed_name="Amina Diallo"))


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("a network connection was attempted")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


def downloaded(client, certificate) -> dict:
    client.force_login(certificate.enrollment.user)
    response = client.get(f"/en/learning/{certificate.enrollment.pk}/badge.json")
    assert response.status_code == 200
    return json.loads(response.content)


def test_the_downloaded_badge_carries_a_proof_an_independent_verifier_accepts(
    client, certificate, no_network
):
    """Canonicalized again, hashed and checked against the Multikey of did.json."""
    credential = downloaded(client, certificate)
    proof = credential["proof"]
    assert proof["type"] == "DataIntegrityProof"
    assert proof["cryptosuite"] == "eddsa-rdfc-2022"
    assert proof["verificationMethod"] == "did:web:testserver#key-1"
    assert proof["proofValue"].startswith("z")
    assert credential["issuer"]["id"] == "did:web:testserver"
    assert proof_verifies(client, credential)


@pytest.mark.parametrize(
    "edit",
    [
        lambda c: c["credentialSubject"]["identifier"][1].update(identityHash="Someone Else"),
        lambda c: c.update(name="Another course"),
        lambda c: c["credentialSubject"].update(activityEndDate="2030-01-01T00:00:00Z"),
        lambda c: c.update(validUntil="2099-01-01T00:00:00Z"),
        lambda c: c["proof"].update(created="2020-01-01T00:00:00Z"),
    ],
    ids=["name", "course", "dates", "expiry", "proof options"],
)
def test_any_edit_breaks_the_proof(client, certificate, edit):
    credential = downloaded(client, certificate)
    edit(credential)
    assert not proof_verifies(client, credential)
    result = badges.verify_badge(json.dumps(credential))
    assert (result.format, result.signature, result.status) == ("json", "invalid", "unknown")


def test_the_check_accepts_the_signed_json_and_says_its_status(client, certificate):
    credential = downloaded(client, certificate)
    result = badges.verify_badge(json.dumps(credential))
    assert (result.signature, result.status, result.matches_record) == ("valid", "valid", True)
    response = client.post("/en/certificates/check/", {"badge": json.dumps(credential)})
    assert "Its Data Integrity proof is this platform's signature." in response.content.decode()


def test_a_proof_by_another_key_fails(client, certificate, settings):
    credential = downloaded(client, certificate)
    settings.CERTIFICATE_SIGNING_KEY = "A" * 43
    assert not proof_verifies(client, credential)
    assert badges.verify_badge(credential).signature == "invalid"


def test_the_did_document_resolves_the_verification_method(client, certificate):
    """did:web:testserver → /.well-known/did.json: the platform's Ed25519 key, the one
    that signs the VC-JWT too."""
    response = client.get("/.well-known/did.json")
    assert response["Content-Type"] == "application/did+json"
    assert response["Access-Control-Allow-Origin"] == "*"
    document = response.json()
    assert document["id"] == "did:web:testserver"
    assert document["alsoKnownAs"] == ["http://testserver/api/certificates/issuer/"]
    key = resolve_key(client, "did:web:testserver#key-1")
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    jwk_x = client.get("/api/certificates/issuer/jwks.json").json()["keys"][0]["x"]
    assert raw == base64.urlsafe_b64decode(jwk_x + "=" * (-len(jwk_x) % 4))


def test_the_did_of_a_host_with_a_port_encodes_the_colon(client):
    assert did.did_for("http://localhost:8000") == "did:web:localhost%3A8000"
    response = client.get("/.well-known/did.json", HTTP_HOST="localhost:8000")
    assert response.json()["id"] == "did:web:localhost%3A8000"


def test_the_jwt_names_the_did_and_its_key(certificate):
    token = badges.badge_jwt(certificate)
    header = json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "==").decode())
    assert header["kid"] == "did:web:testserver#key-1"
    assert badges.verify_badge(token).signature == "valid"


def test_the_issuer_profile_still_answers_at_its_address_and_names_the_did(client, certificate):
    profile = client.get("/api/certificates/issuer/").json()
    assert profile["id"] == "http://testserver/api/certificates/issuer/"
    assert profile["otherIdentifier"][0]["identifier"] == "did:web:testserver"


def test_an_unknown_context_is_refused_without_any_fetch(certificate, no_network):
    credential = badges.build_credential(certificate)
    credential["@context"] = [*credential["@context"], "https://example.org/unknown-context"]
    with pytest.raises(integrity.ProofError, match=re.escape("https://example.org/unknown-context")):
        integrity.canonicalize(credential)


def test_a_document_with_too_many_blank_nodes_is_refused_unread(certificate):
    credential = badges.signed_credential(certificate)
    credential["credentialSubject"]["identifier"] *= 40
    with pytest.raises(integrity.ProofError):
        integrity.canonicalize(credential)
    assert badges.verify_badge(credential).signature == "invalid"


def test_the_same_certificate_gives_the_same_signed_json(certificate):
    """A download a day later is the same bytes: the proof is dated by the certificate,
    not by the download."""
    from datetime import timedelta

    from django.utils import timezone
    from freezegun import freeze_time

    first = badges.badge_json(certificate)
    with freeze_time(timezone.now() + timedelta(days=1)):
        assert badges.badge_json(certificate) == first


def test_a_term_no_context_defines_is_refused_not_dropped(client, certificate):
    """JSON-LD would drop it from what is signed, so it could be changed at will."""
    credential = downloaded(client, certificate)
    credential["credentialSubject"]["grade"] = "A+"
    with pytest.raises(integrity.ProofError, match="do not define"):
        integrity.canonicalize({k: v for k, v in credential.items() if k != "proof"})
    assert badges.verify_badge(credential).signature == "invalid"
