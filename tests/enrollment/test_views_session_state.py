"""A session's state reads the same on the learner's and the trainer's pages: the label
courses.states.compute_state gives it, never the stored scheduling status."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.factories import TrainerFactory, UserFactory
from courses.factories import (
    CoursePageFactory,
    ThemePageFactory,
    TrainerSnippetFactory,
    TrainingSessionFactory,
)
from courses.states import SessionState
from enrollment.factories import EnrollmentFactory, LearnerProfileFactory
from enrollment.models import EnrollmentStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer():
    return TrainerFactory()


@pytest.fixture
def running(home, trainer):
    """A session that started three hours ago and ends in three hours: under way whatever
    the time of day the test runs."""
    course = CoursePageFactory(parent=ThemePageFactory(parent=home), title="Flood forecasting")
    now = timezone.now()
    return TrainingSessionFactory(
        course=course,
        starts_at=now - timedelta(hours=3),
        ends_at=now + timedelta(hours=3),
        trainers=[TrainerSnippetFactory(user=trainer)],
    )


def section(page: str, heading_id: str) -> str:
    start = page.index(f'id="{heading_id}"')
    end = page.find("</section>", start)
    return page[start:end]


def test_a_session_under_way_reads_ongoing_in_my_learning(client, running):
    """My learning lists a session running now under "Ongoing", labelled "Ongoing"."""
    learner = LearnerProfileFactory(user=UserFactory()).user
    EnrollmentFactory(user=learner, session=running, status=EnrollmentStatus.CONFIRMED)
    client.force_login(learner)
    page = client.get(reverse("enrollment:my_learning")).content.decode()
    ongoing = section(page, "ongoing-heading")
    assert "Flood forecasting" in ongoing
    assert f'<span class="state state-ongoing">{SessionState.ONGOING.label}</span>' in ongoing
    assert 'id="upcoming-heading"' not in page


def test_a_session_under_way_reads_ongoing_in_my_sessions(client, running, trainer):
    """My sessions labels the same session "Ongoing", not "Scheduled"."""
    client.force_login(trainer)
    page = client.get(reverse("enrollment:my_sessions")).content.decode()
    start = page.index("Flood forecasting")
    row = page[start : page.index("</tr>", start)]
    assert f'<span class="state state-ongoing">{SessionState.ONGOING.label}</span>' in row
    assert "Scheduled" not in row


def test_my_sessions_filters_by_the_computed_state(client, running, trainer):
    """Filtering My sessions by "Ongoing" keeps the running session and drops a later one."""
    later = TrainingSessionFactory(
        course=running.course, trainers=[TrainerSnippetFactory(user=trainer)]
    )
    client.force_login(trainer)
    response = client.get(reverse("enrollment:my_sessions"), {"status": "ongoing"})
    listed = {session.pk for session in response.context["sessions"]}
    assert running.pk in listed
    assert later.pk not in listed
    assert '<option value="ongoing" selected>' in response.content.decode()


def test_the_roster_of_a_session_under_way_reads_ongoing(client, running, trainer):
    """The roster's heading gives the same state as My learning and My sessions."""
    client.force_login(trainer)
    page = client.get(reverse("enrollment:roster", args=[running.pk])).content.decode()
    meta = page[page.index('<p class="meta">') : page.index("</p>", page.index('<p class="meta">'))]
    assert f'<span class="state state-ongoing">{SessionState.ONGOING.label}</span>' in meta
    assert "Scheduled" not in meta
