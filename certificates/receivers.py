"""The survey and attendance may be the last steps of the completion rule: each enqueues
the learner's evaluation (these signals come once the change is committed)."""

from django.dispatch import receiver

from certificates import tasks
from enrollment.models import Attendance
from enrollment.signals import attendance_recorded
from surveys.models import SurveyResponse
from surveys.signals import survey_answered


@receiver(survey_answered, sender=SurveyResponse)
def evaluate_after_survey(sender, enrollment, **kwargs):
    tasks.evaluate_completion.enqueue(enrollment.pk)


@receiver(attendance_recorded, sender=Attendance)
def evaluate_after_attendance(sender, enrollment, **kwargs):
    tasks.evaluate_completion.enqueue(enrollment.pk)
