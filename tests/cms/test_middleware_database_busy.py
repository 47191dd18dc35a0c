"""A request that finds the database busy after its retries gets the "busy, try again"
page, not the server error page."""

import pytest
from django.db import OperationalError

from courses.factories import CoursePageFactory, ThemePageFactory, TrainingSessionFactory
from enrollment import services
from enrollment.factories import LearnerProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(home):
    return TrainingSessionFactory(course=CoursePageFactory(parent=ThemePageFactory(parent=home)))


def test_a_busy_database_shows_the_try_again_page(client, session, monkeypatch):
    """Enrolling while SQLite stays locked answers 503 with Retry-After and says to try
    again in a few seconds."""

    def locked(**kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(services, "enrollment_create", locked)
    client.force_login(LearnerProfileFactory().user)

    response = client.post(f"/en/sessions/{session.pk}/enroll/")

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    page = response.content.decode()
    assert "Many people are using the site right now. Wait a few seconds, then try again." in page


def test_other_database_errors_stay_server_errors(client, session, monkeypatch):
    """Only a busy database is answered as busy: another failure is still a server error."""

    def broken(**kwargs):
        raise OperationalError("no such table: enrollment_enrollment")

    monkeypatch.setattr(services, "enrollment_create", broken)
    client.force_login(LearnerProfileFactory().user)

    with pytest.raises(OperationalError):
        client.post(f"/en/sessions/{session.pk}/enroll/")
