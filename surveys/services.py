"""The rules of surveys: when a session's survey is open, who may answer it, which
template (in which language) they answer, and storing one response per enrollment."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import StrEnum

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.models import Locale

from courses.models import SessionStatus, TrainingSession
from enrollment import steps
from enrollment.models import Attendance, Enrollment
from enrollment.selectors import session_days
from surveys.models import (
    Survey,
    SurveyCompletion,
    SurveyInvitation,
    SurveyResponse,
    SurveyTemplate,
)


class Refusal(StrEnum):
    """Why a learner may not answer now; the views word each one for the learner."""

    NOT_ENROLLED = "not_enrolled"
    DID_NOT_ATTEND = "did_not_attend"
    SESSION_CANCELLED = "session_cancelled"
    NOT_OPEN_YET = "not_open_yet"
    CLOSED = "closed"
    ALREADY_ANSWERED = "already_answered"
    NO_TEMPLATE = "no_template"


class SurveyRefused(Exception):
    def __init__(self, refusal: Refusal):
        super().__init__(refusal.value)
        self.refusal = refusal


@dataclass(frozen=True)
class Window:
    opens_at: datetime
    closes_at: datetime

    def is_open(self, now: datetime) -> bool:
        return self.opens_at <= now < self.closes_at


def survey_of(session: TrainingSession) -> Survey:
    """The session's survey settings; an unsaved default when nobody set any."""
    try:
        return session.survey
    except Survey.DoesNotExist:
        return Survey(session=session)


def survey_window(session: TrainingSession, survey: Survey | None = None) -> Window:
    """Open from the start of the session's last day (in its time zone) until
    SURVEY_OPEN_DAYS after it ends, unless the survey sets its own times."""
    survey = survey or survey_of(session)
    last_day = (session_days(session) or [session.local_ends_at.date()])[-1]
    default_opens = datetime.combine(last_day, time.min, tzinfo=session.tzinfo)
    default_closes = session.ends_at + timedelta(days=settings.SURVEY_OPEN_DAYS)
    return Window(survey.opens_at or default_opens, survey.closes_at or default_closes)


def standard_template() -> SurveyTemplate | None:
    templates = SurveyTemplate.objects.filter(is_standard=True).select_related("locale")
    default = settings.LANGUAGE_CODE
    return (
        next((t for t in templates if t.locale.language_code == default), None) or templates.first()
    )


def template_for(session: TrainingSession, language: str) -> SurveyTemplate | None:
    """The session's template (the standard one unless it picked another) in `language`,
    or in the language it was written in when it has no such translation."""
    template = survey_of(session).template or standard_template()
    if template is None:
        return None
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None or template.locale_id == locale.pk:
        return template
    return template.get_translation_or_none(locale) or template


def has_answered(enrollment: Enrollment) -> bool:
    return SurveyCompletion.objects.filter(enrollment=enrollment).exists()


def refusal_for(enrollment: Enrollment, now: datetime | None = None) -> Refusal | None:
    """None when the learner may answer now; otherwise why not, the most useful first."""
    now = now or timezone.now()
    session = enrollment.session
    if not enrollment.is_evaluated:
        return Refusal.NOT_ENROLLED
    if session.status == SessionStatus.CANCELLED:
        return Refusal.SESSION_CANCELLED
    if has_answered(enrollment):
        return Refusal.ALREADY_ANSWERED
    window = survey_window(session)
    if now < window.opens_at:
        return Refusal.NOT_OPEN_YET
    if now >= window.closes_at:
        return Refusal.CLOSED
    if not Attendance.objects.filter(enrollment=enrollment).exists():
        return Refusal.DID_NOT_ATTEND
    return None


def response_submit(
    *,
    enrollment: Enrollment,
    template: SurveyTemplate,
    answers: dict,
    language: str,
    now: datetime | None = None,
) -> SurveyResponse:
    """Store the learner's answers once. The completion row (unique per enrollment) is
    written in the same transaction, so a second submit, even a simultaneous one, stores
    nothing and raises SurveyRefused(ALREADY_ANSWERED)."""
    now = now or timezone.now()
    refusal = refusal_for(enrollment, now)
    if refusal:
        raise SurveyRefused(refusal)
    survey = survey_of(enrollment.session)
    try:
        with transaction.atomic():
            SurveyCompletion.objects.create(enrollment=enrollment, session=enrollment.session)
            response = SurveyResponse.objects.create(
                session=enrollment.session,
                template=template,
                enrollment=None if survey.anonymous else enrollment,
                language=language,
                submitted_at=None if survey.anonymous else now,
                overall_rating=headline_rating(template, answers),
                answers=answers,
            )
            steps.step_done.send(
                sender=SurveyResponse, enrollment=enrollment, steps=(steps.SURVEY,)
            )
    except IntegrityError as error:
        raise SurveyRefused(Refusal.ALREADY_ANSWERED) from error
    return response


def headline_rating(template: SurveyTemplate, answers: dict) -> int | None:
    for block in template.questions:
        if block.block_type == "rating" and block.value.get("headline"):
            value = answers.get(block.id)
            return int(value) if value else None
    return None


# --- invitations and the reminder ----------------------------------------------------------


def invitation_claim(*, enrollment: Enrollment, now: datetime) -> bool:
    """Mark the invitation as sent; False when another run already did. The conditional
    UPDATE is the claim, so two cron runs at once never both send it."""
    invitation, _created = SurveyInvitation.objects.get_or_create(enrollment=enrollment)
    return (
        SurveyInvitation.objects.filter(
            pk=invitation.pk, invited_at__isnull=True, enrollment__survey_completion__isnull=True
        ).update(invited_at=now)
        == 1
    )


def invitation_unclaim(*, enrollment: Enrollment) -> None:
    """The invitation could not be sent: let the next run try again."""
    SurveyInvitation.objects.filter(enrollment=enrollment).update(invited_at=None)


def reminder_claim(*, enrollment: Enrollment, now: datetime) -> bool:
    """Mark the one reminder as sent; False when another run already did."""
    return (
        SurveyInvitation.objects.filter(
            enrollment=enrollment,
            invited_at__isnull=False,
            reminded_at__isnull=True,
            enrollment__survey_completion__isnull=True,
        ).update(reminded_at=now)
        == 1
    )


def reminder_unclaim(*, enrollment: Enrollment) -> None:
    SurveyInvitation.objects.filter(enrollment=enrollment).update(reminded_at=None)


@dataclass(frozen=True)
class SurveyEmailsSent:
    invited: int
    reminded: int
    failed: int


def survey_emails_send(*, now: datetime | None = None, errors=None) -> SurveyEmailsSent:
    """Queue the invitations and reminders that are due. Each is claimed before it is
    composed, so two runs at once never send the same email; one that fails is unclaimed
    for the next run (and reported to `errors(event, enrollment, error)` when given)."""
    from surveys import emails, selectors

    now = now or timezone.now()

    def send(due, event, claim, unclaim) -> tuple[int, int]:
        sent = failed = 0
        for enrollment in due:
            if not claim(enrollment=enrollment, now=now):
                continue
            try:
                emails.send_survey_email(enrollment, event)
            except Exception as error:
                unclaim(enrollment=enrollment)
                failed += 1
                if errors is not None:
                    errors(event, enrollment, error)
            else:
                sent += 1
        return sent, failed

    invited, failed_invitations = send(
        selectors.invitations_due(now), "invitation", invitation_claim, invitation_unclaim
    )
    reminded, failed_reminders = send(
        selectors.reminders_due(now), "reminder", reminder_claim, reminder_unclaim
    )
    return SurveyEmailsSent(invited, reminded, failed_invitations + failed_reminders)
