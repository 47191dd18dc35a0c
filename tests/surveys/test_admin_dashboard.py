"""The admin dashboard of a trainer: the surveys of their sessions that close in the next
three days, linked to the results; nothing of another trainer's."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.factories import TrainerFactory
from courses.factories import CoursePageFactory, TrainerSnippetFactory
from surveys.factories import SurveyFactory
from tests.surveys.factories import ended_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer():
    return TrainerFactory()


@pytest.fixture
def closing(home, trainer):
    """A session whose default survey window (14 days) closes in about a day, and one
    whose own survey closes in ten days."""
    profile = TrainerSnippetFactory(user=trainer)
    soon = ended_session(
        CoursePageFactory(parent=home, title="Flood forecasting"), days_ago=13, trainers=[profile]
    )
    later = ended_session(
        CoursePageFactory(parent=home, title="Drought monitoring"), days_ago=1, trainers=[profile]
    )
    SurveyFactory(session=later, closes_at=timezone.now() + timedelta(days=10))
    return soon


def dashboard(client, user) -> str:
    client.force_login(user)
    return client.get("/admin/").content.decode()


def test_trainer_sees_the_survey_closing_soon(client, trainer, closing):
    """Only the survey closing within three days is listed, linked to its results."""
    html = dashboard(client, trainer)
    assert "Surveys closing soon" in html
    assert f'href="/en/sessions/{closing.pk}/survey-results/"' in html
    assert "Flood forecasting" in html and "Drought monitoring" not in html


def test_another_trainer_sees_no_survey_of_the_first(client, closing):
    """A trainer of other sessions gets no "Surveys closing soon" panel."""
    html = dashboard(client, TrainerFactory())
    assert "Surveys closing soon" not in html and "Flood forecasting" not in html
