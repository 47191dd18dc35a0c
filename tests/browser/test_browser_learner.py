"""A learner's journey in a real browser: filling the profile at the first enrollment,
enrolling, checking in with the room's code, and cancelling."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.factories import DEFAULT_PASSWORD, UserFactory
from cms.factories import translate
from courses.factories import CoursePageFactory, ThemePageFactory, TrainingSessionFactory
from enrollment.factories import EnrollmentFactory
from enrollment.models import Attendance, Enrollment, EnrollmentStatus
from enrollment.services import check_in_code_current

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def log_in(page, path, user):
    page.goto(path)
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign In").click()


def test_learner_profile_enroll_check_in_cancel(page, live_server, home):
    """A new learner fills the profile, enrolls, checks in with the code, then cancels."""
    theme = ThemePageFactory(parent=home, title="Disaster risk reduction", slug="drr")
    course = CoursePageFactory(parent=theme, title="Flood early warning", slug="floods")
    open_session = TrainingSessionFactory(
        course=course,
        capacity=20,
        mode="hybrid",
        city="Nairobi",
        venue="UN Gigiri",
        country="KE",
        timezone="Africa/Nairobi",
    )
    now = timezone.now()
    running = TrainingSessionFactory(
        course=course,
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=3),
        mode="in_room",
        city="Nairobi",
    )
    learner = UserFactory(first_name="Amina")
    EnrollmentFactory(user=learner, session=running)

    page.goto("/en/drr/floods/")
    page.locator(f'a.enroll[href="/en/sessions/{open_session.pk}/enroll/"]').click()
    page.get_by_label("Email").fill(learner.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign In").click()

    expect(page.locator("h1")).to_have_text("Your learner profile")
    page.get_by_label("Country").select_option("KE")
    page.get_by_label("Woman").check()
    page.get_by_role("button", name="Save and continue").click()

    expect(page.locator("h1")).to_have_text("Enroll in Flood early warning")
    page.get_by_role("button", name="Confirm my enrollment").click()
    expect(page.locator(".message")).to_have_text(
        "You are enrolled in \u2068Flood early warning\u2069: your seat is confirmed."
    )

    code = check_in_code_current(running).code
    page.get_by_role("link", name="Check in to a session").click()
    page.get_by_label("Code shown in the room").fill(code.lower())
    page.get_by_role("button", name="Check in").click()
    expect(page.locator(".checked-in")).to_contain_text(
        "You are checked in for Flood early warning"
    )
    assert Attendance.objects.filter(enrollment__user=learner).count() == 1

    page.get_by_role("link", name="My learning").first.click()
    mine = Enrollment.objects.get(user=learner, session=open_session)
    page.locator(f'a[href="/en/learning/{mine.pk}/cancel/"]').click()
    page.get_by_role("button", name="Yes, cancel my enrollment").click()
    expect(page.locator(".message")).to_have_text(
        "Your enrollment in \u2068Flood early warning\u2069 is cancelled."
    )
    assert Enrollment.objects.get(pk=mine.pk).status == EnrollmentStatus.CANCELLED


def test_my_learning_and_profile_in_arabic(page, live_server, home):
    """An Arabic reader's My learning lists the course in Arabic, right to left, and the
    profile offers countries by their Arabic names."""
    theme = ThemePageFactory(parent=home, title="Disaster risk reduction", slug="drr")
    course = CoursePageFactory(parent=theme, title="Flood early warning", slug="floods")
    translate(theme, "ar", title="الحد من المخاطر")
    translate(course, "ar", title="الإنذار المبكر بالفيضانات")
    learner = UserFactory()
    start = timezone.now() - timedelta(days=10)
    past = TrainingSessionFactory(
        course=course, starts_at=start, ends_at=start + timedelta(days=1, hours=2)
    )
    EnrollmentFactory(user=learner, session=past)
    EnrollmentFactory(user=learner, session=TrainingSessionFactory(course=course))
    log_in(page, "/en/learning/", learner)

    page.goto("/ar/learning/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("main")).to_contain_text("الإنذار المبكر بالفيضانات")

    page.goto("/ar/learning/profile/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("select[name=country] option[value=KE]")).to_have_text("كينيا")
