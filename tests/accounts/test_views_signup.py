import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from accounts.factories import DEFAULT_PASSWORD, UserFactory
from accounts.models import User
from accounts.roles import LEARNER
from tests.tasks import work_off_the_queue

pytestmark = pytest.mark.django_db


def sign_up(client, language="en", email="amina@example.org", password=DEFAULT_PASSWORD, **extra):
    data = {"email": email, "password1": password, "password2": password, **extra}
    return client.post(f"/{language}/accounts/signup/", data)


def confirmation_link(message) -> str:
    return re.search(r"http://testserver(/\S+/accounts/confirm-email/\S+/)", message.body).group(1)


def test_sign_up_sends_a_confirmation_email_in_the_readers_language(client, home):
    """Signing up in French sends a French confirmation email and asks to check the inbox."""
    response = sign_up(client, "fr")
    assert response.status_code == 302
    assert response["Location"] == "/fr/accounts/confirm-email/"
    work_off_the_queue()  # the email leaves through the task worker
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["amina@example.org"]
    assert "Confirmez" in message.subject or "confirm" in message.subject.lower()
    assert "/fr/accounts/confirm-email/" in message.body


def test_new_account_is_a_learner_without_a_username(client, home):
    """A new account is identified by its email and starts in the Learners role."""
    sign_up(client)
    user = User.objects.get(email="amina@example.org")
    assert list(user.groups.values_list("name", flat=True)) == [LEARNER]
    assert not user.is_staff


def test_confirming_the_email_logs_the_person_in(client, home):
    """Following the emailed link and confirming logs the learner in."""
    sign_up(client)
    work_off_the_queue()  # the email leaves through the task worker
    link = confirmation_link(mail.outbox[0])
    page = client.get(link)
    assert page.status_code == 200
    response = client.post(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="amina@example.org").verified
    html = client.get("/en/").content.decode()
    assert "Log out" in html


def test_unverified_account_cannot_log_in(client, home):
    """Logging in before confirming the email sends the person to check their inbox."""
    UserFactory(email="new@example.org", verified_email=False)
    response = client.post(
        "/en/accounts/login/", {"login": "new@example.org", "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session


def test_mismatched_passwords_show_an_error_in_the_readers_language(client, home):
    """Invalid sign-up data shows the form again with errors in French, and stores nothing."""
    response = sign_up(client, "fr", password2="something else entirely")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="errorlist' in html
    assert "mot de passe" in html.lower()
    assert not User.objects.filter(email="amina@example.org").exists()


def test_invalid_email_shows_an_error_in_arabic(client, home):
    """A malformed email gets an Arabic error on the Arabic sign-up page."""
    response = sign_up(client, "ar", email="not-an-email")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="errorlist' in html
    assert "بريد" in html
    assert not User.objects.exists()


def test_duplicate_email_does_not_create_a_second_account(client, home):
    """Signing up with a known email creates nothing and tells the address's owner by email,
    without revealing to the visitor that the account exists."""
    UserFactory(email="amina@example.org")
    response = sign_up(client)
    assert response["Location"] == "/en/accounts/confirm-email/"
    assert User.objects.filter(email="amina@example.org").count() == 1
    work_off_the_queue()  # the email leaves through the task worker
    assert len(mail.outbox) == 1
    assert "already" in mail.outbox[0].body.lower()


def test_log_in_and_log_out(client, home):
    """A verified learner logs in with email and password, then logs out."""
    UserFactory(email="learner@example.org")
    response = client.post(
        "/en/accounts/login/", {"login": "learner@example.org", "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    assert "Log out" in client.get("/en/").content.decode()
    client.post("/en/accounts/logout/")
    assert "Log in" in client.get("/en/").content.decode()


def test_password_reset_sends_a_link(client, home):
    """Forgetting a password sends a reset link to the account's email."""
    UserFactory(email="learner@example.org")
    response = client.post("/es/accounts/password/reset/", {"email": "learner@example.org"})
    assert response.status_code == 302
    work_off_the_queue()  # the email leaves through the task worker
    assert len(mail.outbox) == 1
    assert "/es/accounts/password/reset/key/" in mail.outbox[0].body


def test_log_in_and_out_keep_the_readers_language(client, home):
    """Logging in on the Arabic site lands on the Arabic My learning, logging out on the
    Arabic home page, whatever the browser's language."""
    UserFactory(email="learner@example.org")
    response = client.post(
        "/ar/accounts/login/",
        {"login": "learner@example.org", "password": DEFAULT_PASSWORD},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response["Location"] == "/ar/learning/"
    response = client.post("/ar/accounts/logout/", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Location"] == "/ar/"
