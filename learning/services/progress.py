"""Recording what a learner did of a lesson."""

from django.db import transaction
from django.utils import timezone

from enrollment import steps
from enrollment.models import Enrollment
from learning.models import LessonPage, LessonProgress
from learning.models.progress import DoneBy
from learning.selectors.progress import course_key_of
from learning.signals import lesson_completed


class LessonNotMarkable(Exception):
    """A graded quiz's lesson is done by passing the quiz, not by a tick."""

    def __init__(self, lesson: LessonPage):
        self.lesson = lesson
        super().__init__(lesson.pk)


def lesson_mark_done(
    *, user, lesson: LessonPage, by: str = DoneBy.MARKED, course_key=None, announce: bool = True
) -> LessonProgress:
    """Tick the lesson for the learner, in every language; a second tick changes nothing.
    With `announce=False` the caller tells the completion rule itself (a passed quiz tells
    it once, for the lesson and the score)."""
    if by == DoneBy.MARKED and lesson.done_by_passing_only:
        raise LessonNotMarkable(lesson)
    now = timezone.now()
    course_key = course_key or course_key_of(lesson)
    # Without a savepoint of its own: inside a quiz submission, a failure fails the whole.
    with transaction.atomic(savepoint=False):
        progress, created = LessonProgress.objects.select_for_update().get_or_create(
            user=user,
            lesson_key=lesson.translation_key,
            defaults={"course_key": course_key, "seen_at": now, "done_at": now, "done_by": by},
        )
        newly_done = created or progress.done_at is None
        if not created and progress.done_at is None:
            progress.done_at = now
            progress.done_by = by
            progress.seen_at = now
            progress.save(update_fields=["done_at", "done_by", "seen_at"])
        if newly_done:
            lesson_completed.send(sender=LessonProgress, user=user, lesson=lesson, by=by)
        if newly_done and announce:
            announce_steps(user, course_key, [steps.LESSONS_DONE])
    return progress


def announce_steps(user, course_key, done: list[str]) -> None:
    """Tell the stages that weigh the steps (the completion rule) for each of the learner's
    open enrollments in a run of the course, inside the transaction that records them: what
    they enqueue commits with it."""
    enrollments = Enrollment.objects.filter(
        user=user, session__course__translation_key=course_key
    ).active()
    for enrollment in enrollments:
        steps.step_done.send(sender=LessonProgress, enrollment=enrollment, steps=tuple(done))


@transaction.atomic
def lesson_mark_not_done(*, user, lesson: LessonPage) -> LessonProgress | None:
    """Take the tick off the lesson, in every language; the learner keeps their place."""
    progress = (
        LessonProgress.objects.select_for_update()
        .filter(user=user, lesson_key=lesson.translation_key)
        .first()
    )
    if progress is not None and progress.done_at is not None:
        progress.done_at = None
        progress.done_by = ""
        progress.seen_at = timezone.now()
        progress.save(update_fields=["done_at", "done_by", "seen_at"])
    return progress


@transaction.atomic
def lesson_record_seen(*, user, lesson: LessonPage, position: int | None = None) -> LessonProgress:
    """Remember that the learner was on this lesson now (where "Resume" leads), and where
    they stopped in its video when `position` (seconds) is given."""
    now = timezone.now()
    progress, created = LessonProgress.objects.select_for_update().get_or_create(
        user=user,
        lesson_key=lesson.translation_key,
        defaults={
            "course_key": course_key_of(lesson),
            "seen_at": now,
            "video_position": position or 0,
        },
    )
    if not created:
        progress.seen_at = now
        fields = ["seen_at"]
        if position is not None:
            progress.video_position = position
            fields.append("video_position")
        progress.save(update_fields=fields)
    return progress
