"""Revocation as a W3C Bitstring Status List: each certificate holds an index for good, the
list credential is signed and its bit follows a revocation and a reinstatement; the older
1EdTech revocation list keeps answering for credentials handed out before."""

import pytest

from accounts.factories import AdministratorFactory
from certificates import badges, status_list
from certificates.factories import CertificateFactory
from certificates.models import Certificate, RevocationReason, StatusListEntry
from certificates.services import certificate_issue, certificate_revoke, status_entries_allocate
from tests.certificates.factories import confirmed
from tests.certificates.wallet import status_bit

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore:EdDSA is deprecated")]


@pytest.fixture
def certificate(home):
    return confirmed(CertificateFactory(printed_name="Amina Diallo"))


def test_the_bit_is_set_when_revoked_and_cleared_when_reinstated(client, certificate):
    entry = badges.build_credential(certificate)["credentialStatus"]
    assert entry["statusListCredential"] == "http://testserver/api/certificates/status-list/0/"
    assert status_bit(client, entry) == 0
    certificate_revoke(certificate=certificate, by=None, reason=RevocationReason.HOLDER_REQUEST)
    assert status_bit(client, entry) == 1
    certificate_issue(enrollment=certificate.enrollment, by=AdministratorFactory(), note="Error")
    assert status_bit(client, entry) == 0


def test_other_certificates_bits_are_not_touched(client, certificate):
    other = CertificateFactory()
    certificate_revoke(certificate=other, by=None, reason=RevocationReason.OTHER)
    assert status_bit(client, badges.build_credential(certificate)["credentialStatus"]) == 0
    assert status_bit(client, badges.build_credential(other)["credentialStatus"]) == 1


def test_the_list_credential_is_large_enough_and_served_for_verifiers(client, certificate):
    response = client.get("/api/certificates/status-list/0/")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "max-age" in response["Cache-Control"]
    document = response.json()
    assert document["issuer"] == "did:web:testserver"
    assert document["credentialSubject"]["type"] == "BitstringStatusList"
    assert len(status_list.decode(document["credentialSubject"]["encodedList"])) == 16_384


def test_a_list_that_does_not_exist_is_a_404(client, certificate):
    assert client.get("/api/certificates/status-list/7/").status_code == 404


def test_indices_are_never_given_twice_even_after_a_deletion(certificate):
    index = certificate.status_entry.index
    others = [CertificateFactory() for _ in range(5)]
    indices = {index} | {other.status_entry.index for other in others}
    assert len(indices) == 6
    # A certificate deleted: its index stays taken, and its credential reads as revoked.
    enrollment = others[0].enrollment
    deleted_index = others[0].status_entry.index
    Certificate.objects.filter(pk=others[0].pk).delete()
    assert StatusListEntry.objects.get(index=deleted_index).certificate is None
    fresh = CertificateFactory(enrollment__user=enrollment.user)
    assert fresh.status_entry.index not in indices


def test_allocation_draws_free_indices_until_a_list_is_a_quarter_full():
    taken = set(range(status_list.FILL))
    drawn = status_list.draw_indices(10, taken)
    assert all(status_list.list_number(index) == 1 for index in drawn)
    assert len(set(drawn)) == 10


def test_allocation_gives_each_certificate_without_an_index_one(certificate):
    StatusListEntry.objects.filter(certificate=certificate).delete()
    assert status_entries_allocate() == 1
    assert StatusListEntry.objects.filter(certificate=certificate).count() == 1
    assert status_entries_allocate() == 0


def test_the_older_revocation_list_still_answers(client, certificate):
    assert (
        client.get(f"/api/certificates/status/{certificate.code}/").json()["revokedCredentials"]
        == []
    )
    certificate_revoke(certificate=certificate, by=None, reason=RevocationReason.OTHER)
    revoked = client.get(f"/api/certificates/status/{certificate.code}/").json()
    assert revoked["revokedCredentials"][0]["id"] == badges.build_credential(certificate)["id"]
