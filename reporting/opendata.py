"""The public figures: the centre's aggregates with small cells withheld, as the impact page
shows them and as open data files (CSV and JSON) under CC BY 4.0."""

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.http import HttpResponse
from django.utils import timezone, translation

from cms import exporting
from enrollment.models import Gender
from reporting import dictionary, selectors
from reporting.filters import ReportFilters
from reporting.suppression import (
    is_suppressed,
    min_cell,
    suppress_column,
    suppress_count,
    suppress_share,
)


@dataclass
class Row:
    """One row of a breakdown: what tells it apart, its name for readers, its figures."""

    key: str | int
    label: str
    values: dict = dataclasses.field(default_factory=dict)


@dataclass
class PublicFigures:
    """Everything an impact page publishes, already suppressed: plain data that can be
    cached, rendered or written to a file without another query."""

    start: date | None
    end: date | None
    threshold: int
    language: str
    generated: datetime
    headline: dict = dataclasses.field(default_factory=dict)
    tables: dict[str, list[Row]] = dataclasses.field(default_factory=dict)

    @property
    def period(self) -> str:
        """The period as an ISO 8601 interval, ".." for an open end."""
        start = self.start.isoformat() if self.start else ".."
        end = self.end.isoformat() if self.end else ".."
        return f"{start}/{end}"

    @property
    def is_empty(self) -> bool:
        return not any(self.tables.values())


def public_figures(
    filters: ReportFilters, *, language: str, threshold: int | None = None
) -> PublicFigures:
    """The figures of `filters` with small cells withheld; labels in `language`."""
    threshold = min_cell() if threshold is None else threshold
    with translation.override(language):
        head = selectors.headline(filters)
        genders = selectors.gender_split(filters)
        figures = PublicFigures(
            start=filters.start,
            end=filters.end,
            threshold=threshold,
            language=language,
            generated=timezone.now(),
        )
        gender_rows = _by_gender(genders, threshold)
        figures.headline = _headline(head, genders, gender_rows, threshold)
        figures.tables = {
            "by_year": _by_year(selectors.by_year(filters), threshold),
            "by_theme": _by_theme(selectors.by_theme(filters, language), threshold),
            "by_region": _by_region(selectors.by_region(filters), threshold),
            "by_gender": gender_rows,
        }
    return figures


def _headline(head, genders, gender_rows: list[Row], threshold: int) -> dict:
    cells = {row.key: row.values["participants"] for row in gender_rows}
    counted = sum(row.participants for row in genders)
    shares = {
        "women_percent": {"base": head.gender_stated, "part": cells.get(Gender.WOMAN, 0)},
        "gender_unstated_percent": {"base": counted, "part": cells.get(Gender.UNSTATED, 0)},
        "satisfaction_percent": {"base": head.rated},
        "response_percent": {"base": head.participations, "part": head.responses},
        "completion_percent": {"base": head.seated},
    }
    figures = {}
    for field in dictionary.HEADLINE.fields:
        value = getattr(head, field.name)
        if field.is_percent:
            value = suppress_share(value, threshold=threshold, **shares[field.name])
        elif field.counts_people:
            value = suppress_count(value, threshold=threshold)
        figures[field.name] = value
    return figures


def _rows(table, records, keys, labels, threshold, options=None) -> list[Row]:
    """Rows of `table`: counts of people suppressed column by column (with `options` for
    suppress_column), counts of activity as they are; percentages are left to the caller."""
    options = options or {}
    rows = [Row(key, label) for key, label in zip(keys, labels, strict=True)]
    for field in table.fields:
        if field.is_percent:
            continue
        values = [getattr(record, field.name) for record in records]
        if field.counts_people:
            values = suppress_column(values, threshold=threshold, **options.get(field.name, {}))
        for row, value in zip(rows, values, strict=True):
            row.values[field.name] = value
    return rows


def _by_year(records, threshold: int) -> list[Row]:
    years = [record.year for record in records]
    return _rows(dictionary.BY_YEAR, records, years, [str(year) for year in years], threshold)


def _by_theme(records, threshold: int) -> list[Row]:
    rows = _rows(
        dictionary.BY_THEME,
        records,
        [record.theme.slug for record in records],
        [record.title for record in records],
        threshold,
    )
    for row, record in zip(rows, records, strict=True):
        row.values["satisfaction_percent"] = suppress_share(
            record.satisfaction_percent, base=record.rated, threshold=threshold
        )
    return rows


def _by_region(records, threshold: int) -> list[Row]:
    return _rows(
        dictionary.BY_REGION,
        records,
        [record.key for record in records],
        [record.name for record in records],
        threshold,
    )


def _by_gender(records, threshold: int) -> list[Row]:
    """Two totals can be known here: every consenting participant (from the share who did
    not state a gender) and those who stated one (from the share of women); the cells the
    headline shares rest on are the last taken as complements, so the shares stay."""
    if not any(record.participants for record in records):
        return []  # nobody took part: no breakdown, as for years, themes and regions
    genders = [record.gender for record in records]
    stated = [index for index, gender in enumerate(genders) if gender != Gender.UNSTATED]
    keep = [genders.index(Gender.WOMAN), genders.index(Gender.UNSTATED)]
    return _rows(
        dictionary.BY_GENDER,
        records,
        genders,
        [record.label for record in records],
        threshold,
        {"participants": {"groups": [range(len(records)), stated], "keep": keep}},
    )


# --- the files ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Metadata:
    """What a file says about itself, besides the figures (see dictionary.METADATA)."""

    title: str
    url: str
    attribution: str
    dictionary: str
    theme: str = ""
    platform: str = ""


def metadata_values(figures: PublicFigures, meta: Metadata) -> dict:
    """The values of dictionary.METADATA, in its order."""
    values = {
        "title": meta.title,
        "url": meta.url,
        "language": figures.language,
        "period": figures.period,
        "theme": meta.theme,
        "platform": meta.platform,
        "threshold": figures.threshold,
        "suppression": str(dictionary.SUPPRESSION) % {"threshold": figures.threshold},
        "license": dictionary.LICENSE_URL,
        "license_name": dictionary.LICENSE_NAME,
        "attribution": meta.attribution,
        "generated": figures.generated.astimezone(UTC).isoformat(timespec="seconds"),
        "dictionary": meta.dictionary,
    }
    return {field.name: values[field.name] for field in dictionary.METADATA}


def as_json(figures: PublicFigures, meta: Metadata) -> dict:
    """The JSON document: metadata, then each table; a withheld figure is null and named,
    with its reason, in its row's `suppressed`."""
    document = metadata_values(figures, meta)
    document["headline"] = _json_values(dictionary.HEADLINE, figures.headline)
    for table in dictionary.BREAKDOWNS:
        document[table.name] = [
            {"key": row.key, "label": row.label, **_json_values(table, row.values)}
            for row in figures.tables.get(table.name, [])
        ]
    return document


def _json_values(table, values: dict) -> dict:
    out, suppressed = {}, {}
    for field in table.fields:
        value = values.get(field.name)
        if is_suppressed(value):
            suppressed[field.name] = value.reason
            value = None
        out[field.name] = value
    out["suppressed"] = suppressed
    return out


def csv_headers() -> list[str]:
    return [column.name for column in dictionary.CSV_COLUMNS]


def csv_rows(figures: PublicFigures, meta: Metadata) -> Iterator[list]:
    """The CSV's rows after its header (dictionary.CSV_COLUMNS): the metadata lines
    (licence first among them, after the title), then one line per published figure."""
    for name, value in metadata_values(figures, meta).items():
        label = str(next(field.label for field in dictionary.METADATA if field.name == name))
        yield ["metadata", "", label, name, value, "", ""]
    for field in dictionary.HEADLINE.fields:
        yield ["headline", "", str(field.label), *_cell(field, figures.headline.get(field.name))]
    for table in dictionary.BREAKDOWNS:
        for row in figures.tables.get(table.name, []):
            for field in table.fields:
                yield [table.name, row.key, row.label, *_cell(field, row.values[field.name])]


def _cell(field, value) -> list:
    if is_suppressed(value):
        return [field.name, "", field.unit, value.reason]
    return [field.name, "" if value is None else value, field.unit, ""]


def csv_file_response(figures: PublicFigures, meta: Metadata, *, filename: str) -> HttpResponse:
    """The whole CSV (a few hundred lines at most), sent in one piece."""
    return exporting.csv_file_response(csv_headers(), csv_rows(figures, meta), filename=filename)
