"""Log-in, sign-up and password reset refuse bursts from one address or at one account,
with the site's own "too many requests" page."""

import pytest
from django.conf import settings
from django.core import mail

from accounts.factories import DEFAULT_PASSWORD, UserFactory
from accounts.models import User
from tests.tasks import work_off_the_queue

pytestmark = pytest.mark.django_db

TOO_MANY = "You have sent too many requests in a short time. Wait a minute, then try again."


def allowed(action: str, scope: str) -> int:
    """How many times `action` may be done per `scope` (ip, key or user) in its window, as
    configured in ACCOUNT_RATE_LIMITS ("20/m/ip,5/5m/key")."""
    for rate in settings.ACCOUNT_RATE_LIMITS[action].split(","):
        amount, _duration, per = rate.split("/")
        if per == scope:
            return int(amount)
    raise AssertionError(f"no {scope} limit on {action}")


def log_in(client, email, password=DEFAULT_PASSWORD, **headers):
    return client.post("/en/accounts/login/", {"login": email, "password": password}, **headers)


def sign_up(client, email, **headers):
    data = {"email": email, "password1": DEFAULT_PASSWORD, "password2": DEFAULT_PASSWORD}
    return client.post("/en/accounts/signup/", data, **headers)


def assert_too_many_requests(response):
    assert response.status_code == 429
    page = response.content.decode()
    assert "<h1>Too many requests</h1>" in page
    assert TOO_MANY in page
    assert 'class="skip-link"' in page, "the page keeps the site's layout"


def test_guessing_one_accounts_password_locks_it_for_a_while(client, home):
    """After five wrong passwords, even the right one is refused for that account, while
    another account logs in from the same address."""
    amina = UserFactory(email="amina@example.org")
    for _ in range(allowed("login_failed", "key")):
        response = log_in(client, amina.email, "wrong password")
        assert "The email address and/or password you specified are not correct." in (
            response.content.decode()
        )
    response = log_in(client, amina.email)
    assert response.status_code == 200
    assert "Too many failed login attempts. Try again later." in response.content.decode()
    assert "_auth_user_id" not in client.session

    other = UserFactory()
    assert log_in(client, other.email).status_code == 302
    assert client.session["_auth_user_id"] == str(other.pk)


def test_log_in_attempts_from_one_address_are_limited(client, home):
    """Past the per-address limit of log-in forms, the next one gets the 429 page."""
    for n in range(allowed("login", "ip")):
        assert log_in(client, f"nobody{n}@example.org").status_code == 200
    assert_too_many_requests(log_in(client, "nobody@example.org"))


def test_sign_ups_from_one_address_are_limited(client, home):
    """Past the per-address limit of sign-ups, the next one is refused and creates nobody."""
    limit = allowed("signup", "ip")
    for n in range(limit):
        assert sign_up(client, f"learner{n}@example.org").status_code == 302
    assert_too_many_requests(sign_up(client, "one-more@example.org"))
    assert User.objects.filter(email__endswith="@example.org").count() == limit
    assert not User.objects.filter(email="one-more@example.org").exists()


def test_password_reset_mails_to_one_address_are_limited(client, home):
    """Asking again and again to reset one account's password sends a few emails, then the
    429 page: nobody can flood a learner's mailbox."""
    amina = UserFactory(email="amina@example.org")
    limit = allowed("reset_password", "key")
    for _ in range(limit):
        response = client.post("/en/accounts/password/reset/", {"email": amina.email})
        assert response.status_code == 302
    assert_too_many_requests(client.post("/en/accounts/password/reset/", {"email": amina.email}))
    work_off_the_queue()
    assert len(mail.outbox) == limit


def test_behind_the_proxy_each_learner_has_their_own_address(client, home, settings):
    """With the proxy's X-Forwarded-For trusted, a blocked address does not block others."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    crowded = {"HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    for n in range(allowed("signup", "ip")):
        sign_up(client, f"learner{n}@example.org", **crowded)
    assert_too_many_requests(sign_up(client, "one-more@example.org", **crowded))

    response = sign_up(client, "elsewhere@example.org", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert response.status_code == 302
    assert User.objects.filter(email="elsewhere@example.org").exists()
