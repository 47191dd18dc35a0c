"""Demo surveys: the past sessions' answers (about 70% of the learners who attended, mostly
anonymous, more than 90% satisfied), and a session in Arabic that ended yesterday, taught by
the demo trainer with its results already visible, whose survey the demo learner has yet to
answer; the demo learner also took an older session and answered its survey then.
Bulk inserts; deterministic (the same answers on every machine)."""

import random
import time
from datetime import datetime, timedelta
from datetime import time as clock
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone

from accounts.models import User
from courses.demo import DEMO_TRAINER_EMAIL, HOST_TIMEZONE
from courses.demo_content import JOIN_URL
from courses.factories import TrainingSessionFactory
from courses.models import (
    CoursePage,
    SessionKind,
    SessionMode,
    SessionStatus,
    Trainer,
    TrainingSession,
)
from enrollment.demo import DEMO_LEARNER_EMAIL, EMAIL_DOMAIN
from enrollment.factories import AttendanceFactory, EnrollmentFactory
from enrollment.models import Attendance, Enrollment, EnrollmentStatus, LearnerProfile
from enrollment.selectors import session_days
from surveys import demo_content, services
from surveys.factories import (
    SurveyCompletionFactory,
    SurveyFactory,
    SurveyInvitationFactory,
    SurveyResponseFactory,
    answered_at_kept,
)
from surveys.models import (
    Survey,
    SurveyCompletion,
    SurveyInvitation,
    SurveyResponse,
    SurveyTemplate,
)
from surveys.standard import ensure_standard_template

SEED = 2026
BATCH = 2_000
RESPONSE_RATE = 0.70
# The share of sessions whose survey asked for names (for a follow-up); the rest are anonymous.
NAMED_SURVEYS = 0.10
# Each session's share of respondents answering 4 or 5 to the headline question is drawn
# around this mean; a few sessions fall below 85%, none below 78%.
SATISFACTION_MEAN, SATISFACTION_SPREAD, SATISFACTION_FLOOR = 0.935, 0.035, 0.78
COMMENT_RATE = 0.3  # respondents who write something in an optional text question

# The session that ended yesterday: the demo trainer's Big data section, taught in Arabic.
RECENT_COURSE = "introduction-to-big-data"
RECENT_LANGUAGE = "ar"
RECENT_DAYS = 3
RECENT_CAPACITY = 40
RECENT_ROSTER = 27  # learners besides the demo learner
RECENT_RESPONDENTS = 16  # of them, who answered already: enough for the results to show
# The older session the demo learner completed (the demo trainer's last training of 2021).
OLDER_COURSE = "big-earth-data-analytics"
# The demo learner reads the platform in Arabic: the certificate follows that language.
DEMO_LEARNER_LANGUAGE = "ar"


def load(stdout) -> None:
    started = time.monotonic()
    templates = _standard_templates()
    rng = random.Random(SEED)  # noqa: S311 - demo data, not secrets
    now = timezone.now()
    answers = Answers(templates, rng)
    older = _older_session_of_demo_learner(now)
    past = _past_answers(answers, rng, now)
    if older is not None:
        _demo_learner_answered(older, answers)
    recent = _recent_session(answers, rng, now)
    stdout.write(
        f"Surveys: {past:,} answers to past sessions"
        f"{f', a session ended yesterday ({recent})' if recent else ''} "
        f"in {time.monotonic() - started:.1f} s."
    )


def _standard_templates() -> dict[str, SurveyTemplate]:
    """The standard template in each language it is translated into, by language code
    (created here if the database was migrated before it existed)."""
    standard = services.standard_template() or ensure_standard_template()
    translations = SurveyTemplate.objects.filter(
        translation_key=standard.translation_key
    ).select_related("locale")
    return {template.locale.language_code: template for template in translations}


class Answers:
    """Plausible answers to a template: the headline question decides how satisfied the
    respondent is, the other ratings follow it within a point, choices lean to the first
    options, and some optional questions stay blank."""

    def __init__(self, templates: dict[str, SurveyTemplate], rng: random.Random):
        self.templates = templates
        self.default = templates.get(settings.LANGUAGE_CODE) or next(iter(templates.values()))
        self.rng = rng

    def template(self, language: str) -> SurveyTemplate:
        return self.templates.get(language, self.default)

    def satisfaction(self) -> float:
        """The share of a session's respondents who will be satisfied."""
        drawn = self.rng.gauss(SATISFACTION_MEAN, SATISFACTION_SPREAD)
        return min(0.995, max(SATISFACTION_FLOOR, drawn))

    def headline(self, satisfaction: float) -> int:
        if self.rng.random() < satisfaction:
            return 5 if self.rng.random() < 0.6 else 4
        return self.rng.choices((3, 2, 1), weights=(70, 22, 8))[0]

    def make(self, template: SurveyTemplate, satisfaction: float) -> tuple[dict, int | None]:
        """The answers keyed by question id, and the headline rating."""
        rng = self.rng
        overall = self.headline(satisfaction)
        headline = None
        answers = {}
        for block in template.questions:
            value = block.value
            required = value.get("required")
            kind = block.block_type
            if kind == "rating":
                if value.get("headline"):
                    answers[block.id] = headline = overall
                elif required or rng.random() < 0.9:
                    answers[block.id] = min(5, max(1, overall + rng.choice((-1, 0, 0, 0, 1))))
            elif kind in ("single_choice", "multiple_choice"):
                count = len(value.get("options") or [])
                if not count or not (required or rng.random() < 0.85):
                    continue
                # The first options (yes, the most useful) weigh more for a satisfied learner.
                weights = [(count - index) ** (overall - 1) for index in range(count)]
                if kind == "single_choice":
                    answers[block.id] = rng.choices(range(count), weights=weights)[0]
                else:
                    picked = set(rng.sample(range(count), min(count, 3)))
                    answers[block.id] = sorted(picked)[: rng.randint(1, len(picked))]
            elif kind == "text" and (required or rng.random() < COMMENT_RATE):
                comments = demo_content.COMMENTS.get(
                    template.locale.language_code, demo_content.COMMENTS["en"]
                )
                answers[block.id] = rng.choice(comments)
        return answers, headline


# --- the past sessions --------------------------------------------------------------------


def _past_answers(answers: Answers, rng: random.Random, now: datetime) -> int:
    """Invitations, who answered and their answers, for every ended session whose survey
    has closed and holds no answer yet."""
    closed_before = now - timedelta(days=settings.SURVEY_OPEN_DAYS)
    sessions = {
        session.pk: session
        for session in TrainingSession.objects.filter(ends_at__lt=closed_before)
        .exclude(status=SessionStatus.CANCELLED)
        .exclude(Q(survey_completions__isnull=False) | Q(survey_responses__isnull=False))
        .distinct()
        # Sessions starting together come in the same order on every database, so the
        # seeded draws below fall on the same sessions.
        .order_by("starts_at", "pk")
    }
    if not sessions:
        return 0
    named = {pk for pk in sessions if rng.random() < NAMED_SURVEYS}
    Survey.objects.bulk_create(
        [SurveyFactory.build(session=sessions[pk], anonymous=False) for pk in sorted(named)],
        ignore_conflicts=True,
    )
    attended = set(
        Attendance.objects.filter(enrollment__session_id__in=list(sessions))
        .values_list("enrollment_id", flat=True)
        .distinct()
    )
    enrollments = [
        (pk, user, session)
        for pk, user, session in Enrollment.objects.filter(session_id__in=list(sessions))
        .evaluated()
        .exclude(user__email=DEMO_LEARNER_EMAIL)
        .order_by("pk")
        .values_list("pk", "user_id", "session_id")
        if pk in attended
    ]
    languages = dict(LearnerProfile.objects.values_list("user_id", "preferred_language"))
    satisfaction = {pk: answers.satisfaction() for pk in sorted(sessions)}
    invited = {pk: sessions[pk].ends_at + timedelta(hours=2) for pk in sessions}
    invitations, completions, responses = [], [], []
    for enrollment_id, user_id, session_id in enrollments:
        session = sessions[session_id]
        enrollment = Enrollment(pk=enrollment_id, user_id=user_id, session=session)
        invited_at = invited[session_id]
        closes_at = session.ends_at + timedelta(days=settings.SURVEY_OPEN_DAYS)
        answered_at = _answered_at(rng, invited_at, closes_at)
        reminder = invited_at + timedelta(days=settings.SURVEY_REMINDER_DAYS)
        invitations.append(
            SurveyInvitationFactory.build(
                enrollment=enrollment,
                invited_at=invited_at,
                reminded_at=reminder if answered_at is None or answered_at > reminder else None,
            )
        )
        if answered_at is None:
            continue
        completions.append(
            SurveyCompletionFactory.build(enrollment=enrollment, answered_at=answered_at)
        )
        language = languages.get(user_id, settings.LANGUAGE_CODE)
        template = answers.template(language)
        given, overall = answers.make(template, satisfaction[session_id])
        is_named = session_id in named
        responses.append(
            SurveyResponseFactory.build(
                session=session,
                template=template,
                enrollment=enrollment if is_named else None,
                submitted_at=answered_at if is_named else None,
                overall_rating=overall,
                answers=given,
            )
        )
    # Anonymous responses carry no order either: shuffled, and keyed by random UUIDs.
    rng.shuffle(responses)
    SurveyInvitation.objects.bulk_create(invitations, batch_size=BATCH)
    with answered_at_kept():
        SurveyCompletion.objects.bulk_create(completions, batch_size=BATCH)
    SurveyResponse.objects.bulk_create(responses, batch_size=BATCH)
    return len(responses)


def _answered_at(rng: random.Random, invited_at: datetime, closes_at: datetime):
    """When a learner answered, or None: most on the first day, some after the reminder."""
    if rng.random() >= RESPONSE_RATE:
        return None
    roll = rng.random()
    if roll < 0.6:
        delay = timedelta(minutes=rng.randint(5, 24 * 60))
    elif roll < 0.85:
        delay = timedelta(hours=rng.uniform(24, settings.SURVEY_REMINDER_DAYS * 24))
    else:
        delay = timedelta(days=settings.SURVEY_REMINDER_DAYS, hours=rng.uniform(0.2, 96))
    return min(invited_at + delay, closes_at - timedelta(minutes=1))


# --- the demo learner ---------------------------------------------------------------------


def _demo_people() -> tuple[User | None, Trainer | None]:
    learner = User.objects.filter(email=DEMO_LEARNER_EMAIL).first()
    trainer = Trainer.objects.filter(
        user__email=DEMO_TRAINER_EMAIL, locale__language_code="en"
    ).first()
    return learner, trainer


def _older_session_of_demo_learner(now: datetime) -> TrainingSession | None:
    """The demo learner attended every day of the demo trainer's last training of the
    catalog's history (its survey and certificate come later in the load)."""
    learner, _trainer = _demo_people()
    if learner is None:
        return None
    session = (
        TrainingSession.objects.filter(
            course__slug=OLDER_COURSE,
            course__locale__language_code="en",
            ends_at__lt=now - timedelta(days=settings.SURVEY_OPEN_DAYS),
        )
        .exclude(status=SessionStatus.CANCELLED)
        .order_by("-starts_at")
        .first()
    )
    if session is None:
        return None
    if not Enrollment.objects.filter(user=learner, session=session).exists():
        # Confirmed: the certificates demo marks it completed once the rule is met.
        _enroll(learner, session, EnrollmentStatus.CONFIRMED, session_days(session))
    return session


def _demo_learner_answered(session: TrainingSession, answers: Answers) -> None:
    enrollment = Enrollment.objects.filter(user__email=DEMO_LEARNER_EMAIL, session=session).first()
    if enrollment is None or SurveyCompletion.objects.filter(enrollment=enrollment).exists():
        return
    answered_at = session.ends_at + timedelta(hours=5)
    SurveyInvitation.objects.get_or_create(
        enrollment=enrollment, defaults={"invited_at": session.ends_at + timedelta(hours=2)}
    )
    SurveyCompletionFactory(enrollment=enrollment, answered_at=answered_at)
    template = answers.template("en")
    given, overall = answers.make(template, 1.0)
    named = not services.survey_of(session).anonymous
    SurveyResponseFactory(
        session=session,
        template=template,
        enrollment=enrollment if named else None,
        submitted_at=answered_at if named else None,
        overall_rating=overall,
        answers=given,
    )


def _enroll(user: User, session: TrainingSession, status: str, days: list) -> Enrollment:
    """A seat held in `session`, with attendance on `days`."""
    enrollment = EnrollmentFactory(user=user, session=session, status=status)
    Attendance.objects.bulk_create(
        [AttendanceFactory.build(enrollment=enrollment, day=day) for day in days]
    )
    seats = TrainingSession.objects.filter(pk=session.pk)
    seats.filter(capacity__isnull=False, seats_taken__gte=F("capacity")).update(
        capacity=F("capacity") + 1
    )
    seats.update(seats_taken=F("seats_taken") + 1)
    return enrollment


# --- the session that ended yesterday ------------------------------------------------------


def _recent_session(answers: Answers, rng: random.Random, now: datetime) -> str:
    """Created unless a session of the course already ended within the survey's days, so
    a demo loaded again weeks later still has a survey to answer."""
    learner, trainer = _demo_people()
    course = CoursePage.objects.filter(slug=RECENT_COURSE, locale__language_code="en").first()
    if learner is None or trainer is None or course is None:
        return ""
    window_start = now - timedelta(days=settings.SURVEY_OPEN_DAYS)
    if TrainingSession.objects.filter(
        course=course, ends_at__gt=window_start, ends_at__lte=now
    ).exists():
        return ""
    session = _ended_yesterday(course, trainer, now)
    days = session_days(session)
    _demo_learner_reads_arabic(learner)
    _enroll(learner, session, EnrollmentStatus.CONFIRMED, days)
    crowd = list(
        User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")
        .exclude(enrollments__session=session)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    roster = [User(pk=pk) for pk in rng.sample(crowd, min(len(crowd), RECENT_ROSTER))]
    enrollments = []
    for index, user in enumerate(roster):
        # One learner never came, one came on the first day only; the rest every day.
        attended = [] if index == 0 else days[:1] if index == 1 else days
        enrollments.append(_enroll(user, session, EnrollmentStatus.CONFIRMED, attended))
    invited_at = session.ends_at + timedelta(hours=2)
    SurveyInvitation.objects.bulk_create(
        SurveyInvitation(enrollment=enrollment, invited_at=invited_at)
        for enrollment in Enrollment.objects.filter(session=session, attendance__isnull=False)
        .distinct()
        .only("pk")
    )
    languages = dict(
        LearnerProfile.objects.filter(user__in=roster).values_list("user_id", "preferred_language")
    )
    satisfaction = answers.satisfaction()
    # Answered through the service, as a learner does: one completion, one response each.
    for enrollment in enrollments[2 : 2 + RECENT_RESPONDENTS]:
        language = languages.get(enrollment.user_id, settings.LANGUAGE_CODE)
        template = services.template_for(session, language) or answers.template(language)
        given, _overall = answers.make(template, satisfaction)
        services.response_submit(
            enrollment=enrollment,
            template=template,
            answers=given,
            language=language,
            now=now,
        )
    return f"{len(enrollments) + 1} learners, {RECENT_RESPONDENTS} answers"


def _ended_yesterday(course: CoursePage, trainer: Trainer, now: datetime) -> TrainingSession:
    """Three online days, Monday to Wednesday style: the last one was yesterday."""
    zone = ZoneInfo(HOST_TIMEZONE)
    last = now.astimezone(zone).date() - timedelta(days=1)
    first = last - timedelta(days=RECENT_DAYS - 1)
    starts_at = datetime.combine(first, clock(9), tzinfo=zone)
    model = TrainingSession.objects.filter(course=course).order_by("-starts_at").first()
    others = course.course_trainers.exclude(trainer=trainer)
    return TrainingSessionFactory(
        course=course,
        site=model.site if model else course.get_site(),
        kind=SessionKind.TRAINING,
        mode=SessionMode.ONLINE,
        language=RECENT_LANGUAGE,
        starts_at=starts_at,
        ends_at=datetime.combine(last, clock(17), tzinfo=zone),
        timezone=HOST_TIMEZONE,
        join_url=f"{JOIN_URL}{course.slug}-{first:%Y%m%d}",
        capacity=RECENT_CAPACITY,
        enrollment_opens_at=starts_at - timedelta(days=45),
        enrollment_closes_at=starts_at - timedelta(days=2),
        status=SessionStatus.COMPLETED,
        trainers=[trainer, *others.values_list("trainer_id", flat=True)],
    )


def _demo_learner_reads_arabic(learner: User) -> None:
    LearnerProfile.objects.filter(user=learner).update(preferred_language=DEMO_LEARNER_LANGUAGE)
