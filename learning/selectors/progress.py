"""Reads of a learner's progress through a course."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from django.contrib.auth import get_user_model
from django.db.models import Count, IntegerField, Max, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from wagtail.models import Page

from accounts.permissions import is_administrator, sessions_acted_on
from courses.models import CoursePage, TrainingSession
from enrollment.models import Enrollment
from learning.models import LessonPage, LessonProgress


def course_of(page) -> CoursePage:
    """The course a module or lesson belongs to."""
    return CoursePage.objects.ancestor_of(page).get()


def course_key_of(lesson: LessonPage):
    """The translation key of the lesson's course (its grandparent), in one light query."""
    course_path = lesson.path[: -2 * LessonPage.steplen]
    return Page.objects.filter(path=course_path).values_list("translation_key", flat=True).get()


def course_lessons(course: CoursePage):
    """The live lessons of the course in the language of `course`, in reading order."""
    return LessonPage.objects.descendant_of(course).live().order_by("path")


def lessons_done_percent(user, course: CoursePage) -> int:
    """Share of the course's lessons the learner has done, rounded down; 100 for a course
    without lessons (nothing is left to do, so a rule asking every lesson is met)."""
    lesson_keys = list(course_lessons(course).values_list("translation_key", flat=True))
    if not lesson_keys:
        return 100
    done = LessonProgress.objects.filter(
        user=user, lesson_key__in=lesson_keys, done_at__isnull=False
    ).count()
    return done * 100 // len(lesson_keys)


def learner_progress(user, course: CoursePage) -> dict:
    """The learner's rows for the course by lesson translation key (any language)."""
    if not user.is_authenticated:
        return {}
    rows = LessonProgress.objects.filter(user=user, course_key=course.translation_key).only(
        "lesson_key", "seen_at", "done_at", "video_position"
    )
    return {row.lesson_key: row for row in rows}


# --- who may read a lesson -------------------------------------------------------------------


# Who may follow a course and who acts on it: the one answer lesson pages, quizzes,
# discussions and the video player ask, by the course's translation key (any language).


def is_enrolled(user, course_key: UUID) -> bool:
    """An active enrollment in any run of the course, in any of its languages."""
    if not user.is_authenticated or not user.is_active:
        return False
    return _active_enrollments(user, course_key).exists()


def active_enrollments(user, course_key: UUID) -> list[Enrollment]:
    """The learner's active enrollments in runs of the course, in any of its languages: the
    ones a step they did counts for, and (when there is one) what lets them take part."""
    if not user.is_authenticated or not user.is_active:
        return []
    return list(_active_enrollments(user, course_key))


def _active_enrollments(user, course_key: UUID):
    return Enrollment.objects.filter(
        user=user, session__course__translation_key=course_key
    ).active()


def course_sessions_acted_on(user, course_key: UUID) -> QuerySet:
    """The runs of the course (any language) that `user` trains, or all for administrators."""
    sessions = TrainingSession.objects.filter(course__translation_key=course_key)
    return sessions_acted_on(user, sessions)


def may_act_on_course(user, course_key: UUID) -> bool:
    """Administrators, and the trainers of a run of the course."""
    if not user.is_authenticated or not user.is_active:
        return False
    return is_administrator(user) or course_sessions_acted_on(user, course_key).exists()


def may_read_lesson(user, lesson: LessonPage, course: CoursePage) -> bool:
    """Anyone for an open preview; else enrolled learners, the course's trainers and
    administrators."""
    if lesson.preview:
        return True
    key = course.translation_key
    return is_enrolled(user, key) or may_act_on_course(user, key)


# --- My learning -------------------------------------------------------------------------------


def with_lesson_progress(enrollments: QuerySet[Enrollment]) -> QuerySet[Enrollment]:
    """Each enrollment with `lesson_count` (the live lessons of its course) and
    `lessons_done` (the learner's ticks in any language), two subqueries in the same query."""
    lessons = (
        LessonPage.objects.live()
        .filter(path__startswith=OuterRef("session__course__path"))
        .order_by()
        .annotate(one=Value(1))
        .values("one")
        .annotate(count=Count("pk"))
        .values("count")
    )
    done = (
        LessonProgress.objects.filter(
            user_id=OuterRef("user_id"),
            course_key=OuterRef("session__course__translation_key"),
            done_at__isnull=False,
        )
        .order_by()
        .values("user_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return enrollments.annotate(
        lesson_count=Coalesce(Subquery(lessons, output_field=IntegerField()), 0),
        lessons_done=Coalesce(Subquery(done, output_field=IntegerField()), 0),
    )


@dataclass(frozen=True)
class ProgressBar:
    done: int
    total: int

    @property
    def percent(self) -> int:
        return min(100, self.done * 100 // self.total) if self.total else 0


def my_learning_progress(enrollment: Enrollment, now: datetime) -> ProgressBar | None:
    """The bar of a course with lessons; nothing for a course without."""
    total = getattr(enrollment, "lesson_count", 0)
    if not total:
        return None
    return ProgressBar(done=min(enrollment.lessons_done, total), total=total)


# --- learners' progress, for trainers -------------------------------------------------------


@dataclass(frozen=True)
class LearnerRow:
    name: str
    email: str
    done: int
    total: int
    last_activity: datetime | None

    @property
    def percent(self) -> int:
        return min(100, self.done * 100 // self.total) if self.total else 0


def learners_progress(user, course: CoursePage) -> list[LearnerRow]:
    """One row per learner enrolled in a run of the course that `user` may act on: lessons
    done and last activity, in two queries whatever the number of learners."""
    lesson_keys = list(course_lessons(course).values_list("translation_key", flat=True))
    sessions = course_sessions_acted_on(user, course.translation_key)
    enrollments = Enrollment.objects.filter(session__in=sessions).active()
    done_filter = Q(
        lesson_progress__course_key=course.translation_key,
        lesson_progress__lesson_key__in=lesson_keys,
        lesson_progress__done_at__isnull=False,
    )
    learners = (
        get_user_model()
        .objects.filter(pk__in=enrollments.values("user_id"))
        .annotate(
            done=Count("lesson_progress", filter=done_filter, distinct=True),
            last_activity=Max(
                "lesson_progress__seen_at",
                filter=Q(lesson_progress__course_key=course.translation_key),
            ),
        )
        .order_by("last_name", "first_name", "email", "pk")
    )
    total = len(lesson_keys)
    return [
        LearnerRow(
            name=learner.get_full_name() or learner.email,
            email=learner.email,
            done=min(learner.done, total),
            total=total,
            last_activity=learner.last_activity,
        )
        for learner in learners
    ]
