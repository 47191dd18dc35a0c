"""Self-paced learning in a real browser: on a phone-sized screen with JavaScript off, a
learner starts a course, marks a lesson done, passes the quiz and finds both ticked in the
outline; axe-core finds nothing on the lesson, quiz and outline pages in English and
Arabic."""

import json

import pytest
from django.test import Client
from playwright.sync_api import expect

from accounts.factories import UserFactory
from cms.factories import locale, translate
from courses.factories import CoursePageFactory, ThemePageFactory, TrainingSessionFactory
from courses.models import ALWAYS_OPEN_ENDS_AT, SessionMode
from enrollment.factories import EnrollmentFactory
from learning.factories import LessonPageFactory, ModulePageFactory
from tests.browser.test_browser_a11y import axe_source, axe_violations  # noqa: F401
from tests.learning.quiz_world import questions

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def course(home):
    """A self-paced course of two lessons, the second a graded quiz, in English and Arabic,
    and a learner enrolled in its always-open run."""
    theme = ThemePageFactory(parent=home, title="Disaster risk reduction")
    course = CoursePageFactory(parent=theme, title="Flood warning", slug="flood-warning")
    module = ModulePageFactory(parent=course, title="Warning systems", slug="warning-systems")
    reading = LessonPageFactory(
        parent=module,
        title="Why warn early",
        slug="why-warn-early",
        body=[("text", "<p>A warning an hour earlier saves lives.</p>")],
    )
    quiz = LessonPageFactory(
        parent=module,
        title="Check what you learned",
        slug="check",
        body=[("text", "<p>Five questions on what came before.</p>")],
        questions=questions(),
        graded=True,
        passing_score=70,
    )
    arabic = {
        theme: "الحد من مخاطر الكوارث",
        course: "الإنذار المبكر بالفيضانات",
        module: "أنظمة الإنذار",
        reading: "لماذا الإنذار المبكر",
        quiz: "اختبر ما تعلمته",
    }
    for page, title in arabic.items():
        translate(page, "ar", title=title)
    run = TrainingSessionFactory(
        course=course, mode=SessionMode.SELF_PACED, ends_at=ALWAYS_OPEN_ENDS_AT, venue=""
    )
    learner = UserFactory()
    EnrollmentFactory(user=learner, session=run)
    return course, reading, quiz, learner


def signed_in(contexts, live_server, user, **options):
    client = Client()
    client.force_login(user)
    context = contexts(**options)
    cookie = client.cookies["sessionid"].value
    context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])
    return context.new_page()


def test_on_a_phone_without_javascript_a_learner_takes_a_lesson_and_passes_the_quiz(
    contexts, live_server, course
):
    """Start, mark done and continue, answer the quiz, see the score, find the ticks."""
    course_page, _reading, _quiz, learner = course
    page = signed_in(contexts, live_server, learner, viewport=PHONE, java_script_enabled=False)

    page.goto(course_page.get_url())
    page.get_by_role("link", name="Start the course").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Why warn early")
    page.get_by_role("button", name="Mark as done and continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check what you learned")
    html = page.content()
    assert "Indeed." not in html and "Nairobi" not in html  # no answer before submitting
    quiz_form = page.locator("form.quiz-form")
    quiz_form.get_by_label("Rain gauge").check()
    quiz_form.get_by_label("Solar").check()
    quiz_form.get_by_label("Wind").check()
    quiz_form.locator("input[value=false]").check()
    quiz_form.get_by_label("Your answer (a number)").fill("9,8")
    quiz_form.get_by_label("Your answer", exact=True).fill("nairobi")
    quiz_form.get_by_role("button", name="Submit my answers").click()

    expect(page.locator("main")).to_contain_text("100%")
    expect(page.locator("main")).to_contain_text("Indeed.")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} scrolls sideways ({width} px)"

    page.goto(course_page.get_url())
    expect(page.locator(".course-lessons")).to_contain_text("2 of 2 lessons done")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_lesson_quiz_and_outline_pages_have_no_axe_violation(
    contexts,
    live_server,
    axe_source,  # noqa: F811 (the fixture, imported above)
    course,
    language,
):
    """The outline, the lesson with its quiz and the review of an attempt pass axe-core."""
    course_page, reading, quiz, learner = course
    page = signed_in(contexts, live_server, learner, locale=language, bypass_csp=True)
    shown = {
        page_: page_.get_translation(locale(language)).get_url()
        for page_ in (course_page, reading, quiz)
    }
    figures, violations = {}, []
    for name, path in (
        ("outline", shown[course_page]),
        ("lesson", shown[reading]),
        ("quiz", shown[quiz]),
    ):
        page.goto(path)
        expect(page.locator("html")).to_have_attribute("lang", language)
        violations += axe_violations(page, name, figures)

    page.locator("form.quiz-form").get_by_role("button").click()
    expect(page.locator("main")).to_contain_text("%")
    violations += axe_violations(page, "review", figures)
    print(f"\n{language}: {json.dumps(figures)}")
    assert not violations, "axe-core found:\n" + "\n".join(violations)
