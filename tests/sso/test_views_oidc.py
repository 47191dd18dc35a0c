"""Logging in through a partner's OpenID provider (django-oauth-toolkit in a second
process): a first log-in creates the account, a verified address joins the existing one,
an unverified one never does, and a token for another service or with a bad signature is
refused with a page that says why."""

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.factories import UserFactory
from sso.models import ConsentedProfileClaims
from tests.sso.conftest import add_oidc, oidc_log_in

pytestmark = pytest.mark.django_db

User = get_user_model()


def logged_in_user(client):
    return client.get("/en/accounts/email/").wsgi_request.user


def test_first_log_in_creates_a_learner_account(client, home, openid_provider):
    """Amina's first log-in through her university creates her account, verified, as a
    learner, and lands on My learning."""
    add_oidc(home, openid_provider, slug="partner", organisation="")

    response = oidc_log_in(client, openid_provider, slug="partner", username="amina")

    assert response.redirect_chain[-1][0] == reverse("enrollment:my_learning")
    user = User.objects.get(email="amina@university.example")
    assert logged_in_user(client) == user
    assert (user.first_name, user.last_name) == ("Amina", "Diallo")
    assert user.groups.filter(name="Learners").exists()
    assert EmailAddress.objects.get(user=user).verified
    assert SocialAccount.objects.get(user=user).provider == "partner"


def test_profile_details_are_kept_only_with_the_learners_consent(
    client, home, openid_provider, oidc_partner
):
    """A provider that sends a country and an organisation leads to the sign-up form, which
    asks before using them; ticked, the profile form starts from them."""
    response = oidc_log_in(client, openid_provider, slug="partner", username="amina")

    html = response.content.decode()
    assert "Use these details from Université Partenaire in my learner profile" in html
    assert "Senegal, Université Cheikh Anta Diop" in html
    response = client.post(
        reverse("socialaccount_signup"),
        {"email": "amina@university.example", "use_profile_claims": "on"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse("enrollment:my_learning")
    consent = ConsentedProfileClaims.objects.get(user__email="amina@university.example")
    assert (consent.country.code, consent.organisation) == ("SN", "Université Cheikh Anta Diop")
    profile = client.get(reverse("enrollment:profile")).content.decode()
    assert '<option value="SN" selected>' in profile
    assert 'value="Université Cheikh Anta Diop"' in profile


def test_without_consent_nothing_is_kept(client, home, openid_provider, oidc_partner):
    """Left unticked, the account is created and the profile form starts empty."""
    oidc_log_in(client, openid_provider, slug="partner", username="amina")

    client.post(reverse("socialaccount_signup"), {"email": "amina@university.example"})

    assert User.objects.filter(email="amina@university.example").exists()
    assert not ConsentedProfileClaims.objects.exists()
    assert (
        '<option value="SN" selected>'
        not in client.get(reverse("enrollment:profile")).content.decode()
    )


def test_a_verified_address_joins_the_existing_account(client, home, openid_provider):
    """Amina already has an account with the address her university vouches for: she is
    logged in to it, and the university is linked to it."""
    add_oidc(home, openid_provider, slug="partner", organisation="")
    amina = UserFactory(email="amina@university.example")

    response = oidc_log_in(client, openid_provider, slug="partner", username="amina")

    assert response.redirect_chain[-1][0] == reverse("enrollment:my_learning")
    assert logged_in_user(client) == amina
    assert SocialAccount.objects.get(provider="partner").user == amina
    assert User.objects.count() == 1


def test_an_account_someone_opened_with_her_address_loses_its_password(
    client, home, openid_provider
):
    """Someone signed up with Amina's address and never verified it: when the university
    vouches for the address, the stranger's password stops working, and Amina confirms the
    address by email before the account opens."""
    add_oidc(home, openid_provider, slug="partner", organisation="")
    squatted = UserFactory(email="amina@university.example", verified_email=False)

    response = oidc_log_in(client, openid_provider, slug="partner", username="amina")

    assert response.redirect_chain[-1][0] == reverse("account_email_verification_sent")
    assert not logged_in_user(client).is_authenticated
    squatted.refresh_from_db()
    assert not squatted.has_usable_password()


def test_an_unverified_address_never_takes_over_an_account(client, home, openid_provider):
    """The ministry does not vouch for Ivan's address: the account that has it stays
    closed to him, and nothing is linked to it."""
    add_oidc(home, openid_provider, slug="partner", organisation="")
    owner = UserFactory(email="ivan@ministry.example")

    oidc_log_in(client, openid_provider, slug="partner", username="ivan")

    assert logged_in_user(client) != owner
    assert not SocialAccount.objects.filter(user=owner).exists()
    owner.refresh_from_db()
    assert owner.has_usable_password()


def test_a_token_meant_for_another_service_is_refused(client, home, openid_provider):
    """An ID token whose audience is not our client ID is refused, and the page says so in
    the learner's language."""
    add_oidc(home, openid_provider, slug="wrong-aud", client_id="training-platform-2")

    response = oidc_log_in(
        client, openid_provider, slug="wrong-aud", username="amina", language="fr"
    )

    assert response.status_code == 401
    html = response.content.decode()
    assert '<html lang="fr"' in html
    assert "meant for another service" in html or "un autre service" in html
    assert not logged_in_user(client).is_authenticated
    assert not User.objects.exists()


def test_a_token_with_a_bad_signature_is_refused(client, home, openid_provider):
    """The provider's published key does not verify the ID token: refused, said so."""
    add_oidc(home, openid_provider, slug="forged", issuer=f"{openid_provider.url}/forged")

    response = oidc_log_in(client, openid_provider, slug="forged", username="amina")

    assert response.status_code == 401
    assert "did not carry a valid signature" in response.content.decode()
    assert not logged_in_user(client).is_authenticated
    assert not User.objects.exists()


def test_an_unreachable_provider_is_reported_without_an_error(client, home, openid_provider):
    """A provider that does not answer gives the error page, not a server error."""
    add_oidc(home, openid_provider, slug="partner", issuer="http://127.0.0.1:9/o")

    response = client.post("/en/accounts/oidc/partner/login/")

    assert response.status_code == 401
    assert "could not be reached" in response.content.decode()


def test_the_log_in_page_offers_the_platforms_providers(client, home, oidc_partner):
    """The log-in page has a "Log in with" button for the partner, its name in its own
    direction; a provider of no platform is not offered."""
    add_oidc(home, None, slug="elsewhere", issuer="http://127.0.0.1:9/o").sites.clear()

    html = client.get(reverse("account_login")).content.decode()

    assert 'Log in with <span dir="auto">Université Partenaire</span>' in html
    assert 'action="/en/accounts/oidc/partner/login/' in html
    assert "/accounts/oidc/elsewhere/" not in html
