"""Reads of surveys: who may answer, who is due an invitation or the reminder, and a
session's results (rates as aggregate queries, so they scale to any number of sessions)."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from courses.models import SessionStatus, TrainingSession
from enrollment.models import Attendance, Enrollment
from enrollment.parts import loaded_one_to_one
from surveys.models import SurveyResponse, SurveyTemplate
from surveys.scales import RATING_SCALE, rated, satisfied
from surveys.services import survey_of, survey_window


def min_respondents() -> int:
    """Below this many respondents a session's results are not shown, so that nobody can
    be recognised in them."""
    return settings.SURVEY_MIN_RESPONDENTS


def reminder_days() -> int:
    return settings.SURVEY_REMINDER_DAYS


# --- who may answer ----------------------------------------------------------------------


def with_survey_state(enrollments: QuerySet[Enrollment]) -> QuerySet[Enrollment]:
    """What `my_learning_survey` reads, in the enrollments' own query."""
    return enrollments.select_related("session__survey", "survey_completion")


def my_learning_survey(enrollment: Enrollment, now: datetime) -> str | None:
    """Whether My learning offers the survey: "open" to a learner who attended, "answered"
    once they did, or None. Reads what `with_survey_state` loaded and `days_attended`."""
    if loaded_one_to_one(enrollment, "survey_completion") is not None:
        return "answered"
    session = enrollment.session
    if (
        not enrollment.is_evaluated
        or session.status == SessionStatus.CANCELLED
        or not enrollment.days_attended
    ):
        return None
    return "open" if survey_window(session, survey_of(session)).is_open(now) else None


def eligible_enrollments(sessions: QuerySet[TrainingSession] | TrainingSession):
    """Enrollments whose learners may answer: they held a seat and attended at least once."""
    if isinstance(sessions, TrainingSession):
        scope = Q(session=sessions)
    else:
        scope = Q(session__in=sessions)
    attended = Attendance.objects.filter(enrollment=OuterRef("pk"))
    return Enrollment.objects.filter(scope).evaluated().filter(Exists(attended))


def sessions_with_open_survey(now: datetime) -> list[TrainingSession]:
    """Sessions whose survey is open at `now`. SQL narrows the candidates (the default
    window opens on the last local day, at most two days before the end); the window
    itself, which depends on the session's days and time zone, decides."""
    open_days = timedelta(days=settings.SURVEY_OPEN_DAYS)
    may_have_opened = Q(survey__opens_at__lte=now) | Q(
        survey__opens_at__isnull=True, ends_at__lte=now + timedelta(days=2)
    )
    may_not_have_closed = Q(survey__closes_at__gt=now) | Q(
        survey__closes_at__isnull=True, ends_at__gt=now - open_days
    )
    candidates = (
        TrainingSession.objects.exclude(status=SessionStatus.CANCELLED)
        .filter(may_have_opened, may_not_have_closed)
        .select_related("course", "site", "survey")
        .order_by("ends_at", "pk")
    )
    return [session for session in candidates if survey_window(session).is_open(now)]


def surveys_closing_soon(
    sessions: QuerySet[TrainingSession], now: datetime, *, within: timedelta, limit: int = 5
) -> list[tuple[TrainingSession, datetime]]:
    """Open surveys of these sessions that close within `within`, with their closing time,
    soonest first; the same windows as sessions_with_open_survey."""
    open_days = timedelta(days=settings.SURVEY_OPEN_DAYS)
    until = now + within
    may_have_opened = Q(survey__opens_at__lte=now) | Q(
        survey__opens_at__isnull=True, ends_at__lte=now + timedelta(days=2)
    )
    closes_soon = Q(survey__closes_at__gt=now, survey__closes_at__lte=until) | Q(
        survey__closes_at__isnull=True, ends_at__gt=now - open_days, ends_at__lte=until - open_days
    )
    candidates = (
        sessions.exclude(status=SessionStatus.CANCELLED)
        .filter(may_have_opened, closes_soon)
        .select_related("course", "survey")
    )
    closing = []
    for session in candidates:
        window = survey_window(session)
        if window.is_open(now) and window.closes_at <= until:
            closing.append((session, window.closes_at))
    closing.sort(key=lambda pair: pair[1])
    return closing[:limit]


def invitations_due(now: datetime) -> list[Enrollment]:
    """Learners who may answer an open survey, have not answered and were not invited."""
    sessions = sessions_with_open_survey(now)
    return list(
        _awaiting_answer(sessions)
        .filter(Q(survey_invitation__isnull=True) | Q(survey_invitation__invited_at__isnull=True))
        .order_by("session__ends_at", "pk")
    )


def reminders_due(now: datetime) -> list[Enrollment]:
    """Learners invited at least SURVEY_REMINDER_DAYS ago, not reminded yet, who still have
    not answered a survey that is still open."""
    sessions = sessions_with_open_survey(now)
    return list(
        _awaiting_answer(sessions)
        .filter(
            survey_invitation__invited_at__lte=now - timedelta(days=reminder_days()),
            survey_invitation__reminded_at__isnull=True,
        )
        .order_by("session__ends_at", "pk")
    )


def _awaiting_answer(sessions: list[TrainingSession]):
    """Learners of `sessions` who may answer and have not (an erased or deactivated
    account cannot log in to answer, so it is never emailed)."""
    return (
        eligible_enrollments(TrainingSession.objects.filter(pk__in=[s.pk for s in sessions]))
        .filter(survey_completion__isnull=True, user__is_active=True)
        .select_related("user", "session__course", "session__site", "session__survey")
    )


# --- rates ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rate:
    """A share, e.g. 46 satisfied respondents out of 50 who rated."""

    count: int
    total: int

    @property
    def percent(self) -> float | None:
        return 100 * self.count / self.total if self.total else None


def satisfaction_rate(responses: QuerySet[SurveyResponse]) -> Rate:
    """Respondents answering 4 or 5 to the headline question, out of those who answered
    it; one query over any number of sessions."""
    totals = responses.aggregate(
        satisfied=Count("pk", filter=satisfied()),
        rated=Count("pk", filter=rated()),
    )
    return Rate(totals["satisfied"], totals["rated"])


def response_rate(sessions: QuerySet[TrainingSession] | TrainingSession) -> Rate:
    """Learners who may answer and did, out of all who may; one query."""
    totals = eligible_enrollments(sessions).aggregate(
        answered=Count("pk", filter=Q(survey_completion__isnull=False)),
        eligible=Count("pk"),
    )
    return Rate(totals["answered"], totals["eligible"])


# --- a session's results -------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    label: str
    count: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.count / self.total) if self.total else 0


@dataclass(frozen=True)
class FreeText:
    text: str
    language: str


@dataclass
class QuestionResult:
    id: str
    kind: str
    label: str
    answered: int = 0
    rows: list[Row] = field(default_factory=list)
    texts: list[FreeText] = field(default_factory=list)
    mean: float | None = None
    headline: bool = False


@dataclass
class SessionResults:
    respondents: int
    min_respondents: int
    satisfaction: Rate
    response: Rate
    questions: list[QuestionResult]
    has_headline: bool

    @property
    def shown(self) -> bool:
        return self.respondents >= self.min_respondents


def session_results(session: TrainingSession, template: SurveyTemplate) -> SessionResults:
    """What the results page shows, with the questions (and their options) worded as in
    `template`, usually the session's template in the reader's language. Answers are
    matched by question id, so responses given in any language count together."""
    responses = SurveyResponse.objects.filter(session=session)
    respondents = responses.count()
    threshold = min_respondents()
    results = SessionResults(
        respondents=respondents,
        min_respondents=threshold,
        satisfaction=satisfaction_rate(responses),
        response=response_rate(session),
        questions=[],
        has_headline=template.headline_question is not None,
    )
    if respondents < threshold:
        return results
    # One session's answers fit in memory; counting them here keeps the JSON portable
    # across SQLite and PostgreSQL. The random primary key orders free texts by chance,
    # never by time, so their order says nothing of who wrote them.
    answer_sets = list(responses.order_by("pk").values_list("answers", "language"))
    results.questions = [question_result(block, answer_sets) for block in template.questions]
    return results


def question_result(block, answer_sets: list[tuple[dict, str]]) -> QuestionResult:
    value = block.value
    result = QuestionResult(
        id=block.id,
        kind=block.block_type,
        label=value["label"],
        headline=bool(value.get("headline")),
    )
    given = [
        (answers[block.id], language)
        for answers, language in answer_sets
        if isinstance(answers, dict) and answers.get(block.id) not in (None, "", [])
    ]
    if block.block_type == "text":
        result.texts = [FreeText(str(text), language) for text, language in given]
        result.answered = len(result.texts)
        return result
    if block.block_type == "rating":
        ratings = [answer for answer, _lang in given if answer in RATING_SCALE]
        counts = Counter(ratings)
        total = len(ratings)
        labels = {1: value.get("low_label", ""), 5: value.get("high_label", "")}
        result.rows = [
            Row(_rating_label(point, labels.get(point)), counts[point], total)
            for point in RATING_SCALE
        ]
        result.answered = total
        result.mean = sum(ratings) / total if total else None
        return result
    options = list(value.get("options") or [])
    valid = range(len(options))
    if block.block_type == "multiple_choice":
        picks = [
            {index for index in answer if isinstance(index, int) and index in valid}
            for answer, _lang in given
            if isinstance(answer, list)
        ]
        picks = [chosen for chosen in picks if chosen]
        counts = Counter(index for chosen in picks for index in chosen)
        total = len(picks)
    else:
        chosen = [answer for answer, _lang in given if isinstance(answer, int) and answer in valid]
        counts = Counter(chosen)
        total = len(chosen)
    result.rows = [Row(option, counts[index], total) for index, option in enumerate(options)]
    result.answered = total
    return result


def _rating_label(point: int, end_label: str | None) -> str:
    return f"{point} · {end_label}" if end_label else str(point)
