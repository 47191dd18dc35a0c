"""Emails to learners about their enrollments: in the learner's language, plain text and
HTML, each with the session's calendar file attached."""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from cms.direction import isolate, ltr
from courses import ical
from courses.selectors import localized_courses
from enrollment.learning import waitlist_position
from enrollment.models import Enrollment, EnrollmentStatus, LearnerProfile
from enrollment.services import HOLD_EXPIRED_REASON


@dataclass(frozen=True)
class Wording:
    subject: str
    lead: str


WORDINGS = {
    "confirmed": Wording(
        _("Enrollment confirmed: %(course)s"),
        _("Your seat in %(course)s is confirmed. We look forward to training with you."),
    ),
    "pending": Wording(
        _("Request received: %(course)s"),
        _(
            "Your request to join %(course)s is awaiting the trainers' approval. "
            "We will email you their decision."
        ),
    ),
    "waitlisted": Wording(
        _("On the waiting list: %(course)s"),
        _(
            "%(course)s is full, so you are on the waiting list. Seats go in order as they "
            "free up, and we will email you as soon as one is yours."
        ),
    ),
    "approved": Wording(
        _("Request approved: %(course)s"),
        _("The trainers approved your request: your seat in %(course)s is confirmed."),
    ),
    "approved_waitlisted": Wording(
        _("Request approved: %(course)s"),
        _(
            "The trainers approved your request to join %(course)s, but the session is full: "
            "you are on the waiting list, and we will email you as soon as a seat is yours."
        ),
    ),
    "rejected": Wording(
        _("Request not accepted: %(course)s"),
        _("We are sorry: the trainers could not accept your request to join %(course)s."),
    ),
    "promoted": Wording(
        _("A seat is yours: %(course)s"),
        _("Good news: a seat has freed up in %(course)s and it is now yours."),
    ),
    "cancelled": Wording(
        _("Enrollment cancelled: %(course)s"),
        _("Your enrollment in %(course)s is cancelled. You are welcome to enroll again."),
    ),
    "hold_expired": Wording(
        _("Seat passed on: %(course)s"),
        _(
            "The seat held for you in %(course)s was not confirmed in time, so it has passed "
            "to the next learner on the waiting list."
        ),
    ),
    "reminder": Wording(
        _("Reminder: %(course)s starts soon"),
        _("A reminder: %(course)s starts soon. The details are below."),
    ),
}

# Events after which the learner holds a seat: their email gives the online link.
SEATED_EVENTS = {"confirmed", "approved", "promoted", "reminder"}


def event_for(enrollment: Enrollment, *, previous, promoted: bool) -> str | None:
    """Which email a change of status calls for; None when it calls for none."""
    status = enrollment.status
    if promoted:
        return "promoted"
    if previous == status:
        return None
    if previous is None:
        return {
            EnrollmentStatus.CONFIRMED: "confirmed",
            EnrollmentStatus.PENDING: "pending",
            EnrollmentStatus.WAITLISTED: "waitlisted",
        }.get(status)
    if previous == EnrollmentStatus.PENDING and status == EnrollmentStatus.CONFIRMED:
        return "approved"
    if previous == EnrollmentStatus.PENDING and status == EnrollmentStatus.WAITLISTED:
        return "approved_waitlisted"
    if status == EnrollmentStatus.REJECTED:
        return "rejected"
    if status == EnrollmentStatus.CANCELLED:
        return "hold_expired" if enrollment.reason == HOLD_EXPIRED_REASON else "cancelled"
    return None


def learner_language(enrollment: Enrollment, *, request_language: str | None = None) -> str:
    """The profile's preferred language, else the language the learner enrolled in (known
    only while answering that request), else the platform's default, English."""
    preferred = (
        LearnerProfile.objects.filter(user_id=enrollment.user_id)
        .values_list("preferred_language", flat=True)
        .first()
    )
    return preferred or request_language or settings.LANGUAGE_CODE


def send_enrollment_email(enrollment_id: int, event: str, *, request_language=None) -> None:
    """Compose the email in the learner's language, as the enrollment stands now, and queue
    it (background.mail: the outbox retries a mail server failure). Runs in the worker."""
    enrollment = (
        Enrollment.objects.select_related("user", "session__course", "session__site")
        .filter(pk=enrollment_id)
        .first()
    )
    if enrollment is None or not enrollment.user.is_active:
        # Erased since (privacy.services): there is no address to write to.
        return
    language = learner_language(enrollment, request_language=request_language)
    with translation.override(language):
        message = compose(enrollment, event)
    message.send()


def send_reminder(enrollment: Enrollment) -> None:
    with translation.override(learner_language(enrollment)):
        message = compose(enrollment, "reminder")
    message.send()


def compose(enrollment: Enrollment, event: str) -> EmailMultiAlternatives:
    """The email in the active language."""
    language = translation.get_language()
    session = enrollment.session
    course = localized_courses([session], language)[session.course.translation_key]
    wording = WORDINGS[event]
    context = {
        "enrollment": enrollment,
        "session": session,
        "course": course,
        "event": event,
        "lead": wording.lead % {"course": isolate(course.title)},
        "seated": event in SEATED_EVENTS,
        "waitlist_position": waitlist_position(enrollment),
        "course_url": course.get_full_url(),
        "my_learning_url": session.site.root_url + reverse("enrollment:my_learning"),
        "platform_name": settings.WAGTAIL_SITE_NAME,
        "deadline": held_until(enrollment),
    }
    message = EmailMultiAlternatives(
        subject=str(wording.subject % {"course": isolate(course.title)}),
        body=render_to_string("enrollment/emails/enrollment.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[enrollment.user.email],
    )
    message.attach_alternative(
        render_to_string("enrollment/emails/enrollment.html", context), "text/html"
    )
    if not session.is_self_paced:
        # A self-paced run is no calendar event (courses.ical).
        calendar = ical.session_calendar_file(session, request=None, language=language)
        message.attach(calendar.filename, calendar.content, "text/calendar")
    return message


def held_until(enrollment: Enrollment) -> str:
    """When a promoted learner must confirm, in the session's time zone and the active
    language."""
    if enrollment.seat_held_until is None:
        return ""
    session = enrollment.session
    local = timezone.localtime(enrollment.seat_held_until, session.tzinfo)
    return f"{formats.date_format(local, 'DATETIME_FORMAT')} ({ltr(session.timezone)})"
