import pytest

from accounts.factories import TrainerFactory
from cms.factories import translate
from courses.factories import CoursePageFactory, ThemePageFactory, TrainerSnippetFactory
from tests.surveys.factories import attendee, ended_session


@pytest.fixture
def course(home):
    theme = ThemePageFactory(parent=home, title="Water", slug="water")
    course = CoursePageFactory(parent=theme, title="Flood early warning", slug="floods")
    translate(theme, "ar", title="المياه")
    translate(course, "ar", title="الإنذار المبكر بالفيضانات")
    return course


@pytest.fixture
def trainer():
    return TrainerFactory()


@pytest.fixture
def session(course, trainer):
    """A session run by `trainer` that ended yesterday: its survey is open."""
    return ended_session(course, trainers=[TrainerSnippetFactory(user=trainer)])


@pytest.fixture
def enrollment(session):
    """A learner who held a seat and attended."""
    return attendee(session)


@pytest.fixture
def learner_client(client, enrollment):
    client.force_login(enrollment.user)
    return client
