"""Accessibility in a real browser: axe-core (from the npm registry, `make install-dev`)
finds no violation of any impact on the learner's pages in English and Arabic; a learner
enrolls with the keyboard alone, seeing where the focus is; on a phone with JavaScript
off, the menu, the search and the enrollment still work."""

import json
import os
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.factories import DEFAULT_PASSWORD
from certificates.factories import CertificateFactory
from cms.factories import translate
from courses.factories import (
    CatalogPageFactory,
    CoursePageFactory,
    ThemePageFactory,
    TrainingSessionFactory,
)
from enrollment.factories import EnrollmentFactory, LearnerProfileFactory
from enrollment.models import Enrollment, EnrollmentStatus, LearnerProfile
from live.factories import PollFactory, QuestionFactory, RoomFactory
from live.models import PollState
from surveys.standard import ensure_standard_template
from tests.certificates.factories import attend, ended_session

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
PHONE = {"width": 390, "height": 844}

COURSE_AR = "الإنذار المبكر بالفيضانات"


@pytest.fixture(scope="module")
def axe_source():
    """axe-core's script, installed from the npm registry by `make install-dev`."""
    if not AXE.exists():
        reason = f"{AXE} is missing: run `make install-dev` (npm ci) for the accessibility tests"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason} (CI=true: they must run on CI)")
        pytest.skip(reason)
    return AXE


def log_in(page, user, language="en"):
    page.goto(f"/{language}/accounts/login/?next=/{language}/learning/")
    fill_log_in(page, user)
    page.wait_for_url(f"**/{language}/learning/")


def fill_log_in(page, user):
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").click()


@pytest.fixture
def journey(home):
    """A catalog in the menu, two themes and courses in English and Arabic; the flood
    course has an open session, a running one and one that ended. A learner with a
    profile holds a seat in the running one (its live room has a question and an open
    poll) and attended the ended one (the survey is open); another has a certificate."""
    catalog = CatalogPageFactory(parent=home, show_in_menus=True)
    translate(catalog, "ar", title="دليل الدورات")
    theme = ThemePageFactory(parent=home, title="Disaster risk reduction", slug="drr")
    translate(theme, "ar", title="الحد من مخاطر الكوارث")
    course = CoursePageFactory(parent=theme, title="Flood early warning", slug="floods")
    translate(course, "ar", title=COURSE_AR, summary="إنذار السكان قبل وصول المياه")
    energy = ThemePageFactory(parent=home, title="New energy", slug="energy")
    CoursePageFactory(parent=energy, title="Battery data", slug="batteries")
    open_session = TrainingSessionFactory(
        course=course, capacity=20, mode="hybrid", city="Nairobi", venue="UN Gigiri", country="KE"
    )
    now = timezone.now()
    running = TrainingSessionFactory(
        course=course, starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=2)
    )
    ended = ended_session(course, days=2)
    learner = LearnerProfileFactory(preferred_language="en").user
    EnrollmentFactory(user=learner, session=running)
    room = RoomFactory(session=running)
    QuestionFactory(room=room, text="Which rain gauges work offline?")
    PollFactory(room=room, question="Have you used a flood model?", state=PollState.OPEN)
    attended = attend(EnrollmentFactory(user=learner, session=ended))
    ensure_standard_template()
    certificate = CertificateFactory(enrollment=EnrollmentFactory(session=ended))
    return SimpleNamespace(
        learner=learner,
        open_session=open_session,
        running=running,
        attended=attended,
        certificate=certificate,
    )


def axe_violations(page, name: str, figures: dict) -> list[str]:
    """axe's violations on the page, its folded parts (filters, language list, modules)
    unfolded, one readable line per element; the rules that passed are counted in
    `figures`."""
    page.evaluate("document.querySelectorAll('details').forEach(part => { part.open = true })")
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: "tag", values: tags},
                                      resultTypes: ["violations"]})""",
        AXE_TAGS,
    )
    figures[name] = {"violations": len(results["violations"]), "passed": len(results["passes"])}
    return [
        f"{name}: {violation['id']} ({violation['impact']}) at "
        f"{' '.join(map(str, node['target']))}: {violation['help']}"
        for violation in results["violations"]
        for node in violation["nodes"]
    ]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_learner_pages_have_no_axe_violation(contexts, axe_source, journey, language):
    """axe-core finds nothing to fix, whatever its impact, on the home, catalog, course,
    enrollment, My learning, live room, survey and certificate verification pages; an
    unnamed button added to the page is found, so the check sees the page."""
    page = contexts(locale=language, bypass_csp=True).new_page()
    course = COURSE_AR if language == "ar" else "Flood early warning"
    # Each page with what shows it is the page meant: a locator and its text.
    visitor_pages = {
        "home": (f"/{language}/", "h1", ""),
        "log in": (f"/{language}/accounts/login/", "main form", ""),
        "verification": (
            f"/{language}/certificates/verify/{journey.certificate.code}/",
            ".certificate-status.status-valid",
            "",
        ),
    }
    learner_pages = {
        "catalog": (f"/{language}/catalog/", ".course-list", course),
        "course": (f"/{language}/drr/floods/", "h1", course),
        "enrollment": (f"/{language}/sessions/{journey.open_session.pk}/enroll/", "h1", course),
        "my learning": (f"/{language}/learning/", ".learning-list", course),
        "live room": (f"/{language}/live/{journey.running.pk}/", "#live-questions", "rain gauges"),
        "survey": (f"/{language}/learning/{journey.attended.pk}/survey/", "form.survey-form", ""),
        "phone menu": (f"/{language}/learning/#menu", "#menu", ""),
    }
    figures, violations = {}, []

    def check(name, path, landmark, text):
        response = page.goto(path)
        assert response.status == 200, f"{name}: {path} answered {response.status}"
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
        expect(page.locator(landmark).first).to_be_visible()
        expect(page.locator(landmark).first).to_contain_text(text)
        violations.extend(axe_violations(page, name, figures))

    for name, where in visitor_pages.items():
        check(name, *where)
    # Log-in lands in the learner's own language.
    profiles = LearnerProfile.objects.filter(user=journey.learner)
    profiles.update(preferred_language=language)
    log_in(page, journey.learner, language)
    profiles.update(preferred_language="en")
    for name, where in learner_pages.items():
        if name == "phone menu":
            page.set_viewport_size(PHONE)
        check(name, *where)
    version = page.evaluate("axe.version")
    print(f"\naxe-core {version}, {language}: {json.dumps(figures)}")
    assert not violations, "axe-core found:\n" + "\n".join(violations)

    page.evaluate("document.querySelector('main').append(document.createElement('button'))")
    assert any("button-name" in line for line in axe_violations(page, "guard", {}))


def tab_to(page, selector: str, *, key: str = "Tab", limit: int = 60) -> list[str]:
    """Press `key` until `selector` has the focus; every element focused on the way shows
    an outline. Returns what was focused, for the failure message. It starts once the page
    has loaded with its style sheets: on a busy machine a page shown but still loading
    once gave up the focus to its body on the third Tab."""
    page.wait_for_load_state("load")
    visited = []
    for _ in range(limit):
        page.keyboard.press(key)
        focused = page.evaluate(
            """selector => {
                const element = document.activeElement;
                const style = getComputedStyle(element);
                return {
                    name: `${element.tagName.toLowerCase()} ${element.textContent.trim()}`,
                    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
                    target: element.matches(selector),
                };
            }""",
            selector,
        )
        visited.append(focused["name"])
        assert focused["outline"], f"no visible focus on {focused['name']!r} after {visited}"
        if focused["target"]:
            return visited
    pytest.fail(f"{selector} never had the focus; {key} went through {visited}")


def test_learner_enrolls_with_the_keyboard_alone(contexts, journey):
    """From the course page, Tab, Shift+Tab, Enter and Space take a logged-in learner to
    the enroll button, through the confirmation, to the message saying the seat is
    confirmed; the focused element is outlined at every step."""
    page = contexts().new_page()
    log_in(page, journey.learner)
    page.goto("/en/drr/floods/")

    tab_to(page, f'a.enroll[href="/en/sessions/{journey.open_session.pk}/enroll/"]')
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Enroll in Flood early warning")

    # Past the confirm button to "Not now", then back.
    tab_to(page, "main form a")
    tab_to(page, "main form button[type=submit]", key="Shift+Tab", limit=1)
    page.keyboard.press("Space")
    expect(page.locator(".message")).to_have_text(
        "You are enrolled in \u2068Flood early warning\u2069: your seat is confirmed."
    )
    enrollment = Enrollment.objects.get(user=journey.learner, session=journey.open_session)
    assert enrollment.status == EnrollmentStatus.CONFIRMED


def test_on_a_phone_without_javascript_menu_search_and_enrollment_work(contexts, journey):
    """At 390 px with JavaScript off, the menu opens from its link and leads to the
    catalog; searching "flood" lists the flood course alone; the learner logs in from
    the Enroll link, confirms, and finds the session in My learning, reached from the
    menu; no page scrolls sideways."""
    page = contexts(java_script_enabled=False, viewport=PHONE).new_page()

    def fits_the_phone():
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{page.url} scrolls sideways ({width} px)"

    page.goto("/en/")
    menu = page.get_by_role("navigation", name="Main")
    expect(menu).to_be_hidden()
    page.get_by_role("link", name="Menu", exact=True).click()
    expect(menu).to_be_visible()
    for name in ("Catalog", "Log in", "Sign up"):
        expect(menu.get_by_role("link", name=name)).to_be_in_viewport()
    fits_the_phone()
    page.get_by_role("link", name="Close the menu").click()
    expect(menu).to_be_hidden()
    page.get_by_role("link", name="Menu", exact=True).click()
    menu.get_by_role("link", name="Catalog").click()

    expect(page.locator("h1")).to_have_text("Catalog")
    results = page.locator(".course-list > li")
    expect(results).to_have_count(2)
    page.get_by_role("searchbox", name="Search").fill("flood")
    page.get_by_role("button", name="Show courses").click()
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("Flood early warning")
    fits_the_phone()

    results.first.get_by_role("link", name="Flood early warning").click()
    page.locator(f'a.enroll[href="/en/sessions/{journey.open_session.pk}/enroll/"]').click()
    fill_log_in(page, journey.learner)
    expect(page.locator("h1")).to_have_text("Enroll in Flood early warning")
    fits_the_phone()
    page.get_by_role("button", name="Confirm my enrollment").click()
    expect(page.locator(".message")).to_have_text(
        "You are enrolled in \u2068Flood early warning\u2069: your seat is confirmed."
    )
    fits_the_phone()

    page.goto("/en/")
    page.get_by_role("link", name="Menu", exact=True).click()
    menu.get_by_role("link", name="My learning").click()
    entry = page.locator(f"#enrollment-{Enrollment.objects.get(session=journey.open_session).pk}")
    expect(entry).to_contain_text("Flood early warning")
    expect(entry.locator(".enrollment-status")).to_have_text("Confirmed")
