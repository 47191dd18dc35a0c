"""A newcomer's first visit, in a real browser: reading the home page in English and
Arabic, switching language, signing up, confirming the email, logging out and in."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from cms.factories import StandardPageFactory, translate
from tests.tasks import work_off_the_queue

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a long and unusual passphrase 42"


def header(page):
    return page.locator("header.site-header")


def switch_language(page, name):
    switcher = header(page).locator("details.languages")
    switcher.locator("summary").click()
    switcher.get_by_role("link", name=name, exact=True).click()


def test_english_home_page(page, live_server, home):
    """The English home page shows the platform's name as its heading, left to right."""
    page.goto("/en/")
    expect(page.locator("h1")).to_have_text("Training Centre")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page).to_have_title(re.compile("Training Centre"))


def test_arabic_home_page(page, live_server, home):
    """The Arabic home page shows the Arabic name, right to left."""
    page.goto("/ar/")
    expect(page.locator("h1")).to_have_text("مركز التدريب")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_text("تعلم معنا")).to_be_visible()


def test_language_switcher_leads_to_arabic_home(page, live_server, home):
    """Choosing العربية on the English home page opens the Arabic home page."""
    page.goto("/en/")
    switch_language(page, "العربية")
    expect(page).to_have_url(f"{live_server.url}/ar/")
    expect(page.locator("h1")).to_have_text("مركز التدريب")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")


def test_language_switcher_leads_to_translated_standard_page(page, live_server, home):
    """Choosing العربية on an English page opens that page's Arabic translation."""
    about = StandardPageFactory(parent=home, title="About us", slug="about", intro="Who we are")
    translate(about, "ar", title="من نحن", intro="من نحن ولماذا")

    page.goto("/en/about/")
    expect(page.locator("h1")).to_have_text("About us")
    switch_language(page, "العربية")
    expect(page).to_have_url(f"{live_server.url}/ar/about/")
    expect(page.locator("h1")).to_have_text("من نحن")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")


def test_sign_up_confirm_email_log_out_and_log_in(page, live_server, home):
    """A newcomer signs up, confirms the email, logs out, and logs in again."""
    email = "newcomer@example.org"
    page.goto("/en/")
    header(page).get_by_role("link", name="Sign up").click()
    expect(page).to_have_url(f"{live_server.url}/en/accounts/signup/")

    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()
    expect(page.get_by_text("We have sent an email to you for verification")).to_be_visible()
    expect(header(page).get_by_role("link", name="Log in")).to_be_visible()

    # The email waits in the outbox until the task worker delivers it.
    work_off_the_queue()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [email]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body)
    assert link, message.body
    assert link.group().startswith(f"{live_server.url}/en/")

    page.goto(link.group())
    expect(page.get_by_role("heading", name="Confirm Email Address")).to_be_visible()
    expect(page.locator("main").get_by_text(email).first).to_be_visible()
    page.locator("main").get_by_role("button", name="Confirm").click()

    log_out = header(page).get_by_role("button", name="Log out")
    expect(log_out).to_be_visible()
    # Confirming logs the newcomer in; they land where a log-in leads: My learning.
    expect(page).to_have_url(f"{live_server.url}/en/learning/")
    expect(page.get_by_text(f"You have confirmed {email}.")).to_be_visible()

    log_out.click()
    expect(header(page).get_by_role("link", name="Log in")).to_be_visible()
    expect(header(page).get_by_role("button", name="Log out")).to_have_count(0)

    page.goto("/en/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Sign In").click()
    expect(header(page).get_by_role("button", name="Log out")).to_be_visible()
    expect(header(page).get_by_role("link", name="My account")).to_be_visible()
    expect(page).to_have_url(f"{live_server.url}/en/learning/")


def test_sign_up_with_mismatched_passwords_in_french(page, live_server, home):
    """Mismatched passwords on the French sign-up form show an error in French."""
    page.goto("/fr/accounts/signup/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.locator("input[name=email]").fill("nouveau@example.org")
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD + " typo")
    page.locator("main").get_by_role("button", name="Création de compte").click()

    expect(page.get_by_text("Vous devez saisir deux fois le même mot de passe.")).to_be_visible()
    expect(page).to_have_url(f"{live_server.url}/fr/accounts/signup/")
    expect(page.locator("input[name=email]")).to_have_value("nouveau@example.org")
    assert mail.outbox == []
