"""Reactions to enrollment changes (the learner's email, sent by a task; the seats cached
public pages show) and to sessions edited in the admin (seats freed by a larger capacity go
to the waiting list)."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.translation import get_language

from cms import page_cache
from courses.models import TrainingSession
from enrollment import emails, services, tasks
from enrollment.signals import enrollment_changed


@receiver(enrollment_changed)
def refresh_seats_on_public_pages(sender, enrollment, **kwargs):
    """Every change of an enrollment's status takes, frees or passes on a seat, which the
    cached course, theme, catalog and home pages show."""
    page_cache.invalidate()


@receiver(enrollment_changed)
def email_the_learner(sender, enrollment, previous, promoted=False, **kwargs):
    event = emails.event_for(enrollment, previous=previous, promoted=promoted)
    if event is None or not enrollment.user.is_active:
        # An erased account (privacy.services) has no address to write to.
        return
    # A new enrollment is announced while answering the learner's own request, so the
    # active language is theirs; later changes come from other people's requests.
    request_language = get_language() if previous is None else None
    # This runs once the change is committed: the worker composes the email.
    tasks.send_enrollment_email.enqueue(enrollment.pk, event, request_language)


@receiver(post_save, sender=TrainingSession)
def promote_when_seats_free(sender, instance, created, raw=False, **kwargs):
    if created or raw:
        return
    transaction.on_commit(lambda: services.session_promote_waitlist(session=instance))
