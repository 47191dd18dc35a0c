"""Reactions to enrollment changes: the learner's email."""

from django.dispatch import receiver
from django.utils.translation import get_language

from enrollment import emails
from enrollment.signals import enrollment_changed


@receiver(enrollment_changed)
def email_the_learner(sender, enrollment, previous, promoted=False, **kwargs):
    event = emails.event_for(enrollment, previous=previous, promoted=promoted)
    if event is None:
        return
    # A new enrollment is announced while answering the learner's own request, so the
    # active language is theirs; later changes come from other people's requests.
    request_language = get_language() if previous is None else None
    language = emails.learner_language(enrollment, request_language=request_language)
    emails.send_enrollment_email(enrollment, event, language=language)
