"""Logging in through a partner's SAML 2.0 identity provider (pysaml2's Server signing real
answers posted to our ACS): a good assertion logs in; a wrong signature, an expired
assertion or one for another service are refused with a page that says why."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.sso import saml_idp

pytestmark = pytest.mark.django_db


User = get_user_model()

AMINA = {
    "uid": ["amina"],
    "mail": ["amina@ministry.example"],
    "givenName": ["Amina"],
    "sn": ["Diallo"],
}


def sp_metadata(client, slug="ministry") -> str:
    response = client.get(reverse("saml_metadata", kwargs={"organization_slug": slug}))
    assert response.status_code == 200
    return response.content.decode()


def saml_log_in(client, idp, identity=AMINA, *, language="en", audience=None):
    start = client.post(f"/{language}/accounts/saml/ministry/login/")
    assert start.status_code == 302, start.content
    assert start["Location"].startswith(saml_idp.SSO_URL)
    acs, data = saml_idp.answer(idp, start["Location"], identity, audience=audience)
    return client.post(acs, data, follow=True)


def logged_in_user(client):
    return client.get("/en/accounts/email/").wsgi_request.user


def test_a_good_assertion_logs_in(client, saml_partner, saml_keys):
    """The ministry's signed answer creates Amina's account and logs her in."""
    idp = saml_idp.server(saml_keys["partner"], sp_metadata(client))

    response = saml_log_in(client, idp)

    assert response.redirect_chain[-1][0] == reverse("enrollment:my_learning")
    amina = User.objects.get(email="amina@ministry.example")
    assert logged_in_user(client) == amina
    assert (amina.first_name, amina.last_name) == ("Amina", "Diallo")


def test_a_wrong_signature_is_refused(client, saml_partner, saml_keys):
    """An answer signed with a key that is not the ministry's is refused."""
    idp = saml_idp.server(saml_keys["stranger"], sp_metadata(client))

    response = saml_log_in(client, idp)

    assert response.status_code == 401
    assert "did not carry a valid signature" in response.content.decode()
    assert not User.objects.exists()


def test_an_expired_assertion_is_refused(client, saml_partner, saml_keys):
    """An assertion whose validity ended is refused, and the page says so."""
    idp = saml_idp.server(saml_keys["partner"], sp_metadata(client), lifetime_minutes=-10)

    response = saml_log_in(client, idp)

    assert response.status_code == 401
    assert "had expired" in response.content.decode()
    assert not User.objects.exists()


def test_an_assertion_for_another_service_is_refused(client, saml_partner, saml_keys):
    """An assertion whose audience is another service provider is refused."""
    elsewhere = "https://elsewhere.example/sp"
    idp = saml_idp.server(saml_keys["partner"], sp_metadata(client), other_sp=elsewhere)

    response = saml_log_in(client, idp, audience=elsewhere)

    assert response.status_code == 401
    assert "meant for another service" in response.content.decode()
    assert not User.objects.exists()
