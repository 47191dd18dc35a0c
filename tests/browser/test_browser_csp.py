"""The Content Security Policy in a real browser: home, catalog, a course, the live room
and an impact page load without a single violation (no inline script or style left), the
live room still opens its websocket, and markup slipped into a page cannot run."""

import pytest

from accounts.factories import DEFAULT_PASSWORD
from courses.factories import (
    CatalogPageFactory,
    CoursePageFactory,
    ThemePageFactory,
    TrainingSessionFactory,
)
from tests.browser.conftest import wait_for
from tests.live.factories import live_room_setup
from tests.reporting.test_impact_page import ImpactPageFactory, impact_centre

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Runs in every page before its own scripts: keeps what the browser refused.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(
    event.violatedDirective + " blocked " + (event.blockedURI || "inline") +
    " at " + event.sourceFile + ":" + event.lineNumber
  );
});
"""


def watched(context):
    """A page of `context` that records CSP violations, and console errors naming the
    policy (some are reported only there)."""
    page = context.new_page()
    page.violations = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and page.violations.append(message.text)
        ),
    )
    return page


def violations(page) -> list[str]:
    return page.violations + page.evaluate("window.cspViolations")


@pytest.fixture
def site(home):
    """A catalog, a course with a session, an impact page with figures, a live room."""
    CatalogPageFactory(parent=home, title="Catalog", slug="catalog")
    theme = ThemePageFactory(parent=home, title="Big data", slug="big-data")
    course = CoursePageFactory(parent=theme, title="Data pipelines", slug="pipelines")
    TrainingSessionFactory(course=course)
    impact_centre(home)
    ImpactPageFactory(parent=home)
    return live_room_setup()


def test_public_pages_and_the_live_room_load_without_a_violation(asgi_contexts, site):
    """Each page is served with the policy, loads its styles and scripts, and the browser
    reports nothing it had to block; the learner's live room connects over the websocket."""
    context = asgi_contexts()
    context.add_init_script(RECORD_VIOLATIONS)
    page = watched(context)
    for path in ("/en/", "/en/catalog/", "/en/big-data/pipelines/", "/en/impact/"):
        response = page.goto(path)
        assert response.status == 200, path
        assert "script-src 'self';" in response.headers["content-security-policy"] + ";"
        assert page.evaluate("document.styleSheets.length") >= 1, path
        assert violations(page) == [], path

    room = f"/en/live/{site.room.pk}/"
    page.goto(f"/en/accounts/login/?next={room}")
    page.get_by_label("Email").fill(site.learner.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"**{room}")
    wait_for(page, "window.liveRoom && window.liveRoom.mode === 'live'")
    assert page.evaluate("liveRoom.transport") == "websocket"
    assert violations(page) == []


def test_markup_slipped_into_a_page_cannot_run(asgi_contexts, site):
    """An inline event handler and an inline script added to the page are refused and
    reported: the policy is enforced, not only sent."""
    context = asgi_contexts()
    context.add_init_script(RECORD_VIOLATIONS)
    page = watched(context)
    page.goto("/en/")
    page.evaluate(
        """() => {
          document.body.insertAdjacentHTML(
            "beforeend", '<img src="/static/none.png" onerror="window.ran = 1">');
          const script = document.createElement("script");
          script.textContent = "window.ran = 2";
          document.body.append(script);
        }"""
    )
    wait_for(page, "window.cspViolations.length >= 2")
    assert page.evaluate("window.ran") is None
    assert any("script-src" in violation for violation in violations(page))
