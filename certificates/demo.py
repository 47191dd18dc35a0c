"""Demo certificates: the completion rule applied to every past session (the enrollments that
meet it marked completed, each with a certificate in the learner's language, most names
confirmed, a few revoked), the session that ended yesterday completed as at its end, and
the demo learner's older certificate with its name confirmed. Bulk inserts; deterministic
except for the verification codes, which are random as always."""

import random
import time
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import User
from certificates.factories import CertificateFactory
from certificates.models import Certificate, CompletionRule, RevocationReason
from certificates.services import Rule, session_complete, status_entries_allocate
from courses.models import CoursePage, SessionMode, SessionStatus, TrainingSession
from enrollment import steps
from enrollment.demo import DEMO_LEARNER_EMAIL
from enrollment.models import Enrollment, EnrollmentStatus, LearnerProfile
from enrollment.selectors import session_days, with_attendance

SEED = 2026
BATCH = 2_000
NAME_CONFIRMED = 0.7  # learners who confirmed the name on their certificate
# Certificates an administrator withdrew, with the general reason and an internal note.
REVOKED = [
    (RevocationReason.ISSUED_IN_ERROR, "Attendance was recorded on the wrong learner."),
    (RevocationReason.HOLDER_REQUEST, "The holder asked for it to be withdrawn."),
    (RevocationReason.REQUIREMENTS_NOT_MET, "Attendance corrected after an audit of the sheets."),
]
ADMINISTRATOR_EMAIL = "admin@example.org"
# The self-paced runs' rule: every lesson done and the graded quizzes passed (the demo's
# quizzes pass at 70%).
SELF_PACED_QUIZ_PERCENT = 70


def load(stdout) -> None:
    started = time.monotonic()
    rng = random.Random(SEED)  # noqa: S311 - demo data, not secrets
    now = timezone.now()
    past = _past_certificates(rng, now)
    recent = _recently_ended(now)
    _demo_learner_name_confirmed()
    self_paced = _self_paced_rules()
    stdout.write(
        f"Certificates: {past:,} for past sessions, {recent} for sessions ended in the last "
        f"{settings.SURVEY_OPEN_DAYS} days"
        + (
            f"; {self_paced} self-paced runs ask for every lesson done and a quiz score of "
            f"{SELF_PACED_QUIZ_PERCENT}%"
            if self_paced
            else ""
        )
        + f" in {time.monotonic() - started:.1f} s."
    )


def _self_paced_rules() -> int:
    """A rule of its own for each self-paced run that has none: every lesson done and the
    quizzes passed, no attendance and no survey (the default for a run asks the lessons
    only, so a learner who failed the quiz would be certified)."""
    runs = TrainingSession.objects.filter(
        mode=SessionMode.SELF_PACED, completion_rule__isnull=True
    ).values_list("pk", flat=True)
    rules = [
        CompletionRule(
            session_id=pk,
            min_attendance_percent=0,
            survey_required=False,
            min_lessons_percent=100,
            min_quiz_percent=SELF_PACED_QUIZ_PERCENT,
        )
        for pk in runs
    ]
    CompletionRule.objects.bulk_create(rules)
    return len(rules)


def _past_certificates(rng: random.Random, now: datetime) -> int:
    """The rule on each session whose survey has closed and which holds no certificate
    yet, evaluated in bulk as `completion_evaluate` does one by one."""
    closed_before = now - timedelta(days=settings.SURVEY_OPEN_DAYS)
    sessions = {
        session.pk: session
        for session in TrainingSession.objects.filter(ends_at__lt=closed_before)
        .exclude(status=SessionStatus.CANCELLED)
        .exclude(enrollments__certificate__isnull=False)
        .select_related("course", "site")
    }
    if not sessions:
        return 0
    rules = _rules(sessions.values())
    enrollments = (
        with_attendance(Enrollment.objects.filter(session_id__in=list(sessions)).evaluated())
        .order_by("pk")
        .values_list("pk", "user_id", "session_id", "status", "attendance_rate")
    )
    answered = dict(
        steps.records(steps.SURVEY)
        .filter(enrollment__session_id__in=list(sessions))
        .values_list("enrollment_id", "done_at")
    )
    completed, issued = [], []
    for pk, user_id, session_id, status, rate in enrollments:
        rule = rules[session_id]
        percent = int((rate or 0.0) * 100 + 1e-9)
        if percent < rule.min_attendance_percent:
            continue
        if rule.survey_required and pk not in answered:
            continue
        if status != EnrollmentStatus.COMPLETED:
            completed.append(pk)
        if rule.issues_certificate:
            issued.append((pk, user_id, sessions[session_id], answered.get(pk)))
    _mark_completed(completed)
    certificates = _certificates(rng, issued)
    Certificate.objects.bulk_create(certificates, batch_size=BATCH)
    status_entries_allocate()
    _revoke_a_few(rng, certificates)
    return len(certificates)


def _mark_completed(enrollment_ids: list[int]) -> None:
    """Completed when the rule was met: on the survey answer, or at the session's end."""
    answered = steps.records(steps.SURVEY).filter(enrollment_id=OuterRef("pk")).values("done_at")
    ended = TrainingSession.objects.filter(pk=OuterRef("session_id")).values("ends_at")
    Enrollment.objects.filter(pk__in=enrollment_ids).update(
        status=EnrollmentStatus.COMPLETED,
        status_changed_at=Coalesce(Subquery(answered[:1]), Subquery(ended[:1])),
    )


def _rules(sessions) -> dict[int, Rule]:
    """Each session's rule, as `certificates.services.rule_for` finds it."""
    by_session, by_course = {}, {}
    for rule in CompletionRule.objects.select_related("course").order_by("pk"):
        values = Rule(rule.min_attendance_percent, rule.survey_required, rule.issues_certificate)
        if rule.session_id:
            by_session[rule.session_id] = values
        else:
            by_course.setdefault(rule.course.translation_key, values)
    return {
        session.pk: by_session.get(session.pk)
        or by_course.get(session.course.translation_key)
        or Rule()
        for session in sessions
    }


def _certificates(rng: random.Random, issued: list) -> list[Certificate]:
    """What `certificates.services._issue` writes, for many enrollments at once."""
    users = {user.pk: user for user in User.objects.filter(pk__in={i[1] for i in issued})}
    languages = dict(
        LearnerProfile.objects.filter(user_id__in=list(users)).values_list(
            "user_id", "preferred_language"
        )
    )
    sessions = {session.pk: session for _pk, _user, session, _at in issued}
    courses = {
        (course.translation_key, course.locale.language_code): course
        for course in CoursePage.objects.live()
        .filter(translation_key__in={s.course.translation_key for s in sessions.values()})
        .select_related("locale")
        .only("title", "duration_hours", "translation_key", "locale__language_code")
    }
    trainers = {}
    link = TrainingSession.trainers.through
    for session_id, name in (
        link.objects.filter(trainingsession_id__in=list(sessions))
        .order_by("trainer__name")
        .values_list("trainingsession_id", "trainer__name")
    ):
        trainers.setdefault(session_id, []).append(name)
    days = {pk: session_days(session) for pk, session in sessions.items()}
    certificates = []
    for enrollment_id, user_id, session, answered_at in issued:
        user = users[user_id]
        language = languages.get(user_id) or settings.LANGUAGE_CODE
        course = courses.get((session.course.translation_key, language), session.course)
        # Issued when the answer completed the rule, or by the next day's run.
        issued_at = answered_at + timedelta(seconds=1) if answered_at else session.ends_at
        confirmed = rng.random() < NAME_CONFIRMED
        certificates.append(
            CertificateFactory.build(
                enrollment=Enrollment(pk=enrollment_id),
                printed_name=user.get_full_name() or user.email.split("@")[0],
                name_confirmed_at=(
                    issued_at + timedelta(hours=rng.uniform(0.1, 24 * 20)) if confirmed else None
                ),
                language=language,
                course_title=course.title,
                starts_on=days[session.pk][0],
                ends_on=days[session.pk][-1],
                hours=course.duration_hours,
                trainer_names=", ".join(trainers.get(session.pk, [])),
                issuer_name=session.site.site_name or settings.WAGTAIL_SITE_NAME,
                issuer_url=session.site.root_url,
                issued_at=issued_at,
            )
        )
    return certificates


def _revoke_a_few(rng: random.Random, certificates: list[Certificate]) -> None:
    administrator = User.objects.filter(email=ADMINISTRATOR_EMAIL).first()
    demo_learners = set(
        Enrollment.objects.filter(user__email=DEMO_LEARNER_EMAIL).values_list("pk", flat=True)
    )
    candidates = [c for c in certificates if c.enrollment_id not in demo_learners]
    chosen = rng.sample(candidates, min(len(candidates), len(REVOKED)))
    for certificate, (reason, note) in zip(chosen, REVOKED, strict=False):
        Certificate.objects.filter(code=certificate.code).update(
            revoked_at=certificate.issued_at + timedelta(days=rng.randint(10, 200)),
            revoked_by=administrator,
            revocation_reason=reason,
            revocation_note=note,
        )


def _recently_ended(now: datetime) -> int:
    """Sessions whose survey is still open: the rule as evaluated at their end and after
    each answer, through the service (the learners who have not answered yet wait). Nobody
    is emailed: the demo's learners are made up."""
    recent = TrainingSession.objects.filter(
        ends_at__lte=now, ends_at__gt=now - timedelta(days=settings.SURVEY_OPEN_DAYS)
    ).exclude(status=SessionStatus.CANCELLED)
    return sum(session_complete(session=session, now=now, notify=False) for session in recent)


def _demo_learner_name_confirmed() -> None:
    """The demo learner confirmed the name on their older certificate the day after."""
    for certificate in Certificate.objects.filter(
        enrollment__user__email=DEMO_LEARNER_EMAIL, name_confirmed_at__isnull=True
    ).exclude(enrollment__session__ends_at__gt=timezone.now() - timedelta(days=30)):
        Certificate.objects.filter(pk=certificate.pk).update(
            name_confirmed_at=certificate.issued_at + timedelta(days=1)
        )
