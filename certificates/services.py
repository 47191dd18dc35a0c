"""The completion rule and the certificates it issues: evaluating an enrollment, issuing
(automatically or by hand, with its expiry and its index in the revocation status list),
confirming the printed name, revoking."""

import calendar
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from background.services import enqueue_on_commit
from certificates import status_list
from certificates.models import (
    DEFAULT_MIN_ATTENDANCE_PERCENT,
    Certificate,
    CompletionRule,
    RevocationReason,
    StatusListEntry,
)
from certificates.signals import certificate_issued, certificate_revoked
from cms.selectors import site_homes
from courses.models import SessionStatus, TrainingSession
from courses.selectors import localized_courses
from enrollment import steps
from enrollment.emails import learner_language
from enrollment.models import Enrollment
from enrollment.selectors import attendance_rate, session_days
from enrollment.services import enrollment_complete

NAME_MAX_LENGTH = Certificate._meta.get_field("printed_name").max_length
CODE_BYTES = 24  # 192 random bits, 32 URL-safe characters


class CertificateError(Exception):
    """A request the rules refuse; the message is for the person who asked."""


@dataclass(frozen=True)
class Rule:
    min_attendance_percent: int = DEFAULT_MIN_ATTENDANCE_PERCENT
    survey_required: bool = True
    issues_certificate: bool = True
    min_lessons_percent: int = 0
    min_quiz_percent: int = 0
    # Months a certificate stays valid after it is issued; None: it never expires.
    validity_months: int | None = None


# With no rule set: a dated session asks for 75% attendance and the survey; a self-paced
# run (nothing to attend) for every lesson done.
DEFAULT_RULE = Rule()
DEFAULT_SELF_PACED_RULE = Rule(
    min_attendance_percent=0, survey_required=False, min_lessons_percent=100, min_quiz_percent=0
)


@dataclass(frozen=True)
class Evaluation:
    attendance_percent: int
    attendance_met: bool
    survey_answered: bool
    survey_met: bool
    session_ended: bool
    # None when the rule asks nothing of it, or no installed stage measures it.
    lessons_percent: int | None = None
    lessons_met: bool = True
    quiz_percent: int | None = None
    quiz_met: bool = True
    # A self-paced run: no attendance to count, and no end to wait for.
    self_paced: bool = False

    @property
    def met(self) -> bool:
        return (
            self.attendance_met
            and self.survey_met
            and self.lessons_met
            and self.quiz_met
            and (self.session_ended or self.self_paced)
        )


def rule_for(session: TrainingSession) -> Rule:
    """The session's own rule, else its course's (in any of its languages), else the
    default for its kind of run."""
    rules = CompletionRule.objects.filter(session=session) or CompletionRule.objects.filter(
        session__isnull=True, course__translation_key=session.course.translation_key
    ).order_by("pk")
    rule = rules.first()
    if rule is None:
        return DEFAULT_SELF_PACED_RULE if session.is_self_paced else DEFAULT_RULE
    return Rule(
        min_attendance_percent=rule.min_attendance_percent,
        survey_required=rule.survey_required,
        issues_certificate=rule.issues_certificate,
        min_lessons_percent=rule.min_lessons_percent,
        min_quiz_percent=rule.min_quiz_percent,
        validity_months=rule.validity_months,
    )


def _measured(name: str, required: int, enrollment: Enrollment) -> tuple[int | None, bool]:
    """The learner's percentage and whether it meets `required`; nothing is measured when
    nothing is required, and nothing is required when no installed stage measures it."""
    if not required:
        return None, True
    percent = steps.measure(name, enrollment.user, enrollment.session.course)
    return percent, percent is None or percent >= required


def completion_check(enrollment: Enrollment, now: datetime | None = None) -> Evaluation:
    now = now or timezone.now()
    session = enrollment.session
    rule = rule_for(session)
    if session.has_attendance:
        # Percent rounded down, so 74.9% never passes a 75% rule.
        percent = int(attendance_rate(enrollment) * 100 + 1e-9)
        attendance_met = percent >= rule.min_attendance_percent
    else:
        percent, attendance_met = 0, True
    answered = steps.is_done(steps.SURVEY, enrollment)
    lessons_percent, lessons_met = _measured(
        steps.LESSONS_DONE, rule.min_lessons_percent, enrollment
    )
    quiz_percent, quiz_met = _measured(steps.QUIZ_SCORE, rule.min_quiz_percent, enrollment)
    return Evaluation(
        attendance_percent=percent,
        attendance_met=attendance_met,
        survey_answered=answered,
        survey_met=answered or not rule.survey_required,
        session_ended=session.ends_at <= now,
        lessons_percent=lessons_percent,
        lessons_met=lessons_met,
        quiz_percent=quiz_percent,
        quiz_met=quiz_met,
        self_paced=session.is_self_paced,
    )


def completion_evaluate(
    *, enrollment: Enrollment, now: datetime | None = None, notify: bool = True
):
    """Mark the enrollment completed and issue its certificate when the rule is met.
    Idempotent: run at the session's end, after each survey answer and by the daily
    command. Returns the certificate, or None. A newly issued certificate is announced to
    the learner by email unless `notify` is False (the demo's)."""
    session = enrollment.session
    if not enrollment.is_evaluated or session.status == SessionStatus.CANCELLED:
        return None
    if not completion_check(enrollment, now).met:
        return None
    enrollment_complete(enrollment=enrollment)
    if not rule_for(session).issues_certificate:
        return None
    existing = Certificate.objects.filter(enrollment=enrollment).first()
    if existing is not None:
        return existing
    if not enrollment.user.is_active:
        # An erased or closed account: a certificate would print its placeholder address.
        return None
    return _issue(enrollment, notify=notify)


def session_complete(
    *, session: TrainingSession, now: datetime | None = None, notify: bool = True
) -> int:
    """Evaluate every learner of an ended session; the number of certificates held."""
    enrollments = (
        Enrollment.objects.filter(session=session)
        .evaluated()
        .select_related("session__course", "session__site", "user")
    )
    issued = 0
    for enrollment in enrollments:
        if completion_evaluate(enrollment=enrollment, now=now, notify=notify) is not None:
            issued += 1
    return issued


@dataclass(frozen=True)
class SessionsCompleted:
    evaluated: int
    issued: int
    held: int


def sessions_complete_recent(
    *, days: int | None = None, session_id: int | None = None, now: datetime | None = None
) -> SessionsCompleted:
    """Evaluate the learners of the sessions that ended in the last `days` days (by default
    as long as their survey stays open, plus one day), or of one ended session."""
    now = now or timezone.now()
    days = settings.SURVEY_OPEN_DAYS + 1 if days is None else days
    sessions = TrainingSession.objects.exclude(status=SessionStatus.CANCELLED).filter(
        ends_at__lte=now
    )
    if session_id is not None:
        sessions = sessions.filter(pk=session_id)
    else:
        sessions = sessions.filter(ends_at__gte=now - timedelta(days=days))
    evaluated = held = issued = 0
    for each in sessions.select_related("course", "site").order_by("ends_at"):
        before = Certificate.objects.filter(enrollment__session=each).count()
        held += session_complete(session=each, now=now)
        issued += Certificate.objects.filter(enrollment__session=each).count() - before
        evaluated += 1
    return SessionsCompleted(evaluated=evaluated, issued=issued, held=held)


def certificate_issue(*, enrollment: Enrollment, by, note: str) -> Certificate:
    """Issue by hand, whatever the rule says (an administrator's decision, with its
    reason); a revoked certificate is reinstated under its code (the learner, told once
    when it was first issued, is not emailed again)."""
    if not enrollment.is_evaluated:
        raise CertificateError(_("Only a learner who held a seat can receive a certificate."))
    if not note.strip():
        raise CertificateError(_("Say why the certificate is issued by hand."))
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().filter(enrollment=enrollment).first()
        if certificate is None:
            certificate = _issue(enrollment, by=by, note=note)
        else:
            certificate.revoked_at = None
            certificate.revoked_by = None
            certificate.revocation_reason = ""
            certificate.issued_by = by
            certificate.issue_note = note
            certificate.save()
    return certificate


def certificate_revoke(*, certificate: Certificate, by, reason: str, note: str = "") -> Certificate:
    """Withdraw a certificate: the public page and the badge check then say revoked, with
    the general reason; the note stays internal."""
    if reason not in RevocationReason.values:
        raise CertificateError(_("Choose the reason for revoking."))
    with transaction.atomic():
        revoked_at = (
            Certificate.objects.select_for_update()
            .filter(pk=certificate.pk)
            .values_list("revoked_at", flat=True)
            .get()
        )
        if revoked_at is not None:
            raise CertificateError(_("This certificate is already revoked."))
        certificate.revoked_at = timezone.now()
        certificate.revoked_by = by
        certificate.revocation_reason = reason
        certificate.revocation_note = note.strip()
        certificate.save(
            update_fields=["revoked_at", "revoked_by", "revocation_reason", "revocation_note"]
        )
        certificate_revoked.send(sender=Certificate, certificate=certificate)
    return certificate


def certificate_confirm_name(*, certificate: Certificate, name: str) -> Certificate:
    """The learner confirms (or corrects) the printed name once; it is then fixed."""
    name = " ".join(name.split())
    if not name:
        raise CertificateError(_("The name cannot be empty."))
    if len(name) > NAME_MAX_LENGTH:
        raise CertificateError(
            _("The name is too long: %(max)s characters at most.") % {"max": NAME_MAX_LENGTH}
        )
    if any(unicodedata.category(char) in {"Cc", "Cs", "Co", "Cn"} for char in name):
        raise CertificateError(_("The name contains characters that cannot be printed."))
    updated = Certificate.objects.filter(pk=certificate.pk, name_confirmed_at__isnull=True).update(
        printed_name=name, name_confirmed_at=timezone.now()
    )
    if not updated:
        raise CertificateError(_("The name on this certificate is already confirmed."))
    certificate.refresh_from_db()
    return certificate


def months_after(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day (31 January + 1 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def expiry_for(rule: Rule, issued_on: date) -> date | None:
    """The last day a certificate issued on `issued_on` under the rule is valid."""
    if not rule.validity_months:
        return None
    return months_after(issued_on, rule.validity_months)


ALLOCATION_ATTEMPTS = 5


def status_entries_allocate(*, certificates: list[Certificate] | None = None) -> int:
    """Give each of the certificates (all of them if None) that has none its index in the
    revocation status list, drawn at random among those never given (two issuers drawing
    the same index at once: the unique index refuses one, which draws again). Returns how
    many were given."""
    without = Certificate.objects.filter(status_entry__isnull=True)
    if certificates is not None:
        without = without.filter(pk__in=[certificate.pk for certificate in certificates])
    missing = list(without.order_by("pk").values_list("pk", flat=True))
    if not missing:
        return 0
    for attempt in range(ALLOCATION_ATTEMPTS):
        top = StatusListEntry.objects.aggregate(top=Max("index"))["top"] or 0
        first_list = status_list.list_number(top)
        taken = StatusListEntry.objects.filter(
            index__gte=first_list * status_list.LIST_BITS
        ).values_list("index", flat=True)
        indices = status_list.draw_indices(len(missing), taken, first_list=first_list)
        try:
            with transaction.atomic():
                StatusListEntry.objects.bulk_create(
                    (
                        StatusListEntry(index=index, certificate_id=certificate_id)
                        for index, certificate_id in zip(indices, missing, strict=True)
                    ),
                    batch_size=1000,
                )
        except IntegrityError:
            if attempt == ALLOCATION_ATTEMPTS - 1:
                raise
        else:
            return len(missing)
    return 0


def new_code() -> str:
    return secrets.token_urlsafe(CODE_BYTES)


def issuer_name(site, language: str) -> str:
    """The platform's name in the certificate's language: the title of its home page in
    that language (cms.HomePage: the name readers see), else the site's own name."""
    home = site_homes(site).get(language)
    return home.title if home else (site.site_name or settings.WAGTAIL_SITE_NAME)


def _issue(enrollment: Enrollment, *, by=None, note: str = "", notify: bool = True) -> Certificate:
    """The one place a certificate is created, so the learner hears of it exactly once."""
    from certificates.tasks import send_certificate_email

    session = enrollment.session
    language = learner_language(enrollment)
    course = localized_courses([session], language)[session.course.translation_key]
    site = session.site
    now = timezone.now()
    issued_on = now.astimezone(session.tzinfo).date()
    if session.is_self_paced:
        # The learner's own pace: from their enrollment to the day they completed it.
        first_day = enrollment.created_at.astimezone(session.tzinfo).date()
        last_day = max(issued_on, first_day)
    else:
        days = session_days(session)
        first_day, last_day = days[0], days[-1]
    certificate = Certificate.objects.create(
        enrollment=enrollment,
        code=new_code(),
        printed_name=enrollment.user.get_full_name() or enrollment.user.email.split("@")[0],
        language=language,
        course_title=course.title,
        starts_on=first_day,
        ends_on=last_day,
        hours=course.duration_hours,
        trainer_names=", ".join(t.name for t in session.trainers.all().order_by("name")),
        issuer_name=issuer_name(site, language),
        issuer_url=site.root_url,
        issued_at=now,
        expires_on=expiry_for(rule_for(session), issued_on),
        issued_by=by,
        issue_note=note,
    )
    status_entries_allocate(certificates=[certificate])
    certificate_issued.send(sender=Certificate, certificate=certificate)
    if notify:
        enqueue_on_commit(send_certificate_email, certificate.pk)
    return certificate
