"""Where logging in lands: My learning or the page the reader came from, in the language of
the learner's profile, which then stays chosen."""

import pytest
from django.conf import settings

from accounts.factories import DEFAULT_PASSWORD, UserFactory
from enrollment.factories import LearnerProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def arabic_learner():
    return LearnerProfileFactory(
        user=UserFactory(email="amina@example.org"), preferred_language="ar"
    ).user


def log_in(client, language="en", **query):
    path = f"/{language}/accounts/login/"
    if query:
        path += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return client.post(path, {"login": "amina@example.org", "password": DEFAULT_PASSWORD})


def test_a_learner_lands_on_my_learning_in_their_profile_language(client, home, arabic_learner):
    """Logging in on the English site lands an Arabic-speaking learner on the Arabic My
    learning, which is then shown right to left, and keeps Arabic for the next visit."""
    response = log_in(client, "en")
    assert response.status_code == 302
    assert response["Location"] == "/ar/learning/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert '<html lang="ar" dir="rtl"' in page.content.decode()
    assert client.get("/")["Location"] == "/ar/"


def test_the_signed_in_message_is_in_the_profile_language(client, home, arabic_learner):
    """The "signed in" notice on the landing page speaks Arabic too."""
    log_in(client, "en")
    page = client.get("/ar/learning/")
    messages = [str(message) for message in page.context["messages"]]
    assert messages
    assert all("Successfully" not in message for message in messages)


def test_a_safe_next_page_is_honoured_in_the_profile_language(client, home, arabic_learner):
    """A learner sent to log in from an English page returns to that page, in Arabic."""
    response = log_in(client, "en", next="/en/check-in/")
    assert response["Location"] == "/ar/check-in/"


def test_a_next_page_on_another_site_is_ignored(client, home, arabic_learner):
    """A `next` pointing to another site is dropped: the learner lands on My learning."""
    response = log_in(client, "en", next="https://evil.example.com/")
    assert response["Location"] == "/ar/learning/"


def test_without_a_profile_the_reader_keeps_the_language_they_used(client, home):
    """Someone with no learner profile yet stays in the language of the log-in page."""
    UserFactory(email="amina@example.org")
    response = log_in(client, "fr")
    assert response["Location"] == "/fr/learning/"
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
