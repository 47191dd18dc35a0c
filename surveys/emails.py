"""The survey invitation and its one reminder: in the learner's language, plain text and
HTML, with the link to the survey."""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from cms.direction import isolate, ltr
from courses.selectors import localized_courses
from enrollment.emails import learner_language
from enrollment.models import Enrollment
from surveys.services import survey_of, survey_window


@dataclass(frozen=True)
class Wording:
    subject: str
    lead: str


WORDINGS = {
    "invitation": Wording(
        _("Your opinion on %(course)s"),
        _(
            "Thank you for taking part in %(course)s. Please tell us what you thought of it: "
            "it only takes a few minutes and helps us improve our training."
        ),
    ),
    "reminder": Wording(
        _("Reminder: your opinion on %(course)s"),
        _(
            "A reminder: you have not yet answered the survey about %(course)s. It takes "
            "a few minutes and helps us improve our training."
        ),
    ),
}


def send_survey_email(enrollment: Enrollment, event: str) -> None:
    """Compose in the learner's language and queue it; raises if it cannot be composed."""
    with translation.override(learner_language(enrollment)):
        message = compose(enrollment, event)
    message.send()


def compose(enrollment: Enrollment, event: str) -> EmailMultiAlternatives:
    """The email in the active language."""
    language = translation.get_language()
    session = enrollment.session
    course = localized_courses([session], language)[session.course.translation_key]
    survey = survey_of(session)
    closes_at = timezone.localtime(survey_window(session, survey).closes_at, session.tzinfo)
    wording = WORDINGS[event]
    context = {
        "enrollment": enrollment,
        "session": session,
        "course": course,
        "event": event,
        "lead": wording.lead % {"course": isolate(course.title)},
        "survey_url": session.site.root_url
        + reverse("surveys:respond", kwargs={"enrollment_id": enrollment.pk}),
        "closes_at": f"{formats.date_format(closes_at, 'DATETIME_FORMAT')} "
        f"({ltr(session.timezone)})",
        "anonymous": survey.anonymous,
        "platform_name": settings.WAGTAIL_SITE_NAME,
    }
    message = EmailMultiAlternatives(
        subject=str(wording.subject % {"course": isolate(course.title)}),
        body=render_to_string("surveys/emails/invitation.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[enrollment.user.email],
    )
    message.attach_alternative(
        render_to_string("surveys/emails/invitation.html", context), "text/html"
    )
    return message
