import pytest

from cms.factories import translate
from courses.factories import CoursePageFactory, ThemePageFactory, TrainerSnippetFactory
from tests.certificates.factories import attend, ended_session, enrolled


@pytest.fixture
def course(home):
    """A 24-hour course, translated into Arabic, Chinese and Russian."""
    theme = ThemePageFactory(parent=home, title="Water", slug="water")
    course = CoursePageFactory(
        parent=theme, title="Flood early warning", slug="floods", duration_hours=24
    )
    translate(home, "zh-hans", title="培训中心")
    translate(home, "ru", title="Учебный центр")
    for code, theme_title, title in (
        ("ar", "المياه", "الإنذار المبكر بالفيضانات"),
        ("zh-hans", "水", "洪水预警"),
        ("ru", "Вода", "Раннее оповещение о наводнениях"),
    ):
        translate(theme, code, title=theme_title)
        translate(course, code, title=title)
    return course


@pytest.fixture
def session(course):
    """A four-day session that ended yesterday, taught by two trainers."""
    trainers = [
        TrainerSnippetFactory(name="Grace Otieno"),
        TrainerSnippetFactory(name="Wei Zhang"),
    ]
    return ended_session(course, days=4, trainers=trainers)


@pytest.fixture
def enrollment(session):
    """A learner who held a seat and attended the four days."""
    return attend(enrolled(session, first_name="Amina", last_name="Diallo"))
