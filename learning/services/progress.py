"""Recording what a learner did of a lesson."""

from django.db import connections, transaction
from django.utils import timezone

from enrollment import steps
from learning.models import LessonPage, LessonProgress
from learning.models.progress import DoneBy
from learning.selectors.progress import active_enrollments, course_key_of
from learning.signals import lesson_completed


class LessonNotMarkable(Exception):
    """A graded quiz's lesson is done by passing the quiz, not by a tick."""

    def __init__(self, lesson: LessonPage):
        self.lesson = lesson
        super().__init__(lesson.pk)


def lesson_mark_done(
    *,
    user,
    lesson: LessonPage,
    by: str = DoneBy.MARKED,
    course_key=None,
    announce: bool = True,
) -> bool:
    """Tick the lesson for the learner, in every language; a second tick changes nothing.
    True when the tick is new. With `announce=False` the caller tells the completion rule
    itself (a passed quiz tells it once, for the lesson and the score)."""
    if by == DoneBy.MARKED and lesson.done_by_passing_only:
        raise LessonNotMarkable(lesson)
    course_key = course_key or course_key_of(lesson)
    # Without a savepoint of its own: inside a quiz submission, a failure fails the whole.
    with transaction.atomic(savepoint=False):
        newly_done = _upsert_done(user, lesson, by, course_key)
        if newly_done:
            lesson_completed.send(sender=LessonProgress, user=user, lesson=lesson, by=by)
        if newly_done and announce:
            announce_steps(user, course_key, [steps.LESSONS_DONE])
    return newly_done


def _upsert_done(user, lesson: LessonPage, by: str, course_key) -> bool:
    """One statement whether or not the learner opened the lesson before (the busiest write
    of a course: every passed quiz makes one): insert the done row, or set the done date on
    the learner's row unless it has one. True when this set it."""
    connection = connections[LessonProgress.objects.db]
    table = LessonProgress._meta.db_table
    now = LessonProgress._meta.get_field("done_at").get_db_prep_value(
        timezone.now(), connection
    )
    uuid_field = LessonProgress._meta.get_field("lesson_key")
    values = [
        user.pk,
        uuid_field.get_db_prep_value(course_key, connection),
        uuid_field.get_db_prep_value(lesson.translation_key, connection),
        now,
        now,
        now,
        by,
        now,
    ]
    sql = f"""
        INSERT INTO {table}
            (user_id, course_key, lesson_key, opened_at, seen_at, done_at, done_by,
             video_position)
        VALUES (%s, %s, %s, %s, %s, %s, %s, 0)
        ON CONFLICT (user_id, lesson_key) DO UPDATE SET
            seen_at = CASE WHEN {table}.done_at IS NULL
                THEN excluded.seen_at ELSE {table}.seen_at END,
            done_by = CASE WHEN {table}.done_at IS NULL
                THEN excluded.done_by ELSE {table}.done_by END,
            done_at = COALESCE({table}.done_at, excluded.done_at)
        RETURNING done_at = %s
    """  # noqa: S608 - the table name is the model's own
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        return bool(cursor.fetchone()[0])


def announce_steps(user, course_key, done: list[str], enrollments=None) -> None:
    """Tell the stages that weigh the steps (the completion rule) for each of the learner's
    open enrollments in a run of the course, inside the transaction that records them: what
    they enqueue commits with it."""
    if enrollments is None:
        enrollments = active_enrollments(user, course_key)
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
