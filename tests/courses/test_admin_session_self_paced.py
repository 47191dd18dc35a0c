"""Scheduling a self-paced run from the admin: always open (no end date to give) or dated
(its dates required), no venue needed; a dated session of a blended course may ask for
lessons done first."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from accounts.factories import AdministratorFactory
from courses.factories import CoursePageFactory, ThemePageFactory, TrainingSessionFactory
from courses.models import ALWAYS_OPEN_ENDS_AT, SessionMode, TrainingSession
from courses.states import SessionState

pytestmark = pytest.mark.django_db

ADD_URL = reverse("wagtailsnippets_courses_trainingsession:add")


@pytest.fixture
def course(home):
    theme = ThemePageFactory(parent=home, title="Disaster risk reduction")
    return CoursePageFactory(parent=theme, title="Flood forecasting")


@pytest.fixture
def admin_client(client):
    client.force_login(AdministratorFactory())
    return client


def run_data(course, **overrides):
    data = {
        "course": course.pk,
        "site": Site.objects.get(is_default_site=True).pk,
        "kind": "training",
        "mode": "self_paced",
        "language": "en",
        "starts_at": "",
        "ends_at": "",
        "timezone": "UTC",
        "status": "scheduled",
    }
    return {**data, **overrides}


def test_always_open_run_needs_no_dates_nor_venue(admin_client, course):
    """Ticking "Always open" saves a self-paced run open from today, with no end."""
    response = admin_client.post(ADD_URL, run_data(course, always_open="on"))
    assert response.status_code == 302
    run = TrainingSession.objects.get()
    assert run.is_always_open
    assert run.ends_at == ALWAYS_OPEN_ENDS_AT
    assert run.starts_at <= timezone.now()
    assert run.state() == SessionState.OPEN


def test_always_open_run_shows_no_end_when_edited(admin_client, course):
    """The edit form of an always-open run has the box ticked and the end date empty."""
    run = TrainingSessionFactory(
        course=course, mode=SessionMode.SELF_PACED, ends_at=ALWAYS_OPEN_ENDS_AT
    )
    url = reverse("wagtailsnippets_courses_trainingsession:edit", args=[run.pk])
    html = admin_client.get(url).content.decode()
    assert "Always open" in html
    assert "2999" not in html


def test_dated_self_paced_run_needs_its_dates(admin_client, course):
    """A self-paced run without "Always open" and without dates is refused, saying why."""
    response = admin_client.post(ADD_URL, run_data(course))
    assert response.status_code == 200
    assert "A dated self-paced run needs its dates" in response.content.decode()
    assert not TrainingSession.objects.exists()


def test_dated_self_paced_run_is_saved_without_venue(admin_client, course):
    """A dated self-paced run is saved with its dates and no venue."""
    start = (timezone.now() + timedelta(days=1)).replace(second=0, microsecond=0)
    data = run_data(
        course,
        starts_at=start.strftime("%Y-%m-%d %H:%M"),
        ends_at=(start + timedelta(days=60)).strftime("%Y-%m-%d %H:%M"),
    )
    assert admin_client.post(ADD_URL, data).status_code == 302
    run = TrainingSession.objects.get()
    assert not run.is_always_open
    assert run.ends_at == start + timedelta(days=60)


def test_only_a_self_paced_run_can_be_always_open(admin_client, course):
    """Ticking "Always open" on an online session is refused with a message."""
    response = admin_client.post(ADD_URL, run_data(course, mode="online", always_open="on"))
    assert response.status_code == 200
    assert "Only a self-paced run can be always open" in response.content.decode()


def test_dated_session_still_needs_its_dates(admin_client, course):
    """An online session without dates is refused as before."""
    response = admin_client.post(ADD_URL, run_data(course, mode="online"))
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not TrainingSession.objects.exists()


def test_blended_session_keeps_lessons_required(admin_client, course):
    """A dated session saved with 60% lessons required keeps it."""
    start = (timezone.now() + timedelta(days=10)).replace(second=0, microsecond=0)
    data = run_data(
        course,
        mode="online",
        starts_at=start.strftime("%Y-%m-%d %H:%M"),
        ends_at=(start + timedelta(hours=3)).strftime("%Y-%m-%d %H:%M"),
        lessons_required_percent="60",
    )
    assert admin_client.post(ADD_URL, data).status_code == 302
    assert TrainingSession.objects.get().lessons_required_percent == 60


def test_lessons_required_above_100_is_refused(admin_client, course):
    """101% lessons required is refused by the form."""
    start = (timezone.now() + timedelta(days=10)).replace(second=0, microsecond=0)
    data = run_data(
        course,
        mode="online",
        starts_at=start.strftime("%Y-%m-%d %H:%M"),
        ends_at=(start + timedelta(hours=3)).strftime("%Y-%m-%d %H:%M"),
        lessons_required_percent="101",
    )
    assert admin_client.post(ADD_URL, data).status_code == 200
    assert not TrainingSession.objects.exists()
