"""Administrators add a partner's identity provider in the admin and see the addresses to
give the partner; a provider missing what its protocol needs is not saved."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.factories import AdministratorFactory
from sso.models import IdentityProvider, Protocol
from tests.sso.saml_idp import certificate_pem

pytestmark = pytest.mark.django_db


def test_the_edit_form_lists_the_addresses_for_the_partner(client, home):
    """A SAML provider's page shows its platform's metadata, ACS and logout addresses."""
    provider = IdentityProvider.objects.create(
        name="Ministry",
        slug="ministry",
        protocol=Protocol.SAML,
        idp_entity_id="https://idp.example/saml",
        idp_sso_url="https://idp.example/sso",
        idp_certificate=certificate_pem(),
    )
    provider.sites.add(home.get_site())
    client.force_login(AdministratorFactory())

    url = reverse("wagtailsnippets_sso_identityprovider:edit", args=[provider.pk])
    html = client.get(url).content.decode()

    assert "Addresses to give the partner" in html
    assert "http://testserver/sso/saml/ministry/metadata/" in html
    assert "http://testserver/sso/saml/ministry/acs/" in html


def test_a_provider_needs_what_its_protocol_needs():
    """An OpenID Connect provider without issuer or client, or a SAML one with a broken
    certificate, is refused with a message on each field."""
    with pytest.raises(ValidationError) as oidc:
        IdentityProvider(name="P", slug="p", protocol=Protocol.OIDC).full_clean()
    assert {"issuer_url", "client_id", "client_secret"} <= set(oidc.value.message_dict)

    saml = IdentityProvider(
        name="P",
        slug="saml",
        protocol=Protocol.SAML,
        idp_entity_id="https://idp.example/saml",
        idp_sso_url="https://idp.example/sso",
        idp_certificate="not a certificate",
    )
    with pytest.raises(ValidationError) as refused:
        saml.full_clean()
    assert set(refused.value.message_dict) == {"slug", "idp_certificate"}
