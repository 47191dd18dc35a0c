"""The admin in a real browser: the dashboard of a superuser, a public page seen by an
editor (with Wagtail's userbar open) and the editor's live preview load without a Content
Security Policy violation, and
the site's icon is found; a trainer schedules a session from the course's editor."""

import pytest
from playwright.sync_api import expect

from accounts.factories import DEFAULT_PASSWORD, AdministratorFactory, TrainerFactory
from courses.factories import CoursePageFactory, ThemePageFactory, TrainerSnippetFactory
from courses.models import CoursePage, TrainingSession
from courses.services import section_assign_trainer
from tests.browser.test_browser_csp import RECORD_VIOLATIONS, violations, watched

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def log_in(page, user, next_path="/admin/"):
    page.goto(f"/en/accounts/login/?next={next_path}")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"**{next_path}")


def test_admin_dashboard_and_userbar_load_without_a_violation(contexts, home):
    """The dashboard makes no call the policy refuses (no update check to another origin),
    the userbar opens on a course page and the editor previews it without a violation, and
    /favicon.ico is found."""
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

    # The editor's live preview frames the page (it was refused: frame-ancestors 'none').
    page.goto(f"/admin/pages/{CoursePage.objects.get().pk}/edit/")
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("iframe#w-preview-iframe")
    expect(preview.get_by_role("heading", name="Data pipelines")).to_be_visible()
    assert violations(page) == []

    page.goto("/en/big-data/pipelines/")
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert page.request.get(icon).status == 200
    assert page.request.get("/favicon.ico").status == 200
    assert missing == []


def test_trainer_adds_a_session_from_the_course_editor(contexts, home):
    """A trainer opens their course in the admin, follows "Add a session", finds Nairobi's
    time zone by typing, saves, and finds the session in My sessions."""
    theme = ThemePageFactory(parent=home, title="Big data", slug="big-data")
    course = CoursePageFactory(parent=theme, title="Data pipelines", slug="pipelines")
    trainer = TrainerFactory()
    section_assign_trainer(section=theme, user=trainer)
    TrainerSnippetFactory(user=trainer, name="Amina Diallo")
    context = contexts()
    context.add_init_script(RECORD_VIOLATIONS)
    page = watched(context)
    log_in(page, trainer)

    page.goto(f"/admin/pages/{course.pk}/edit/")
    page.get_by_role("link", name="Add a session").click()
    page.wait_for_url("**/admin/snippets/courses/trainingsession/add/**")
    expect(page.locator("#id_course")).to_have_value(str(course.pk))
    search = page.get_by_placeholder("Search time zones, e.g. Nairobi")
    search.fill("nairobi")
    expect(page.locator("#id_timezone")).to_have_value("Africa/Nairobi")
    page.locator("#id_starts_at").fill("2031-03-03 09:00")
    page.locator("#id_ends_at").fill("2031-03-05 17:00")
    expect(page.get_by_label("Amina Diallo")).to_be_checked()
    # The date pickers the two fields opened lie over the Save button (a pointer would close
    # them first): submit through the button itself, as a keyboard user would.
    page.get_by_role("button", name="Save").first.evaluate(
        "button => button.form.requestSubmit(button)"
    )
    page.wait_for_url("**/admin/snippets/courses/trainingsession/")
    session = TrainingSession.objects.get()
    assert session.timezone == "Africa/Nairobi"

    page.goto("/en/sessions/mine/")
    expect(page.get_by_text("Data pipelines").first).to_be_visible()
    assert violations(page) == []
