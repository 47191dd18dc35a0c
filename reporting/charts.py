"""The dashboard's charts as server-side SVG (no script, nothing from the internet): trend by
year, participations by theme, participants by region, gender split and satisfaction by
theme. Each chart is an image with a title and a description for screen readers and comes
with the table of its figures; in a right-to-left language the charts are mirrored."""

from dataclasses import dataclass, field

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_bidi, pgettext
from django.utils.translation import gettext as _

from reporting.exports import Report
from reporting.text import format_number, format_percent

WIDTH = 640
BAR_COLOUR = "#0072b2"
# Okabe and Ito's palette: told apart by people with any common colour blindness.
PALETTE = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00")
LABEL_CHARACTERS = 30
NO_IMAGE = mark_safe("")


@dataclass
class Chart:
    """An SVG image and the table that says the same in words and numbers."""

    id: str
    title: str
    svg: SafeString = NO_IMAGE
    headings: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    empty_message: str = ""  # why there is nothing to draw, when there is a reason

    @property
    def is_empty(self) -> bool:
        return not self.rows


def dashboard_charts(report: Report, *, rtl: bool | None = None) -> list[Chart]:
    rtl = get_language_bidi() if rtl is None else rtl
    return [
        trend_chart(report, rtl=rtl),
        theme_chart(report, rtl=rtl),
        region_chart(report, rtl=rtl),
        gender_chart(report, rtl=rtl),
        satisfaction_chart(report, rtl=rtl),
    ]


# --- the five charts ----------------------------------------------------------------------


def trend_chart(report: Report, *, rtl: bool = False) -> Chart:
    chart = Chart("chart-trend", _("Participants by year"))
    chart.headings = [
        _("Year"),
        _("Training sessions"),
        _("Seminars"),
        _("Participants"),
        _("Participations"),
    ]
    chart.rows = [
        [
            str(row.year),
            *map(
                format_number, (row.trainings, row.seminars, row.participants, row.participations)
            ),
        ]
        for row in report.years
    ]
    items = [
        (str(row.year), row.participants, format_number(row.participants)) for row in report.years
    ]
    chart.svg = column_svg(chart, items, rtl=rtl)
    return chart


def theme_chart(report: Report, *, rtl: bool = False) -> Chart:
    chart = Chart("chart-themes", _("Participations by theme"))
    chart.headings = [_("Theme"), _("Training sessions"), _("Participations")]
    chart.rows = [
        [row.title, format_number(row.trainings), format_number(row.participations)]
        for row in report.themes
    ]
    items = [
        (row.title, row.participations, format_number(row.participations)) for row in report.themes
    ]
    chart.svg = bar_svg(chart, items, rtl=rtl)
    return chart


def region_chart(report: Report, *, rtl: bool = False) -> Chart:
    chart = Chart("chart-regions", _("Participants by world region"))
    chart.headings = [_("Region"), _("Participants"), _("Countries")]
    chart.rows = [
        [row.name, format_number(row.participants), format_number(row.countries)]
        for row in report.regions
    ]
    items = [
        (row.name, row.participants, format_number(row.participants)) for row in report.regions
    ]
    chart.svg = column_svg(chart, items, rtl=rtl)
    return chart


def gender_chart(report: Report, *, rtl: bool = False) -> Chart:
    chart = Chart("chart-gender", _("Participants by gender"))
    chart.headings = [_("Gender"), _("Participants"), pgettext("proportion of a total", "Share")]
    total = sum(row.participants for row in report.genders)
    if not total:
        return chart
    chart.rows = [
        [
            row.label,
            format_number(row.participants),
            format_percent(100 * row.participants / total, precise=True),
        ]
        for row in report.genders
    ]
    items = [
        (row.label, row.participants, format_percent(100 * row.participants / total))
        for row in report.genders
    ]
    chart.svg = stacked_svg(chart, items, rtl=rtl)
    return chart


def satisfaction_chart(report: Report, *, rtl: bool = False) -> Chart:
    chart = Chart("chart-satisfaction", _("Satisfaction by theme"))
    chart.headings = [_("Theme"), _("Survey responses"), _("Satisfaction")]
    if report.filters.by_learner_place:
        chart.empty_message = _(
            "No satisfaction rate by the learners' country or region: survey answers are anonymous."
        )
        return chart
    rated = [row for row in report.themes if row.satisfaction_percent is not None]
    chart.rows = [
        [
            row.title,
            format_number(row.responses),
            format_percent(row.satisfaction_percent, precise=True),
        ]
        for row in sorted(rated, key=lambda row: -row.satisfaction_percent)
    ]
    items = [
        (row.title, row.satisfaction_percent, format_percent(row.satisfaction_percent))
        for row in sorted(rated, key=lambda row: -row.satisfaction_percent)
    ]
    chart.svg = bar_svg(chart, items, rtl=rtl, maximum=100, ticks=(0, 50, 100))
    return chart


# --- drawing ------------------------------------------------------------------------------


class _Canvas:
    """Coordinates drawn left to right, mirrored for a right-to-left language; text
    anchors are logical (start, end) and follow the direction the SVG declares."""

    def __init__(self, rtl: bool):
        self.rtl = rtl

    def x(self, x: float) -> float:
        return round(WIDTH - x if self.rtl else x, 1)

    def span(self, x: float, width: float) -> float:
        """The left edge of a shape drawn from `x` over `width` in reading order."""
        return round(WIDTH - x - width if self.rtl else x, 1)


def column_svg(chart: Chart, items: list[tuple[str, float, str]], *, rtl: bool) -> SafeString:
    """Vertical bars, one per item, value above and label below; first item at the
    reading start."""
    if not items:
        return NO_IMAGE
    canvas, height, top, bottom = _Canvas(rtl), 240, 20, 200
    largest = max(value for _label, value, _text in items) or 1
    slot = (WIDTH - 16) / len(items)
    bar = min(56, slot * 0.7)
    shapes = []
    for index, (label, value, text) in enumerate(items):
        centre = canvas.x(8 + slot * (index + 0.5))
        tall = (bottom - top) * value / largest
        shapes.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}</title>'
                "</rect>"
                '<text x="{}" y="{}" text-anchor="middle">{}</text>'
                '<text x="{}" y="{}" text-anchor="middle">{}</text>',
                round(centre - bar / 2, 1),
                round(bottom - tall, 1),
                round(bar, 1),
                round(tall, 1),
                BAR_COLOUR,
                label,
                text,
                centre,
                round(bottom - tall - 6, 1),
                text,
                centre,
                bottom + 18,
                _short(label, max(6, int(slot / 7))),
            )
        )
    baseline = format_html(
        '<line x1="8" x2="{}" y1="{}" y2="{}" stroke="currentColor" stroke-opacity="0.4"/>',
        WIDTH - 8,
        bottom,
        bottom,
    )
    return _svg(chart, height, [baseline, *shapes], rtl=rtl, items=items)


def bar_svg(
    chart: Chart,
    items: list[tuple[str, float, str]],
    *,
    rtl: bool,
    maximum: float | None = None,
    ticks: tuple = (),
) -> SafeString:
    """Horizontal bars, label at the reading start, value past the bar's end."""
    if not items:
        return NO_IMAGE
    canvas = _Canvas(rtl)
    label_end, bars_start, bars_end, row, top = 200, 208, WIDTH - 64, 26, 8
    largest = maximum or max(value for _label, value, _text in items) or 1
    span = bars_end - bars_start
    shapes = []
    for index, (label, value, text) in enumerate(items):
        y = top + index * row
        length = round(span * min(value, largest) / largest, 1)
        shapes.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" dy="0.35em"><title>{}</title>{}</text>'
                '<rect x="{}" y="{}" width="{}" height="18" fill="{}"><title>{}: {}</title>'
                "</rect>"
                '<text x="{}" y="{}" text-anchor="start" dy="0.35em">{}</text>',
                canvas.x(label_end),
                y + 9,
                label,
                _short(label, LABEL_CHARACTERS),
                canvas.span(bars_start, length),
                y,
                length,
                BAR_COLOUR,
                label,
                text,
                canvas.x(bars_start + length + 6),
                y + 9,
                text,
            )
        )
    height = top + len(items) * row + (24 if ticks else 4)
    for tick in ticks:
        x = canvas.x(bars_start + span * tick / largest)
        shapes.insert(
            0,
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="currentColor" '
                'stroke-opacity="0.25"/><text x="{}" y="{}" text-anchor="middle">{}</text>',
                x,
                x,
                top - 4,
                height - 20,
                x,
                height - 6,
                format_percent(tick),
            ),
        )
    return _svg(chart, height, shapes, rtl=rtl, items=items)


def stacked_svg(chart: Chart, items: list[tuple[str, float, str]], *, rtl: bool) -> SafeString:
    """One bar split in shares, with a legend of colours, labels and percentages."""
    total = sum(value for _label, value, _text in items)
    if not total:
        return NO_IMAGE
    canvas, start, span, shapes, offset = _Canvas(rtl), 8, WIDTH - 16, [], 0.0
    for index, (label, value, text) in enumerate(items):
        width = round(span * value / total, 1)
        colour = PALETTE[index % len(PALETTE)]
        if width:
            shapes.append(
                format_html(
                    '<rect x="{}" y="8" width="{}" height="32" fill="{}"><title>{}: {}</title>'
                    "</rect>",
                    canvas.span(start + offset, width),
                    width,
                    colour,
                    label,
                    text,
                )
            )
        offset += width
        y = 60 + index * 22
        shapes.append(
            format_html(
                '<rect x="{}" y="{}" width="14" height="14" fill="{}"/>'
                '<text x="{}" y="{}" text-anchor="start" dy="0.35em">{}: {}</text>',
                canvas.span(start, 14),
                y - 7,
                colour,
                canvas.x(start + 22),
                y,
                label,
                text,
            )
        )
    return _svg(chart, 60 + len(items) * 22, shapes, rtl=rtl, items=items)


def _svg(chart: Chart, height: int, shapes: list, *, rtl: bool, items) -> SafeString:
    description = _("Values: %(values)s.") % {
        "values": "; ".join(
            _("%(label)s: %(value)s") % {"label": label, "value": text}
            for label, _value, text in items
        )
    }
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" viewBox="0 0 {} {}" '
        'role="img" aria-labelledby="{}-title {}-desc" direction="{}" font-size="12" '
        'fill="currentColor"><title id="{}-title">{}</title><desc id="{}-desc">{}</desc>'
        "{}</svg>",
        WIDTH,
        height,
        chart.id,
        chart.id,
        "rtl" if rtl else "ltr",
        chart.id,
        chart.title,
        chart.id,
        description,
        format_html_join("", "{}", ((shape,) for shape in shapes)),
    )


def _short(label: str, length: int) -> str:
    return label if len(label) <= length else label[: length - 1].rstrip() + "…"
