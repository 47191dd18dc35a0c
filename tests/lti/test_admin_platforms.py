"""Administrators register a partner's LMS in the admin: the tool's key pair is made on
save, its public half is published in the key set, and the addresses to give the LMS's
administrator are on the same screen. Trainers see none of it."""

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from accounts.factories import AdministratorFactory, UserFactory
from accounts.roles import TRAINER
from lti.models import LtiPlatform

pytestmark = pytest.mark.django_db

ADD = "wagtailsnippets_lti_ltiplatform:add"
FORM = {
    "name": "Partner university",
    "issuer": "https://lms.example.org",
    "client_id": "abc123",
    "auth_login_url": "https://lms.example.org/auth",
    "auth_token_url": "https://lms.example.org/token",
    "auth_audience": "",
    "key_set_url": "https://lms.example.org/jwks",
    "deployment_ids": "1\n2",
    "active": "on",
}


def test_an_administrator_registers_an_lms_and_its_key_is_published(client, home):
    """Saving the form makes the key pair; the JWKS lists the public key, never the private."""
    client.force_login(AdministratorFactory())
    form = client.get(reverse(ADD)).content.decode()
    assert "Login initiation URL" in form
    assert "http://testserver/lti/login/" in form
    assert "http://testserver/lti/jwks/" in form

    response = client.post(reverse(ADD), FORM)
    assert response.status_code == 302
    platform = LtiPlatform.objects.get()
    assert platform.deployments == ["1", "2"]
    assert "PRIVATE KEY" in platform.tool_private_key

    keys = client.get(reverse("lti:jwks")).json()["keys"]
    assert len(keys) == 1
    assert keys[0]["kty"] == "RSA" and keys[0]["alg"] == "RS256"
    assert "d" not in keys[0]


def test_the_registration_screens_speak_the_administrators_language(client, home):
    """The admin's labels go through the translation catalogue."""
    admin = AdministratorFactory()
    profile = UserProfile.get_for_user(admin)
    profile.preferred_language = "fr"
    profile.save()
    client.force_login(admin)
    response = client.get(reverse(ADD))
    assert response.status_code == 200
    assert 'lang="fr"' in response.content.decode()


def test_a_trainer_cannot_see_registered_lmss(client, home):
    """A trainer is sent away from the list."""
    client.force_login(UserFactory(role=TRAINER))
    response = client.get(reverse("wagtailsnippets_lti_ltiplatform:list"))
    assert response.status_code == 302
