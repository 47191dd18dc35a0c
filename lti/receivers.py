"""What learners did, heard from the stages before: each change to a result enqueues the
score for the learner's LMS gradebook columns, in the transaction that records it."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from certificates.signals import certificate_issued, certificate_revoked
from learning.models.progress import DoneBy
from learning.selectors.progress import course_key_of
from learning.signals import lesson_completed, quiz_graded
from lti.models import LtiGradeLink
from lti.selectors import forget_grade_links
from lti.services import grade_links_notify


@receiver(quiz_graded, dispatch_uid="lti_quiz_graded")
def quiz_was_graded(sender, attempt, lesson, **kwargs):
    grade_links_notify(user_id=attempt.user_id, course_key=attempt.course_key)


@receiver(lesson_completed, dispatch_uid="lti_lesson_completed")
def lesson_was_completed(sender, user, lesson, by, **kwargs):
    if by == DoneBy.PASSED:
        return  # its quiz was graded just before, in the same transaction: one score is sent
    grade_links_notify(user_id=user.pk, course_key_of=lambda: course_key_of(lesson))


@receiver(certificate_issued, dispatch_uid="lti_certificate_issued")
@receiver(certificate_revoked, dispatch_uid="lti_certificate_revoked")
def certificate_changed(sender, certificate, **kwargs):
    enrollment = certificate.enrollment
    grade_links_notify(
        user_id=enrollment.user_id,
        course_key_of=lambda: enrollment.session.course.translation_key,
    )


@receiver(post_save, sender=LtiGradeLink, dispatch_uid="lti_grade_link_saved")
@receiver(post_delete, sender=LtiGradeLink, dispatch_uid="lti_grade_link_deleted")
def grade_links_changed(sender, **kwargs):
    # At once, and again once committed: meanwhile another process may have read "none".
    forget_grade_links()
    transaction.on_commit(forget_grade_links)
