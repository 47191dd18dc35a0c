"""The centre's figures, computed in the database: every function is a fixed number of
aggregate or grouped queries, whatever the number of enrollments; nothing here writes.

Definitions (also in the open data dictionary, reporting/dictionary.py):
- a session is *held* when it is not cancelled and has started; the period filters on
  its start;
- a *participation* is an enrollment in a held training that attended at least one day;
  *participants* are the distinct learners behind them;
- demographics (gender, countries, regions) count only learners who consented to be
  counted in the centre's statistics;
- the *satisfaction rate* is the share of responses answering 4 or 5 out of 5 to the
  headline question; the *response rate* is responses over participations;
- *experts* are the distinct trainers and speakers of held seminars; the seminar *audience*
  is the distinct people who joined a held seminar's live room or were marked present;
- self-paced runs are no sessions held: they have their own lines. *Self-paced learners*
  are the distinct learners who took a seat in a self-paced run in the period; a
  *self-paced completion* is such an enrollment completed in the period.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import ExtractYear, Substr
from django.utils import timezone
from wagtail.models import Page

from certificates.models import Certificate
from courses.models import SessionKind, SessionMode, SessionStatus, ThemePage, TrainingSession
from courses.regions import REGION_NAMES, region_of
from courses.selectors import localize, with_language
from enrollment.models import Attendance, Enrollment, EnrollmentStatus, Gender, LearnerProfile
from live.models import OnlinePresence
from reporting.filters import ReportFilters
from surveys import scales
from surveys.models import SurveyResponse


def percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


# --- the querysets every figure starts from -----------------------------------------------


def held_sessions(filters: ReportFilters, now=None) -> QuerySet[TrainingSession]:
    """Sessions held in the period and scope. With a learner country or region, only the
    sessions such learners took part in."""
    sessions = (
        TrainingSession.objects.dated()
        .exclude(status=SessionStatus.CANCELLED)
        .filter(starts_at__lte=now or timezone.now())
        .filter(filters.session_q())
    )
    if filters.by_learner_place:
        attended = Attendance.objects.filter(enrollment=OuterRef("pk"))
        took_part = Enrollment.objects.filter(
            Exists(attended), filters.learner_q("user__"), session=OuterRef("pk")
        )
        joined_room = OnlinePresence.objects.filter(
            filters.learner_q("user__"), room__session=OuterRef("pk")
        )
        sessions = sessions.filter(Exists(took_part) | Exists(joined_room))
    # A trainer listed twice (two translations) must not duplicate a session.
    return sessions.distinct() if filters.trainer_user_id else sessions


def participations(filters: ReportFilters, *, kind: str = SessionKind.TRAINING) -> QuerySet:
    """Enrollments in held sessions of `kind` that attended at least one day."""
    attended = Attendance.objects.filter(enrollment=OuterRef("pk"))
    sessions = _held_ids(filters, kind)
    return Enrollment.objects.filter(
        Exists(attended), filters.learner_q("user__"), session__in=sessions
    )


def _held_ids(filters: ReportFilters, kind: str) -> QuerySet:
    return (
        TrainingSession.objects.dated()
        .exclude(status=SessionStatus.CANCELLED)
        .filter(starts_at__lte=timezone.now(), kind=kind)
        .filter(filters.session_q())
        .values("pk")
    )


def counted_people(enrollments: QuerySet) -> QuerySet[LearnerProfile]:
    """The profiles of the distinct learners behind `enrollments` who consented to the
    centre's statistics: one row per person, so a grouped Count("pk") counts people.
    (Twice as fast on a million enrollments as COUNT(DISTINCT user_id) over the
    enrollments joined to their user and profile, bench/report.py.)"""
    return LearnerProfile.objects.filter(
        counted_in_statistics=True, user_id__in=enrollments.values("user_id")
    )


# --- headline figures ---------------------------------------------------------------------


@dataclass
class Headline:
    trainings: int = 0
    trainings_by_mode: dict = field(default_factory=dict)
    trainings_in_host_country: int = 0
    trainings_abroad: int = 0
    themes: int = 0
    countries: int = 0
    regions: int = 0
    participants: int = 0
    participations: int = 0
    women_percent: float | None = None
    gender_stated: int = 0
    gender_unstated_percent: float | None = None
    responses: int = 0
    rated: int = 0  # responses that answered the headline question
    satisfaction_percent: float | None = None
    response_percent: float | None = None
    seated: int = 0  # enrollments holding a seat when their session ended
    completion_percent: float | None = None
    certificates: int = 0
    seminars: int = 0
    experts: int = 0
    audience: int = 0
    self_paced_runs: int = 0
    self_paced_learners: int = 0
    self_paced_completions: int = 0
    self_paced_certificates: int = 0


def headline(filters: ReportFilters, *, host_country: str = "") -> Headline:
    """Every headline figure, in eleven queries at most."""
    report = Headline()
    sessions = held_sessions(filters)
    by_kind_mode = (
        sessions.order_by()
        .values("kind", "mode")
        .annotate(
            count=Count("pk", distinct=True),
            home=Count("pk", distinct=True, filter=Q(country=host_country) & ~Q(country="")),
            abroad=Count("pk", distinct=True, filter=~Q(country=host_country) & ~Q(country="")),
        )
    )
    for row in by_kind_mode:
        if row["kind"] == SessionKind.SEMINAR:
            report.seminars += row["count"]
            continue
        report.trainings += row["count"]
        report.trainings_by_mode[row["mode"]] = row["count"]
        if host_country:
            report.trainings_in_host_country += row["home"]
            report.trainings_abroad += row["abroad"]
    report.themes = (
        sessions.filter(kind=SessionKind.TRAINING)
        .annotate(theme_path=theme_path())
        .annotate(theme_key=theme_key())
        .values("theme_key")
        .order_by()
        .distinct()
        .count()
    )
    took_part = participations(filters)
    totals = took_part.aggregate(
        participations=Count("pk"), participants=Count("user_id", distinct=True)
    )
    report.participations = totals["participations"]
    report.participants = totals["participants"]
    _demographics(report, took_part)
    _satisfaction(report, filters)
    report.seated, report.completion_percent = _completion(filters)
    report.certificates = (
        Certificate.objects.filter(
            revoked_at__isnull=True,
            enrollment__session__in=_held_ids(filters, SessionKind.TRAINING),
        )
        .filter(filters.learner_q("enrollment__user__"))
        .count()
    )
    seminars = sessions.filter(kind=SessionKind.SEMINAR).values("pk")
    report.experts = (
        TrainingSession.trainers.through.objects.filter(trainingsession__in=seminars)
        .values("trainer__translation_key")
        .distinct()
        .count()
    )
    report.audience = seminar_audience(filters)
    _self_paced(report, filters)
    return report


@dataclass(frozen=True)
class SelfPaced:
    runs: int = 0
    learners: int = 0
    completions: int = 0
    certificates: int = 0


def self_paced(filters: ReportFilters, now=None) -> SelfPaced:
    """Self-paced runs open during the period, the learners who took a seat in one in the
    period, the enrollments completed and the certificates issued in it; two queries."""
    now = now or timezone.now()
    runs = (
        TrainingSession.objects.self_paced()
        .exclude(status=SessionStatus.CANCELLED)
        .filter(filters.scope_q(), starts_at__lte=now)
    )
    first, after = filters.bounds()
    if after:
        runs = runs.filter(starts_at__lt=after)
    if first:
        runs = runs.filter(ends_at__gt=first)
    enrollments = Enrollment.objects.filter(
        filters.learner_q("user__"), session__in=runs.values("pk")
    )
    seated = enrollments.filter(filters.period_q("created_at")).holding_seat()
    # A one-to-one join: each enrollment has one certificate at most, rows never double.
    certified = Q(certificate__revoked_at__isnull=True) & filters.period_q("certificate__issued_at")
    totals = enrollments.aggregate(
        learners=Count("user_id", distinct=True, filter=Q(pk__in=seated.values("pk"))),
        completions=Count(
            "pk",
            filter=Q(status=EnrollmentStatus.COMPLETED) & filters.period_q("status_changed_at"),
        ),
        certificates=Count("certificate", filter=certified),
    )
    return SelfPaced(
        runs=runs.count(),
        learners=totals["learners"],
        completions=totals["completions"],
        certificates=totals["certificates"],
    )


def _self_paced(report: Headline, filters: ReportFilters) -> None:
    if filters.mode and filters.mode != SessionMode.SELF_PACED:
        return
    figures = self_paced(filters)
    report.self_paced_runs = figures.runs
    report.self_paced_learners = figures.learners
    report.self_paced_completions = figures.completions
    report.self_paced_certificates = figures.certificates


def _demographics(report: Headline, took_part: QuerySet) -> None:
    people = (
        counted_people(took_part)
        .order_by()
        .values("gender", "country")
        .annotate(people=Count("pk"))
    )
    genders, countries = defaultdict(int), set()
    for row in people:
        genders[row["gender"]] += row["people"]
        countries.add(row["country"])
    stated = sum(n for gender, n in genders.items() if gender != Gender.UNSTATED)
    report.gender_stated = stated
    report.women_percent = percent(genders[Gender.WOMAN], stated)
    report.gender_unstated_percent = percent(genders[Gender.UNSTATED], sum(genders.values()))
    countries.discard("")
    report.countries = len(countries)
    report.regions = len({region_of(code) for code in countries} - {None})


def _satisfaction(report: Headline, filters: ReportFilters) -> None:
    """Anonymous responses carry no learner, so a report by learner country or region has
    no satisfaction rate rather than a biased one."""
    if filters.by_learner_place:
        return
    responses = SurveyResponse.objects.filter(
        session__in=_held_ids(filters, SessionKind.TRAINING)
    ).aggregate(
        responses=Count("pk"),
        rated=Count("pk", filter=scales.rated()),
        satisfied=Count("pk", filter=scales.satisfied()),
    )
    report.responses = responses["responses"]
    report.rated = responses["rated"]
    report.satisfaction_percent = percent(responses["satisfied"], responses["rated"])
    report.response_percent = percent(responses["responses"], report.participations)


def _completion(filters: ReportFilters) -> tuple[int, float | None]:
    ended = _held_ids(filters, SessionKind.TRAINING).filter(ends_at__lte=timezone.now())
    totals = (
        Enrollment.objects.filter(filters.learner_q("user__"), session__in=ended)
        .seated_at_end()
        .aggregate(
            seated=Count("pk"), completed=Count("pk", filter=Q(status=EnrollmentStatus.COMPLETED))
        )
    )
    return totals["seated"], percent(totals["completed"], totals["seated"])


def seminar_audience(filters: ReportFilters) -> int:
    """Distinct people who joined a held seminar's live room, or were marked present."""
    seminars = _held_ids(filters, SessionKind.SEMINAR)
    online = OnlinePresence.objects.filter(room__session__in=seminars).filter(
        filters.learner_q("user__")
    )
    present = participations(filters, kind=SessionKind.SEMINAR)
    return online.order_by().values("user_id").union(present.order_by().values("user_id")).count()


# --- breakdowns -----------------------------------------------------------------------------


@dataclass
class YearRow:
    year: int
    trainings: int = 0
    seminars: int = 0
    participants: int = 0
    participations: int = 0


def by_year(filters: ReportFilters) -> list[YearRow]:
    rows: dict[int, YearRow] = {}
    sessions = (
        held_sessions(filters)
        .annotate(year=ExtractYear("starts_at"))
        .order_by()
        .values("year", "kind")
        .annotate(count=Count("pk", distinct=True))
    )
    for row in sessions:
        target = rows.setdefault(row["year"], YearRow(row["year"]))
        if row["kind"] == SessionKind.SEMINAR:
            target.seminars += row["count"]
        else:
            target.trainings += row["count"]
    # A session starting between the two queries belongs to this year.
    years = set(rows) | {timezone.localdate().year}
    people = (
        participations(filters)
        .annotate(year=_year_of("session__starts_at", years))
        .order_by()
        .values("year")
        .annotate(participants=Count("user_id", distinct=True), participations=Count("pk"))
    )
    for row in people:
        target = rows.setdefault(row["year"], YearRow(row["year"]))
        target.participants = row["participants"]
        target.participations = row["participations"]
    return [rows[year] for year in sorted(rows)]


@dataclass
class ThemeRow:
    theme: object  # the ThemePage in the reader's language
    trainings: int = 0
    participations: int = 0
    responses: int = 0
    rated: int = 0
    satisfied: int = 0

    @property
    def satisfaction_percent(self) -> float | None:
        return percent(self.satisfied, self.rated)

    @property
    def title(self) -> str:
        return self.theme.title


def by_theme(filters: ReportFilters, language: str) -> list[ThemeRow]:
    """Trainings, participations and satisfaction per theme, most participations first."""
    # Each figure is grouped by session, then added up per theme here: grouping a million
    # enrollments by session follows an index, where grouping them by their course's
    # theme path joined each to its course page (1.5 times the hand-written SQL,
    # bench/report.py). The loop is over sessions, never over enrollments.
    theme_of = dict(
        held_sessions(filters)
        .filter(kind=SessionKind.TRAINING)
        .annotate(theme_path=theme_path())
        .order_by()
        .values_list("pk", "theme_path")
    )
    counts = defaultdict(int)
    for path in theme_of.values():
        counts[path] += 1
    taken = defaultdict(int)
    enrollments = (
        participations(filters).order_by().values("session_id").annotate(count=Count("pk"))
    )
    for row in enrollments:
        taken[theme_of.get(row["session_id"])] += row["count"]
    ratings = defaultdict(lambda: defaultdict(int))
    if not filters.by_learner_place:
        responses = (
            SurveyResponse.objects.filter(session__in=_held_ids(filters, SessionKind.TRAINING))
            .order_by()
            .values("session_id")
            .annotate(
                responses=Count("pk"),
                rated=Count("pk", filter=scales.rated()),
                satisfied=Count("pk", filter=scales.satisfied()),
            )
        )
        for row in responses:
            rating = ratings[theme_of.get(row["session_id"])]
            for name in ("responses", "rated", "satisfied"):
                rating[name] += row[name]
    themes = with_language(ThemePage.objects.filter(path__in=list(counts)))
    keys = {theme.path: theme.translation_key for theme in themes}
    translations = with_language(ThemePage.objects.filter(translation_key__in=set(keys.values())))
    readable = {theme.translation_key: theme for theme in localize(translations, language)}
    rows: dict = {}
    for path, count in counts.items():
        key = keys.get(path)
        if key is None:
            continue
        row = rows.setdefault(key, ThemeRow(readable[key]))
        row.trainings += count
        row.participations += taken.get(path, 0)
        rated = ratings.get(path)
        if rated:
            row.responses += rated["responses"]
            row.rated += rated["rated"]
            row.satisfied += rated["satisfied"]
    return sorted(rows.values(), key=lambda row: (-row.participations, row.title))


@dataclass
class PlaceRow:
    key: str  # an ISO country code or an M49 region key
    name: str
    participants: int = 0
    countries: int = 0


def by_country(filters: ReportFilters) -> list[PlaceRow]:
    """Consenting participants per country, most first."""
    from django_countries import countries

    rows = (
        counted_people(participations(filters))
        .order_by()
        .values("country")
        .annotate(people=Count("pk"))
    )
    places = [
        PlaceRow(row["country"], str(countries.name(row["country"])), row["people"])
        for row in rows
        if row["country"]
    ]
    return sorted(places, key=lambda row: (-row.participants, row.name))


def by_region(filters: ReportFilters) -> list[PlaceRow]:
    """Consenting participants per UN M49 region, from the per-country counts (a learner
    has one country, so the sums are exact)."""
    rows: dict[str, PlaceRow] = {}
    for country in by_country(filters):
        region = region_of(country.key)
        if region is None:
            continue
        row = rows.setdefault(region, PlaceRow(region, str(REGION_NAMES[region])))
        row.participants += country.participants
        row.countries += 1
    return sorted(rows.values(), key=lambda row: (-row.participants, row.name))


@dataclass
class GenderRow:
    gender: str
    label: str
    participants: int


def gender_split(filters: ReportFilters) -> list[GenderRow]:
    rows = (
        counted_people(participations(filters))
        .order_by()
        .values("gender")
        .annotate(people=Count("pk"))
    )
    found = {row["gender"]: row["people"] for row in rows}
    return [GenderRow(value, str(label), found.get(value, 0)) for value, label in Gender.choices]


def by_mode(filters: ReportFilters) -> list[tuple[str, str, int]]:
    rows = (
        held_sessions(filters)
        .filter(kind=SessionKind.TRAINING)
        .order_by()
        .values("mode")
        .annotate(count=Count("pk", distinct=True))
    )
    found = {row["mode"]: row["count"] for row in rows}
    # Sessions held by mode: self-paced runs are counted on their own lines.
    return [
        (value, str(label), found.get(value, 0))
        for value, label in SessionMode.choices
        if value != SessionMode.SELF_PACED
    ]


def _year_of(name: str, years) -> Case:
    """The calendar year of the datetime field `name`, as ExtractYear gives it (in the
    current time zone), for `years` only. Plain comparisons with each year's bounds: on
    SQLite, ExtractYear calls back into Python for each row, which made by_year 2.6 times
    slower than hand-written SQL on a million enrollments (bench/report.py)."""
    zone = timezone.get_current_timezone()
    return Case(
        *(
            When(
                **{
                    f"{name}__gte": datetime(year, 1, 1, tzinfo=zone),
                    f"{name}__lt": datetime(year + 1, 1, 1, tzinfo=zone),
                },
                then=Value(year),
            )
            for year in sorted(years)
        ),
        output_field=IntegerField(),
    )


def theme_path(prefix: str = ""):
    """A session's theme: its course's parent page, whose tree path is the course's path
    less its last step. One path per language: a session may point at any translation of
    its course, so count themes by theme_key(), never by this."""
    depth = F(f"{prefix}course__depth")
    return Substr(f"{prefix}course__path", 1, (depth - 1) * 4)


def theme_key() -> Subquery:
    """The translation key of the theme at the `theme_path` annotation: the same theme in
    every language, whichever translation of the course a session points at."""
    return Subquery(Page.objects.filter(path=OuterRef("theme_path")).values("translation_key")[:1])
