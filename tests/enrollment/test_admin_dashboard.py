"""The admin dashboard of a trainer: their next sessions and the requests awaiting their
approval, nothing of another trainer's; Wagtail's editorial reports kept for
administrators."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.factories import AdministratorFactory, TrainerFactory
from courses.factories import CoursePageFactory, TrainerSnippetFactory, TrainingSessionFactory
from enrollment.factories import EnrollmentFactory
from enrollment.models import EnrollmentStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def mine(home):
    """A session of "Flood forecasting" next week, run by `trainer`, two requests pending."""
    trainer = TrainerFactory()
    session = TrainingSessionFactory(
        course=CoursePageFactory(parent=home, title="Flood forecasting"),
        trainers=[TrainerSnippetFactory(user=trainer)],
        requires_approval=True,
    )
    EnrollmentFactory.create_batch(2, session=session, status=EnrollmentStatus.PENDING)
    TrainingSessionFactory(
        course=session.course,
        starts_at=timezone.now() - timedelta(days=30),
        ends_at=timezone.now() - timedelta(days=29),
        trainers=list(session.trainers.all()),
    )
    return trainer, session


def dashboard(client, user) -> str:
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def test_trainer_sees_their_next_session_and_waiting_requests(client, mine):
    """"My next sessions" links to the roster; "Requests awaiting your approval" says 2."""
    trainer, session = mine
    html = dashboard(client, trainer)
    assert "My next sessions" in html
    assert f'href="/en/sessions/{session.pk}/roster/"' in html
    assert "Requests awaiting your approval" in html
    assert f'href="/en/sessions/{session.pk}/roster/#pending"' in html
    assert "2 requests, session of" in html
    assert html.count("Flood forecasting") == 2  # the past session is not listed


def test_another_trainer_sees_nothing_of_the_first(client, mine):
    """A trainer of other sessions has an empty "My next sessions" and no requests panel."""
    html = dashboard(client, TrainerFactory())
    assert "No session of yours is coming up." in html
    assert "Flood forecasting" not in html
    assert "Requests awaiting your approval" not in html


def test_editorial_reports_are_kept_for_administrators(client, home):
    """A trainer's reports menu lists none of Wagtail's editorial reports; an
    administrator's still does."""
    trainer_html = dashboard(client, TrainerFactory())
    admin_html = dashboard(client, AdministratorFactory())
    for path in ("/admin/reports/site-history/", "/admin/reports/aging-pages/"):
        assert path in admin_html
        assert path not in trainer_html
