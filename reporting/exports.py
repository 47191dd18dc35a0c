"""The report as data and files: every figure and breakdown of a scope gathered once
(`build_report`), its tables as CSV and XLSX (written by cms.exporting), and one row per
session for periods of any size, read from the database in chunks."""

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import FileResponse, StreamingHttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Site

from certificates.models import Certificate
from cms.exporting import XLSX_TYPE as XLSX_TYPE
from cms.exporting import Cell, Sheet, csv_response, write_xlsx, xlsx_response
from courses.models import SessionKind, SessionMode, ThemePage
from courses.selectors import localize, with_language
from enrollment.models import Attendance, Enrollment
from reporting import selectors
from reporting.filters import ReportFilters
from reporting.selectors import GenderRow, Headline, PlaceRow, ThemeRow, YearRow
from reporting.text import FIGURES, headline_figures, headline_sentence, host_country
from surveys import scales
from surveys.models import SurveyResponse

CHUNK_SIZE = 2000


# --- the report ---------------------------------------------------------------------------


@dataclass
class Report:
    """Every figure of one scope, as the dashboard, the command and the files show it."""

    filters: ReportFilters
    language: str
    host_country: str = ""
    headline: Headline = field(default_factory=Headline)
    years: list[YearRow] = field(default_factory=list)
    themes: list[ThemeRow] = field(default_factory=list)
    regions: list[PlaceRow] = field(default_factory=list)
    countries: list[PlaceRow] = field(default_factory=list)
    genders: list[GenderRow] = field(default_factory=list)
    modes: list[tuple[str, str, int]] = field(default_factory=list)


def build_report(filters: ReportFilters, *, language: str, host: str | None = None) -> Report:
    """The headline and every breakdown; a fixed number of queries whatever the data."""
    host = host_country() if host is None else host
    return Report(
        filters=filters,
        language=language,
        host_country=host,
        headline=selectors.headline(filters, host_country=host),
        years=selectors.by_year(filters),
        themes=selectors.by_theme(filters, language),
        regions=selectors.by_region(filters),
        countries=selectors.by_country(filters),
        genders=selectors.gender_split(filters),
        modes=selectors.by_mode(filters),
    )


def report_dict(report: Report) -> dict:
    """Every figure and breakdown with the filters that made them, for JSON."""
    filters = report.filters
    return {
        "filters": filters_dict(filters),
        "language": report.language,
        "host_country": report.host_country or None,
        "sentence": headline_sentence(report.headline, filters),
        "headline": asdict(report.headline),
        "by_year": [asdict(row) for row in report.years],
        "by_theme": [
            {
                "theme": row.theme.slug,
                "title": row.title,
                "trainings": row.trainings,
                "participations": row.participations,
                "responses": row.responses,
                "satisfaction_percent": row.satisfaction_percent,
            }
            for row in report.themes
        ],
        "by_region": [
            {
                "region": row.key,
                "name": row.name,
                "participants": row.participants,
                "countries": row.countries,
            }
            for row in report.regions
        ],
        "by_country": [
            {"country": row.key, "name": row.name, "participants": row.participants}
            for row in report.countries
        ],
        "gender": [asdict(row) for row in report.genders],
        "by_mode": [
            {"mode": value, "label": label, "trainings": count}
            for value, label, count in report.modes
        ],
    }


def filters_dict(filters: ReportFilters) -> dict:
    """The filters as a reader would type them again (a platform's host, a theme's slug)."""
    site = Site.objects.filter(pk=filters.site_id).first() if filters.site_id else None
    theme = (
        ThemePage.objects.filter(translation_key=filters.theme_key).order_by("pk").first()
        if filters.theme_key
        else None
    )
    host = None
    if site:
        host = site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"
    return {
        "from": filters.start.isoformat() if filters.start else None,
        "to": filters.end.isoformat() if filters.end else None,
        "site": host,
        "theme": theme.slug if theme else None,
        "country": filters.country or None,
        "region": filters.region or None,
        "mode": filters.mode or None,
        "trainer_user_id": filters.trainer_user_id,
    }


# --- the report's tables ------------------------------------------------------------------

COLUMNS = {
    "value": gettext_lazy("Value"),
    "trainings": gettext_lazy("Training sessions"),
    "seminars": gettext_lazy("Seminars"),
    "participants": gettext_lazy("Participants"),
    "participations": gettext_lazy("Participations"),
    "responses": gettext_lazy("Survey responses"),
    "satisfaction_percent": gettext_lazy("Satisfaction (%)"),
    "countries": gettext_lazy("Countries"),
}


@dataclass
class Table:
    """One table of the report: rows of (key, label, values), `key` stable across
    languages (a year, a theme's slug, an ISO code, a choice's value), `label` readable."""

    name: str
    title: str
    heading: str  # of the label column
    figures: list[str]
    rows: list[tuple[str, str, list]]

    @property
    def headings(self) -> list[str]:
        return [self.heading, *(str(COLUMNS[figure]) for figure in self.figures)]


def report_tables(report: Report) -> list[Table]:
    """The headline and every breakdown, in the active language."""
    return [
        Table(
            "headline",
            _("Headline figures"),
            _("Figure"),
            ["value"],
            [
                (name, str(FIGURES[name]), [value])
                for name, value in headline_figures(report.headline)
            ],
        ),
        Table(
            "by_year",
            _("By year"),
            _("Year"),
            ["trainings", "seminars", "participants", "participations"],
            [
                (
                    str(row.year),
                    str(row.year),
                    [row.trainings, row.seminars, row.participants, row.participations],
                )
                for row in report.years
            ],
        ),
        Table(
            "by_theme",
            _("By theme"),
            _("Theme"),
            ["trainings", "participations", "responses", "satisfaction_percent"],
            [
                (
                    row.theme.slug,
                    row.title,
                    [row.trainings, row.participations, row.responses, row.satisfaction_percent],
                )
                for row in report.themes
            ],
        ),
        Table(
            "by_region",
            _("By world region"),
            _("Region"),
            ["participants", "countries"],
            [(row.key, row.name, [row.participants, row.countries]) for row in report.regions],
        ),
        Table(
            "by_country",
            _("By country"),
            _("Country or region"),
            ["participants"],
            [(row.key, row.name, [row.participants]) for row in report.countries],
        ),
        Table(
            "gender",
            _("Gender"),
            _("Gender"),
            ["participants"],
            [(row.gender, row.label, [row.participants]) for row in report.genders],
        ),
        Table(
            "by_mode",
            _("By mode"),
            _("Mode"),
            ["trainings"],
            [(value, label, [count]) for value, label, count in report.modes],
        ),
    ]


def filename(filters: ReportFilters, extension: str, *, stem: str = "report") -> str:
    period = "-".join(day.isoformat() for day in (filters.start, filters.end) if day)
    return f"{stem}-{period or 'all'}.{extension}"


# --- the files ----------------------------------------------------------------------------

TIDY_HEADER = ["table", "key", "label", "figure", "value"]


def tidy_rows(report: Report) -> Iterator[list]:
    """One figure per row: table, key, label, figure, value. The headline's rows have no
    key, the figure's name as label; a percentage that cannot be computed is empty."""
    for table in report_tables(report):
        for key, label, values in table.rows:
            for figure, value in zip(table.figures, values, strict=True):
                if table.name == "headline":
                    yield [table.name, "", label, key, value]
                else:
                    yield [table.name, key, label, figure, value]


def report_csv_response(report: Report) -> StreamingHttpResponse:
    return csv_response(TIDY_HEADER, tidy_rows(report), filename=filename(report.filters, "csv"))


def report_sheets(report: Report) -> Iterator[Sheet]:
    """One sheet per table; a percentage shows one decimal."""
    for table in report_tables(report):
        rows = ([label, *(_cell(value) for value in values)] for _key, label, values in table.rows)
        yield Sheet(table.title, table.headings, rows)


def report_workbook(report: Report, destination) -> None:
    write_xlsx(destination, report_sheets(report))


def report_xlsx_response(report: Report) -> FileResponse:
    return xlsx_response(report_sheets(report), filename=filename(report.filters, "xlsx"))


def _cell(value):
    if isinstance(value, float):  # the percentages, to one decimal
        return Cell(value, "0.0")
    return value


# --- one row per session ------------------------------------------------------------------


def session_headers() -> list[str]:
    return [
        _("Session"),
        _("Starts"),
        _("Ends"),
        _("Course"),
        _("Theme"),
        _("Kind"),
        _("Mode"),
        _("Country"),
        _("City"),
        _("Platform"),
        _("Participations"),
        _("Survey responses"),
        _("Satisfaction (%)"),
        _("Certificates issued"),
    ]


def session_rows(filters: ReportFilters, *, language: str) -> Iterator[list]:
    """Every held session of the scope with its counts, read in chunks of CHUNK_SIZE, so
    memory stays flat however long the period; a session's counts are subqueries, not a
    Python loop over its enrollments."""
    themes = _theme_titles(language)
    kinds, modes = dict(SessionKind.choices), dict(SessionMode.choices)
    sessions = (
        selectors.held_sessions(filters)
        .annotate(
            theme_path=selectors.theme_path(),
            participations=_count_of(_participations(filters)),
            responses=_response_count(filters, Q()),
            rated=_response_count(filters, scales.rated()),
            satisfied=_response_count(filters, scales.satisfied()),
            certificates=_count_of(
                Certificate.objects.filter(
                    revoked_at__isnull=True, enrollment__session=OuterRef("pk")
                ).filter(filters.learner_q("enrollment__user__")),
                "enrollment__session",
            ),
        )
        .order_by("starts_at", "pk")
        .values(
            "pk",
            "starts_at",
            "ends_at",
            "course__title",
            "theme_path",
            "kind",
            "mode",
            "country",
            "city",
            "site__hostname",
            "participations",
            "responses",
            "rated",
            "satisfied",
            "certificates",
        )
    )
    blind = filters.by_learner_place  # anonymous answers have no country: no rate
    for row in sessions.iterator(chunk_size=CHUNK_SIZE):
        yield [
            row["pk"],
            row["starts_at"].date().isoformat(),
            row["ends_at"].date().isoformat(),
            row["course__title"],
            themes.get(row["theme_path"], ""),
            str(kinds.get(row["kind"], row["kind"])),
            str(modes.get(row["mode"], row["mode"])),
            row["country"],
            row["city"],
            row["site__hostname"],
            row["participations"],
            "" if blind else row["responses"],
            "" if blind else selectors.percent(row["satisfied"], row["rated"]),
            row["certificates"],
        ]


def sessions_csv_response(filters: ReportFilters, *, language: str) -> StreamingHttpResponse:
    return csv_response(
        session_headers(),
        session_rows(filters, language=language),
        filename=filename(filters, "csv", stem="sessions"),
    )


def sessions_sheet(filters: ReportFilters, *, language: str) -> Sheet:
    return Sheet(_("Sessions"), session_headers(), session_rows(filters, language=language))


def sessions_workbook(filters: ReportFilters, destination, *, language: str) -> None:
    write_xlsx(destination, [sessions_sheet(filters, language=language)])


def sessions_xlsx_response(filters: ReportFilters, *, language: str) -> FileResponse:
    return xlsx_response(
        [sessions_sheet(filters, language=language)],
        filename=filename(filters, "xlsx", stem="sessions"),
    )


def _participations(filters: ReportFilters):
    attended = Attendance.objects.filter(enrollment=OuterRef("pk"))
    return Enrollment.objects.filter(
        Exists(attended), filters.learner_q("user__"), session=OuterRef("pk")
    )


def _count_of(queryset, group: str = "session"):
    """The number of rows of `queryset` (already tied to the outer session) as a
    subquery, 0 when there are none."""
    counted = queryset.order_by().values(group).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _response_count(filters: ReportFilters, condition: Q):
    responses = SurveyResponse.objects.filter(condition, session=OuterRef("pk"))
    return _count_of(responses)


def _theme_titles(language: str) -> dict[str, str]:
    """Each theme's tree path (in every language) to its title in `language`."""
    themes = list(with_language(ThemePage.objects.all()))
    readable = {page.translation_key: page.title for page in localize(themes, language)}
    return {page.path: readable[page.translation_key] for page in themes}
