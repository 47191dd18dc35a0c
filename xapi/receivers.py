"""What learners do, heard from each stage's signals and written as statements. While no
store is active a receiver returns at once, without a query (selectors.active_stores)."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from certificates.signals import certificate_issued
from enrollment.signals import attendance_recorded, enrollment_changed
from enrollment.states import EnrollmentStatus
from learning.signals import lesson_completed, quiz_graded
from live.signals import poll_answered, question_asked
from xapi import events, selectors, services
from xapi.models import LearningRecordStore


def _recording() -> bool:
    return bool(selectors.active_stores())


@receiver(enrollment_changed)
def on_enrollment_changed(sender, enrollment, previous, **kwargs):
    if not _recording():
        return
    if enrollment.status == EnrollmentStatus.CONFIRMED and previous != EnrollmentStatus.CONFIRMED:
        services.statements_record(events=events.registered(enrollment))


@receiver(attendance_recorded)
def on_attendance_recorded(sender, enrollment, **kwargs):
    if _recording():
        services.statements_record(events=events.attended(enrollment))


@receiver(question_asked)
def on_question_asked(sender, question, **kwargs):
    if _recording():
        services.statements_record(events=events.asked(question))


@receiver(poll_answered)
def on_poll_answered(sender, poll, user, options, **kwargs):
    if _recording():
        services.statements_record(events=events.answered_poll(poll, user, options))


@receiver(lesson_completed)
def on_lesson_completed(sender, user, lesson, **kwargs):
    if _recording():
        services.statements_record(events=events.lesson_completed(user, lesson))


@receiver(quiz_graded)
def on_quiz_graded(sender, attempt, lesson, **kwargs):
    if _recording():
        services.statements_record(events=events.quiz_graded(attempt, lesson))


@receiver(certificate_issued)
def on_certificate_issued(sender, certificate, **kwargs):
    if _recording():
        services.statements_record(events=events.course_completed(certificate))


@receiver(post_save, sender=LearningRecordStore)
@receiver(post_delete, sender=LearningRecordStore)
@receiver(m2m_changed, sender=LearningRecordStore.sites.through)
def on_store_changed(sender, **kwargs):
    # Now for this transaction's own reads, and again once committed for everyone's.
    selectors.forget_active_stores()
    transaction.on_commit(selectors.forget_active_stores)
