"""Logging in, in a real browser: the learner lands in the language of their profile."""

import pytest
from playwright.sync_api import expect

from accounts.factories import DEFAULT_PASSWORD, UserFactory
from enrollment.factories import LearnerProfileFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_an_arabic_speaking_learner_lands_on_my_learning_in_arabic(page, live_server, home):
    """Logging in from the English page lands on the Arabic My learning, right to left, and
    the site's root then opens in Arabic."""
    learner = LearnerProfileFactory(user=UserFactory(), preferred_language="ar").user
    page.goto(f"{live_server.url}/en/accounts/login/")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    page.get_by_label("Email").fill(learner.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign In").click()

    expect(page).to_have_url(f"{live_server.url}/ar/learning/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/ar/")
