"""Operations of LTI launches: the learner an LMS sends (matched by issuer and subject, or
created), their enrollment through enrollment's own services, the gradebook column their
results go back to, and sending a score there with retries."""

import logging
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from allauth.account.models import EmailAddress
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pylti1p3.assignments_grades import AssignmentsGradesService
from pylti1p3.grade import Grade
from pylti1p3.service_connector import ServiceConnector

from accounts.models import User
from accounts.services import user_assign_role
from background.services import enqueue_on_commit
from courses.models import CoursePage, TrainingSession
from enrollment.models import Enrollment
from enrollment.services import EnrollmentError, enrollment_create
from lti import claims as lti_claims
from lti import selectors, tool
from lti.models import LtiGradeLink, LtiIdentity, LtiPlatform

logger = logging.getLogger(__name__)

# Waits after each failed attempt at sending a score; then it is given up and logged.
SCORE_RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=10),
    timedelta(hours=1),
    timedelta(hours=6),
)


class LaunchRefused(Exception):
    """A launch the rules refuse; the message is shown to the person as is."""

    def __init__(self, message, status=403):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass
class LaunchOutcome:
    user: User
    language: str
    course: CoursePage | None = None
    session: TrainingSession | None = None
    enrollment: Enrollment | None = None
    notices: list[str] = field(default_factory=list)


def launch_accept(*, platform: LtiPlatform, claims: dict) -> LaunchOutcome:
    """A validated resource link launch: the account it signs in, the course or session it
    opens, the enrollment it makes for a learner and the gradebook column it names."""
    course, session = selectors.launch_target(claims.get(lti_claims.CUSTOM) or {})
    if course is None:
        raise LaunchRefused(
            _(
                "This link does not name a course of the platform. "
                "Ask your teacher to set it up again."
            ),
            status=400,
        )
    user = lti_user(platform=platform, claims=claims)
    outcome = LaunchOutcome(
        user=user,
        language=selectors.language_of(lti_claims.locale_of(claims)),
        course=course,
        session=session,
    )
    if lti_claims.is_learner(claims):
        if session is None:
            session = selectors.open_self_paced_run(course)
            outcome.session = session
        if session is not None:
            try:
                outcome.enrollment = enrollment_create(user=user, session=session)
            except EnrollmentError as error:
                outcome.notices.append(str(error.message))
    grade_link_record(platform=platform, user=user, course=course, claims=claims)
    return outcome


def lti_user(*, platform: LtiPlatform, claims: dict) -> User:
    """The account of the LMS user (issuer, subject): the one it signed in before, else
    the account with the same address when the platform is trusted for email, else a new
    learner's account. Staff accounts are never signed in this way (they sign in with their
    password and second factor)."""
    subject = str(claims.get("sub") or "")
    if not subject:
        raise LaunchRefused(
            _("The launch does not say who you are. Anonymous launches are not accepted."),
            status=400,
        )
    identity = (
        LtiIdentity.objects.select_related("user")
        .filter(platform=platform, subject=subject)
        .first()
    )
    if identity is not None:
        return _may_sign_in(identity.user)
    email = _trusted_email(platform, claims)
    user = User.objects.filter(email__iexact=email).first() if email else None
    with transaction.atomic():
        if user is None:
            user = _new_learner(claims, email)
        else:
            _may_sign_in(user)
        try:
            with transaction.atomic():
                LtiIdentity.objects.create(platform=platform, subject=subject, user=user)
        except IntegrityError:
            # The same person's other launch won the race.
            return LtiIdentity.objects.get(platform=platform, subject=subject).user
    return user


def _may_sign_in(user: User) -> User:
    if not user.is_active:
        raise LaunchRefused(_("This account is closed."))
    if user.is_staff or user.is_superuser:
        raise LaunchRefused(
            _(
                "Staff accounts cannot be signed in from an LMS. Log in to the platform "
                "with your password instead."
            )
        )
    return user


def _trusted_email(platform: LtiPlatform, claims: dict) -> str:
    if not platform.trusted_for_email:
        return ""
    email = str(claims.get("email") or "").strip()
    return User.objects.normalize_email(email) if "@" in email else ""


def _new_learner(claims: dict, email: str) -> User:
    """A learner's account; its address is the LMS's only when the LMS is trusted for
    email, else a placeholder no mail is ever delivered to (.invalid, RFC 2606)."""
    user = User(
        email=email or f"lti-{uuid.uuid4().hex}@lti.invalid",
        first_name=str(claims.get("given_name") or "")[:150],
        last_name=str(claims.get("family_name") or "")[:150],
    )
    if not user.first_name and not user.last_name and claims.get("name"):
        user.first_name = str(claims["name"])[:150]
    user.set_unusable_password()
    user.save()
    user_assign_role(user=user)
    if email:
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def grade_link_record(*, platform: LtiPlatform, user: User, course: CoursePage, claims: dict):
    """Remember the launch's line item when the LMS lets the tool send scores to it."""
    endpoint = claims.get(lti_claims.AGS_ENDPOINT) or {}
    lineitem = endpoint.get("lineitem")
    scopes = endpoint.get("scope") or []
    if not lineitem or lti_claims.SCORE_SCOPE not in scopes:
        return None
    link, _created = LtiGradeLink.objects.update_or_create(
        platform=platform,
        user=user,
        lineitem=lineitem,
        defaults={
            "subject": str(claims["sub"]),
            "course_key": course.translation_key,
            "scopes": list(scopes),
        },
    )
    return link


# --- scores back to the LMS ---------------------------------------------------------------


def grade_links_notify(*, user_id: int, course_key=None, course_key_of=None) -> int:
    """Enqueue a score for each of the learner's gradebook columns in the course, with the
    change being recorded; the number enqueued. A learner never launched from an LMS costs
    one query, none until anyone was. `course_key_of` finds the course's key when it is not
    known yet."""
    from background.services import enqueue_with_change
    from lti.tasks import send_score

    if not selectors.any_grade_link():
        return 0
    links = list(LtiGradeLink.objects.filter(user_id=user_id).values_list("pk", "course_key"))
    if not links:
        return 0
    if course_key is None:
        course_key = course_key_of()
    sent = 0
    for pk, key in links:
        if key == course_key:
            enqueue_with_change(send_score, pk)
            sent += 1
    return sent


def score_send(*, link_id: int, attempt: int = 1, now: datetime | None = None) -> str:
    """Send the learner's current result in the course to the LMS's line item: 'sent',
    'retry' (another attempt is enqueued), 'failed' or 'gone' (the link was removed)."""
    from lti.tasks import send_score

    now = now or timezone.now()
    link = LtiGradeLink.objects.select_related("platform", "user").filter(pk=link_id).first()
    if link is None or not link.platform.active:
        return "gone"
    result = selectors.course_result(link.user, link.course_key)
    grade = (
        Grade()
        .set_user_id(link.subject)
        .set_score_given(result.score)
        .set_score_maximum(100)
        .set_activity_progress("Completed" if result.completed else "InProgress")
        .set_grading_progress("FullyGraded" if result.completed else "Pending")
        .set_timestamp(now.astimezone(UTC).isoformat(timespec="milliseconds"))
    )
    connector = ServiceConnector(
        tool.registration_of(link.platform), requests_session=tool.requests_session()
    )
    service = AssignmentsGradesService(connector, {"scope": link.scopes, "lineitem": link.lineitem})
    try:
        service.put_grade(grade)
    except Exception as error:
        link.last_error = _reason(error)
        link.save(update_fields=["last_error"])
        if attempt > len(SCORE_RETRY_DELAYS):
            logger.error("LTI score for link %s failed for good: %s", link.pk, link.last_error)
            return "failed"
        run_after = now + SCORE_RETRY_DELAYS[attempt - 1]
        logger.warning(
            "LTI score for link %s: attempt %s failed (%s); next at %s",
            link.pk,
            attempt,
            link.last_error,
            run_after.isoformat(),
        )
        enqueue_on_commit(send_score.using(run_after=run_after), link.pk, attempt + 1)
        return "retry"
    link.last_sent_at = now
    link.last_error = ""
    link.save(update_fields=["last_sent_at", "last_error"])
    return "sent"


def _reason(error: Exception) -> str:
    response = getattr(error, "response", None)
    if response is not None and hasattr(response, "status_code"):
        return f"{type(error).__name__}: HTTP {response.status_code} {response.text[:500]}"
    return f"{type(error).__name__}: {error}"[:2000]


def personal_data_erase(user) -> None:
    """With the account's erasure: who the person is in each LMS, and their gradebook
    columns there."""
    LtiIdentity.objects.filter(user=user).delete()
    LtiGradeLink.objects.filter(user=user).delete()
