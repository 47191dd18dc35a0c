"""The public "Verify a certificate" page: a code box anyone can use without JavaScript,
linked from every page's footer in every language, answering valid, revoked or unknown."""

import pytest
from django.conf import settings

from certificates.factories import CertificateFactory
from certificates.models import RevocationReason
from certificates.services import certificate_revoke
from tests.certificates.factories import confirmed

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(home):
    return confirmed(CertificateFactory(printed_name="Amina Diallo"))


def lookup(client, code=None, language="en"):
    query = {} if code is None else {"code": code}
    return client.get(f"/{language}/certificates/verify/", query)


def test_the_page_offers_a_code_box_that_submits_by_get(client, home):
    """The empty page shows a labelled code box in a GET form, and no verdict yet."""
    response = lookup(client)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Verify a certificate</h1>" in html
    assert '<form method="get" action="/en/certificates/verify/"' in html
    assert '<label for="id_code">Verification code:</label>' in html
    assert 'name="code"' in html
    assert "certificate-status" not in html


def test_a_typed_code_shows_a_valid_certificate(client, certificate):
    """Typing the printed code (with stray spaces) shows the valid certificate's facts."""
    html = lookup(client, f"  {certificate.code[:10]} {certificate.code[10:]} ").content.decode()
    assert "Valid certificate" in html
    assert "Amina Diallo" in html
    assert "Flood early warning" in html


def test_a_pasted_verification_address_works_too(client, certificate):
    """Pasting the whole address printed under the QR code finds the certificate."""
    address = f"http://testserver/fr/certificates/verify/{certificate.code}/"
    assert "Valid certificate" in lookup(client, address).content.decode()


def test_a_revoked_certificate_says_so_with_its_reason(client, certificate):
    certificate_revoke(
        certificate=certificate, by=None, reason=RevocationReason.ISSUED_IN_ERROR, note="x"
    )
    html = lookup(client, certificate.code).content.decode()
    assert "Revoked certificate" in html
    assert "Reason: Issued in error." in html


def test_an_unknown_code_says_so_and_keeps_the_box(client, home):
    """A code nobody holds reads "Unknown certificate", with the code kept in the box."""
    html = lookup(client, "NoSuchCode1234567890abcd").content.decode()
    assert "Unknown certificate" in html
    assert "Check the code" in html
    assert 'value="NoSuchCode1234567890abcd"' in html


def test_an_empty_code_asks_for_one(client, home):
    html = lookup(client, "").content.decode()
    assert "This field is required." in html
    assert "certificate-status" not in html


def test_the_verification_page_links_back_to_the_code_box(client, certificate):
    html = client.get(f"/en/certificates/verify/{certificate.code}/").content.decode()
    assert '<a href="/en/certificates/verify/">Verify another certificate</a>' in html


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_every_page_footer_links_to_the_code_box(client, home, language):
    """The home page's footer, in each of the six languages, links to the page in that
    language."""
    html = client.get(f"/{language}/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert f'href="/{language}/certificates/verify/"' in footer
