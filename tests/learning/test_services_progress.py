import pytest

from accounts.factories import UserFactory
from cms.factories import HomePageFactory, translate
from courses.factories import CoursePageFactory, ThemePageFactory
from enrollment import steps
from learning.factories import LessonPageFactory, ModulePageFactory
from learning.services.progress import lesson_mark_done

pytestmark = pytest.mark.django_db


def course_with_lessons(count=4):
    home = HomePageFactory()
    course = CoursePageFactory(parent=ThemePageFactory(parent=home))
    module = ModulePageFactory(parent=course)
    lessons = [LessonPageFactory(parent=module) for _ in range(count)]
    return course, lessons


def test_a_tick_in_french_counts_in_arabic():
    """A learner who ticks a lesson read in French sees it done in the Arabic course."""
    course, lessons = course_with_lessons(4)
    user = UserFactory()
    french_lesson = lessons[0]
    for page in [
        course.get_parent().get_parent(),
        course.get_parent(),
        course,
        lessons[0].get_parent(),
        *lessons,
    ]:
        translate(page, "fr")
        translate(page, "ar")
    french_lesson = lessons[0].get_translation(
        lessons[0].locale.__class__.objects.get(language_code="fr")
    )
    lesson_mark_done(user=user, lesson=french_lesson)
    arabic_course = course.get_translation(course.locale.__class__.objects.get(language_code="ar"))
    assert steps.measure(steps.LESSONS_DONE, user, arabic_course) == 25
    lesson_mark_done(user=user, lesson=french_lesson)
    assert steps.measure(steps.LESSONS_DONE, user, course) == 25


def test_a_course_without_lessons_counts_as_all_done():
    """A course with no lesson yet leaves nothing to do: 100%, so a self-paced run's default
    rule (every lesson) can be met."""
    home = HomePageFactory()
    course = CoursePageFactory(parent=ThemePageFactory(parent=home))
    assert steps.measure(steps.LESSONS_DONE, UserFactory(), course) == 100


def test_a_tick_on_an_opened_lesson_is_new_once_and_keeps_the_first_date():
    """A learner who opened the lesson (a row without a done date) ticks it: the tick is new
    and dated; ticking again changes nothing, the date and the place stay the first."""
    from learning.models import LessonProgress
    from learning.models.progress import DoneBy
    from learning.services.progress import lesson_record_seen

    _course, lessons = course_with_lessons(2)
    user = UserFactory()
    lesson_record_seen(user=user, lesson=lessons[0], position=42)
    assert lesson_mark_done(user=user, lesson=lessons[0]) is True
    first = LessonProgress.objects.get(user=user)
    assert (first.done_by, first.video_position) == (DoneBy.MARKED, 42)
    assert first.done_at is not None
    assert lesson_mark_done(user=user, lesson=lessons[0]) is False
    again = LessonProgress.objects.get(user=user)
    assert (again.done_at, again.seen_at) == (first.done_at, first.seen_at)
    assert lesson_mark_done(user=user, lesson=lessons[1]) is True
    assert LessonProgress.objects.filter(user=user, done_at__isnull=False).count() == 2
