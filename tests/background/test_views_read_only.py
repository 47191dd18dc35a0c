"""A GET never writes: the pages that used to create a row on first view (the learner's
certificate whose rule is met, a live room nobody has acted in) now only read."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.users.models import UserProfile

from accounts.factories import AdministratorFactory
from certificates.models import Certificate
from courses.factories import CoursePageFactory, ThemePageFactory
from live.models import Room
from surveys.models import SurveyCompletion
from tests.certificates.factories import attend, ended_session, enrolled

pytestmark = pytest.mark.django_db

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


def writes_of(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in queries.captured_queries if WRITE.match(query["sql"])]


@pytest.fixture
def session(home):
    theme = ThemePageFactory(parent=home, slug="water")
    course = CoursePageFactory(parent=theme, title="Flood early warning", slug="floods")
    return ended_session(course, days=2)


def test_the_certificate_page_of_a_met_rule_writes_nothing(client, session):
    """The rule is met and no certificate exists yet: the page says it is being prepared,
    and issues nothing."""
    enrollment = attend(enrolled(session))
    SurveyCompletion.objects.create(enrollment=enrollment, session=session)
    client.force_login(enrollment.user)
    assert writes_of(client, f"/en/learning/{enrollment.pk}/certificate/") == []
    assert not Certificate.objects.exists()


def test_a_live_room_nobody_acted_in_is_shown_without_a_write(client, session):
    """The learner's room, the trainer's console and the projector read a room that has
    no row yet, and create none."""
    enrollment = enrolled(session)
    Room.objects.filter(pk=session.pk).delete()
    client.force_login(enrollment.user)
    assert writes_of(client, f"/en/live/{session.pk}/") == []
    administrator = AdministratorFactory()
    # Wagtail's own preferences row, which its admin frame creates on a first visit.
    UserProfile.get_for_user(administrator)
    client.force_login(administrator)
    assert writes_of(client, f"/en/live/{session.pk}/console/") == []
    assert writes_of(client, f"/en/live/{session.pk}/projector/") == []
    assert not Room.objects.filter(pk=session.pk).exists()
