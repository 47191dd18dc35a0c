"""The survey, attendance, lessons and quizzes may be the last steps of the completion
rule: each enqueues the learner's evaluation (these signals come once the change is
committed)."""

from django.dispatch import receiver

from certificates import tasks
from enrollment.models import Attendance
from enrollment.signals import attendance_recorded
from enrollment.steps import LESSONS_DONE, QUIZ_SCORE, SURVEY, step_done

WEIGHED_STEPS = {SURVEY, LESSONS_DONE, QUIZ_SCORE}


@receiver(step_done)
def evaluate_after_step(sender, enrollment, steps, **kwargs):
    if WEIGHED_STEPS.intersection(steps):
        tasks.evaluate_completion.enqueue(enrollment.pk)


@receiver(attendance_recorded, sender=Attendance)
def evaluate_after_attendance(sender, enrollment, **kwargs):
    tasks.evaluate_completion.enqueue(enrollment.pk)
