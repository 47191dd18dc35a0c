"""The admin in a real browser: the dashboard of a superuser and a public page seen by an
editor (with Wagtail's userbar open) load without a Content Security Policy violation, and
the site's icon is found."""

import pytest

from tests.browser.test_browser_csp import RECORD_VIOLATIONS, violations, watched
from tests.courses.factories import CoursePageFactory, ThemePageFactory
from tests.factories import DEFAULT_PASSWORD, AdministratorFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def log_in(page, user, next_path="/admin/"):
    page.goto(f"/en/accounts/login/?next={next_path}")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"**{next_path}")


def test_admin_dashboard_and_userbar_load_without_a_violation(contexts, home):
    """The dashboard makes no call the policy refuses (no update check to another origin),
    the userbar opens on a course page without a violation, and /favicon.ico is found."""
    theme = ThemePageFactory(parent=home, title="Big data", slug="big-data")
    CoursePageFactory(parent=theme, title="Data pipelines", slug="pipelines")
    context = contexts()
    context.add_init_script(RECORD_VIOLATIONS)
    missing = []
    context.on("response", lambda answer: answer.status == 404 and missing.append(answer.url))
    page = watched(context)
    log_in(page, AdministratorFactory(is_superuser=True))
    page.wait_for_load_state("networkidle")
    assert violations(page) == []

    page.goto("/en/big-data/pipelines/")
    page.locator("wagtail-userbar").get_by_role("button").first.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("wagtail-userbar").get_by_role("menuitem").count() >= 1
    assert violations(page) == []

    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert page.request.get(icon).status == 200
    assert page.request.get("/favicon.ico").status == 200
    assert missing == []
