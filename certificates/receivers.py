"""The survey, attendance, lessons and quizzes may be the last steps of the completion
rule: each enqueues the learner's evaluation (step_done comes inside the transaction that
records the step, attendance_recorded once it is committed)."""

from django.dispatch import receiver

from background.services import enqueue_with_change
from certificates import tasks
from enrollment.models import Attendance
from enrollment.signals import attendance_recorded
from enrollment.steps import LESSONS_DONE, QUIZ_SCORE, SURVEY, step_done

WEIGHED_STEPS = {SURVEY, LESSONS_DONE, QUIZ_SCORE}


@receiver(step_done)
def evaluate_after_step(sender, enrollment, steps, **kwargs):
    if WEIGHED_STEPS.intersection(steps):
        enqueue_with_change(tasks.evaluate_completion, enrollment.pk)


@receiver(attendance_recorded, sender=Attendance)
def evaluate_after_attendance(sender, enrollment, **kwargs):
    tasks.evaluate_completion.enqueue(enrollment.pk)
