"""What the public sees: the impact page's figures, charts and tables, its open data files
(CSV and JSON, one pair per impact page: no filter a reader could combine to single
someone out) and the data dictionary."""

from dataclasses import dataclass, field

from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import get_language_bidi, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from cms.page_cache import public_page
from reporting import charts, dictionary
from reporting.models import ImpactPage
from reporting.opendata import Metadata, PublicFigures, as_json, csv_file_response
from reporting.suppression import display, is_suppressed, min_cell

# Open data is meant to be fetched from anywhere; it holds nothing private.
OPEN_HEADERS = {"Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=600"}


# --- the impact page ----------------------------------------------------------------------


@dataclass
class Cell:
    text: str
    suppressed: bool = False


@dataclass
class Figure:
    name: str
    label: str
    cell: Cell


@dataclass
class DisplayTable:
    """A breakdown as the page shows it: a caption, headings, rows of formatted cells, and
    the chart drawn from it (the table is the chart's text alternative)."""

    name: str
    title: str
    description: str
    key_label: str
    columns: list[dictionary.Field]
    rows: list[tuple[str, list[Cell]]] = field(default_factory=list)
    charts: list = field(default_factory=list)  # SVG images, safe markup


# The charts drawn from each breakdown: the figure, its title, how it is drawn.
CHARTS = {
    "by_year": [("participants", gettext_lazy("Participants by year"), charts.column_svg, {})],
    "by_theme": [
        ("participations", gettext_lazy("Participations by theme"), charts.bar_svg, {}),
        (
            "satisfaction_percent",
            gettext_lazy("Satisfaction by theme"),
            charts.bar_svg,
            {"maximum": 100, "ticks": (0, 50, 100)},
        ),
    ],
    "by_region": [
        ("participants", gettext_lazy("Participants by world region"), charts.bar_svg, {})
    ],
    "by_gender": [("participants", gettext_lazy("Participants by gender"), charts.column_svg, {})],
}


def table_charts(table: dictionary.Table, rows) -> list:
    """The table's charts as SVG. A withheld figure is drawn as an empty bar labelled as
    the table reads ("fewer than 10"), never at its real size; a missing one is left out."""
    images = []
    for name, title, draw, options in CHARTS.get(table.name, []):
        column = table.field(name)
        items = [
            (
                row.label,
                0 if is_suppressed(row.values[name]) else row.values[name],
                display(row.values[name], percent=column.is_percent),
            )
            for row in rows
            if row.values[name] is not None
        ]
        chart = charts.Chart(f"impact-{table.name}-{name}", str(title))
        image = draw(chart, items, rtl=get_language_bidi(), **options)
        if image:
            images.append(image)
    return images


def cell(value, field: dictionary.Field) -> Cell:
    return Cell(display(value, percent=field.is_percent), is_suppressed(value))


def headline_figures(figures: PublicFigures) -> list[Figure]:
    """The headline figures in the dictionary's order, leaving out those that do not exist
    for the period (a satisfaction rate without any response)."""
    return [
        Figure(field.name, str(field.label), cell(figures.headline[field.name], field))
        for field in dictionary.HEADLINE.fields
        if figures.headline.get(field.name) is not None
    ]


def display_tables(figures: PublicFigures) -> list[DisplayTable]:
    tables = []
    for table in dictionary.BREAKDOWNS:
        rows = figures.tables.get(table.name, [])
        if not rows:
            continue
        shown = DisplayTable(
            name=table.name,
            title=str(table.title),
            description=str(table.description),
            key_label=str(table.key.label),
            columns=list(table.fields),
        )
        shown.rows = [
            (row.label, [cell(row.values[column.name], column) for column in table.fields])
            for row in rows
        ]
        shown.charts = table_charts(table, rows)
        tables.append(shown)
    return tables


def period_text(figures: PublicFigures) -> str:
    start, end = figures.start, figures.end
    if start and end:
        if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
            if start.year == end.year:
                return _("In %(year)s") % {"year": start.year}
            return _("From %(first)s to %(last)s") % {"first": start.year, "last": end.year}
        return _("From %(first)s to %(last)s") % {
            "first": date_format(start),
            "last": date_format(end),
        }
    if start:
        return _("Since %(first)s") % {"first": date_format(start)}
    if end:
        return _("Up to %(last)s") % {"last": date_format(end)}
    return _("Since the first session")


def downloads(page: ImpactPage) -> dict[str, str]:
    return {
        "csv": reverse("reporting:impact_csv", kwargs={"page_id": page.pk}),
        "json": reverse("reporting:impact_json", kwargs={"page_id": page.pk}),
        "dictionary": reverse("reporting:dictionary"),
        "dictionary_json": reverse("reporting:dictionary_json"),
    }


def impact_page_context(page: ImpactPage, figures: PublicFigures, request) -> dict:
    return {
        "period": period_text(figures),
        "headline": headline_figures(figures),
        "tables": display_tables(figures),
        "figures": figures,
        "suppression_note": str(dictionary.SUPPRESSION) % {"threshold": figures.threshold},
        "downloads": downloads(page),
        "license_url": dictionary.LICENSE_URL,
        "license_name": dictionary.LICENSE_NAME,
        "theme": page.theme.localized if page.theme_id else None,
    }


# --- open data ------------------------------------------------------------------------------


def open_data_metadata(page: ImpactPage, request) -> Metadata:
    """In the page's language (active while this runs)."""
    url = page.get_full_url(request) or ""
    site = page.get_site()
    publisher = site.root_page.localized.title if site else ""
    return Metadata(
        title=page.title,
        url=url,
        attribution=_("%(publisher)s, “%(title)s”, %(url)s, licensed under %(license)s")
        % {
            "publisher": publisher,
            "title": page.title,
            "url": url,
            "license": dictionary.LICENSE_NAME,
        },
        dictionary=request.build_absolute_uri(reverse("reporting:dictionary_json")),
        theme=page.theme.localized.title if page.theme_id else "",
        platform=page.platform.hostname if page.platform_id else "",
    )


def public_impact_page(page_id: int) -> ImpactPage:
    """A live impact page anyone may read; restricted and draft pages publish no data."""
    return get_object_or_404(
        ImpactPage.objects.live().public().select_related("locale"), pk=page_id
    )


@require_safe
def impact_data(request, page_id: int, file_format: str):
    """The page's figures as a file, in the page's language whatever the address says."""
    page = public_impact_page(page_id)
    with translation.override(page.language):
        figures = page.public_figures()
        meta = open_data_metadata(page, request)
        if file_format == "json":
            response = JsonResponse(
                as_json(figures, meta), json_dumps_params={"ensure_ascii": False, "indent": 2}
            )
        elif file_format == "csv":
            response = csv_file_response(figures, meta, filename=f"{page.slug}-figures.csv")
        else:
            raise Http404
    for name, value in OPEN_HEADERS.items():
        response[name] = value
    return response


@require_safe
@public_page
def data_dictionary(request):
    threshold = min_cell()
    return render(
        request,
        "reporting/public/data_dictionary.html",
        {
            "metadata_fields": dictionary.METADATA,
            "csv_columns": dictionary.CSV_COLUMNS,
            "tables": dictionary.TABLES,
            "suppression_note": str(dictionary.SUPPRESSION) % {"threshold": threshold},
            "license_url": dictionary.LICENSE_URL,
            "license_name": dictionary.LICENSE_NAME,
            "json_url": reverse("reporting:dictionary_json"),
        },
    )


@require_safe
def data_dictionary_json(request):
    document = {"language": translation.get_language(), **dictionary.as_dict(min_cell())}
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 2})
    for name, value in OPEN_HEADERS.items():
        response[name] = value
    return response
