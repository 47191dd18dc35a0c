"""The survey may be the last step of the completion rule."""

from django.dispatch import receiver

from certificates.services import completion_evaluate
from enrollment.models import Enrollment
from surveys.models import SurveyResponse
from surveys.signals import survey_answered


@receiver(survey_answered, sender=SurveyResponse)
def evaluate_after_survey(sender, enrollment, **kwargs):
    completion_evaluate(
        enrollment=Enrollment.objects.select_related("session").get(pk=enrollment.pk)
    )
