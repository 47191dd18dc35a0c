import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group
from django.test import override_settings
from wagtail.users.models import UserProfile

from accounts.factories import DEFAULT_PASSWORD, AdministratorFactory, TrainerFactory, UserFactory
from accounts.roles import ADMINISTRATOR, LEARNER, TRAINER

pytestmark = pytest.mark.django_db


def test_roles_exist_with_their_permissions():
    """The migration creates the three roles; only trainers and administrators reach the admin."""
    assert set(Group.objects.values_list("name", flat=True)) == {LEARNER, TRAINER, ADMINISTRATOR}
    learner, trainer, administrator = UserFactory(), TrainerFactory(), AdministratorFactory()
    assert not learner.has_perm("wagtailadmin.access_admin")
    assert trainer.has_perm("wagtailadmin.access_admin")
    assert administrator.has_perm("wagtailadmin.access_admin")
    assert administrator.has_perm("cms.change_platformsettings")
    assert not trainer.has_perm("cms.change_platformsettings")


def test_learner_cannot_enter_the_admin(client, home):
    """A learner who opens /admin/ lands on the home page, told they have no access."""
    client.force_login(UserFactory())
    response = client.get("/admin/pages/", follow=True)
    assert response.redirect_chain == [("/en/", 302)]
    assert "Your account has no access to the administration." in response.content.decode()


def test_trainer_enters_the_admin_when_mfa_is_not_required(client, home):
    """Without the MFA requirement a trainer reaches the Wagtail dashboard."""
    client.force_login(TrainerFactory())
    assert client.get("/admin/").status_code == 200


@override_settings(MFA_REQUIRED_FOR_STAFF=True)
def test_staff_without_a_second_factor_are_sent_to_set_one_up(client, home):
    """When MFA is required, an administrator without TOTP is sent to activate it first."""
    client.force_login(AdministratorFactory())
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].endswith("/accounts/2fa/totp/activate/")


@override_settings(MFA_REQUIRED_FOR_STAFF=True)
def test_staff_with_a_second_factor_enter_the_admin(client, home):
    """An administrator who has activated TOTP reaches the admin."""
    administrator = AdministratorFactory()
    TOTP.activate(administrator, generate_totp_secret())
    client.force_login(administrator)
    assert client.get("/admin/").status_code == 200


@override_settings(MFA_REQUIRED_FOR_STAFF=True)
def test_mfa_requirement_does_not_touch_learners(client, home):
    """Learners browse the site normally when MFA is required of staff."""
    client.force_login(UserFactory())
    assert client.get("/en/").status_code == 200


def test_wagtail_login_form_is_replaced_by_the_sites_login(client, home):
    """The admin's own log-in form, which would skip the second factor, redirects to allauth."""
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=")


def test_admin_speaks_the_language_the_person_logged_in_with(client, home):
    """A trainer who logs in on the French site gets the Wagtail admin in French."""
    trainer = TrainerFactory(email="formatrice@example.org")
    client.post(
        "/fr/accounts/login/", {"login": "formatrice@example.org", "password": DEFAULT_PASSWORD}
    )
    assert UserProfile.get_for_user(trainer).preferred_language == "fr"
    html = client.get("/admin/").content.decode()
    assert 'lang="fr"' in html


def log_in_and_confirm_password(client, user) -> None:
    """Log in, then confirm the password as allauth asks before security changes."""
    client.post("/en/accounts/login/", {"login": user.email, "password": DEFAULT_PASSWORD})
    client.post("/en/accounts/reauthenticate/", {"password": DEFAULT_PASSWORD})


def test_every_learner_can_activate_an_authenticator_app(client, home):
    """Two-factor authentication is offered to learners too, with a QR code to scan."""
    log_in_and_confirm_password(client, UserFactory())
    index = client.get("/en/accounts/2fa/")
    assert index.status_code == 200
    activate = client.get("/en/accounts/2fa/totp/activate/")
    assert activate.status_code == 200
    html = activate.content.decode()
    assert "<svg" in html or "data:image" in html
    assert 'name="code"' in html


def test_learner_activates_totp_with_a_valid_code(client, home):
    """Entering the current code from the app turns two-factor authentication on."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import (
        SECRET_SESSION_KEY,
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    learner = UserFactory()
    log_in_and_confirm_password(client, learner)
    client.get("/en/accounts/2fa/totp/activate/")
    secret = client.session[SECRET_SESSION_KEY]
    counter = next(iter(yield_hotp_counters_from_time()))
    code = format_hotp_value(hotp_value(secret, counter))
    response = client.post("/en/accounts/2fa/totp/activate/", {"code": code})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=learner, type="totp").exists()


def test_trainers_find_their_sessions_and_the_admin_in_the_header(client, home):
    """A trainer's header links to their sessions and the administration; a learner's not."""
    client.force_login(TrainerFactory())
    html = client.get("/en/").content.decode()
    assert 'href="/en/sessions/mine/"' in html
    assert 'href="/admin/"' in html
    client.force_login(UserFactory())
    html = client.get("/en/").content.decode()
    assert 'href="/en/sessions/mine/"' not in html
    assert 'href="/admin/"' not in html
