"""Reads of a learner's progress through a course."""

from courses.models import CoursePage
from learning.models import LessonPage, LessonProgress


def course_of(page) -> CoursePage:
    """The course a module or lesson belongs to."""
    return CoursePage.objects.ancestor_of(page).get()


def course_lessons(course: CoursePage):
    """The live lessons of the course in the language of `course`, in reading order."""
    return LessonPage.objects.descendant_of(course).live().order_by("path")


def lessons_done_percent(user, course: CoursePage) -> int:
    """Share of the course's lessons the learner has done, rounded down."""
    lesson_keys = list(course_lessons(course).values_list("translation_key", flat=True))
    if not lesson_keys:
        return 0
    done = LessonProgress.objects.filter(
        user=user, lesson_key__in=lesson_keys, done_at__isnull=False
    ).count()
    return done * 100 // len(lesson_keys)
