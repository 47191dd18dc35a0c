"""The dashboard's SVG charts, from reports built by hand (no database): well-formed,
accessible, escaped, mirrored in right-to-left languages, each with its table."""

import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest

from reporting import charts
from reporting.exports import Report
from reporting.filters import ReportFilters
from reporting.selectors import GenderRow, Headline, PlaceRow, ThemeRow, YearRow

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert("x")</script> & Co'


def theme(title, participations, rated=0, satisfied=0):
    page = SimpleNamespace(title=title, slug=title.lower())
    return ThemeRow(
        page,
        trainings=1,
        participations=participations,
        responses=rated,
        rated=rated,
        satisfied=satisfied,
    )


def sample(filters=None) -> Report:
    return Report(
        filters=filters or ReportFilters(),
        language="en",
        headline=Headline(),
        years=[YearRow(2019, 3, 1, 120, 130), YearRow(2020, 4, 2, 60, 61)],
        themes=[
            theme("Water", 100, rated=10, satisfied=9),
            theme(HOSTILE, 50, rated=4, satisfied=2),
        ],
        regions=[PlaceRow("africa", "Africa", 80, 12), PlaceRow("asia", "Asia", 40, 5)],
        genders=[
            GenderRow("woman", "Woman", 35),
            GenderRow("man", "Man", 60),
            GenderRow("another", "Another description", 0),
            GenderRow("unstated", "Prefer not to say", 5),
        ],
    )


def parse(chart) -> ET.Element:
    return ET.fromstring(str(chart.svg))  # noqa: S314 (our own markup)


def rects(chart) -> list[ET.Element]:
    return [
        rect for rect in parse(chart).iter(f"{SVG}rect") if rect.find(f"{SVG}title") is not None
    ]


def test_five_charts_each_an_accessible_image_with_a_table():
    drawn = charts.dashboard_charts(sample(), rtl=False)
    assert [chart.id for chart in drawn] == [
        "chart-trend",
        "chart-themes",
        "chart-regions",
        "chart-gender",
        "chart-satisfaction",
    ]
    for chart in drawn:
        svg = parse(chart)  # well-formed XML
        assert svg.get("role") == "img"
        assert svg.get("aria-labelledby") == f"{chart.id}-title {chart.id}-desc"
        assert svg.find(f"{SVG}title").get("id") == f"{chart.id}-title"
        assert svg.find(f"{SVG}title").text == chart.title
        assert svg.find(f"{SVG}desc").get("id") == f"{chart.id}-desc"
        assert chart.rows and all(len(row) == len(chart.headings) for row in chart.rows)


def test_trend_by_year_bars_and_table():
    chart = charts.trend_chart(sample())
    assert chart.rows == [["2019", "3", "1", "120", "130"], ["2020", "4", "2", "60", "61"]]
    tall = [float(rect.get("height")) for rect in rects(chart)]
    assert tall[0] == pytest.approx(2 * tall[1])
    assert "2019: 120" in parse(chart).find(f"{SVG}desc").text


def test_labels_are_escaped():
    """A theme's title is text, never markup, in the chart and its description."""
    for chart in (charts.theme_chart(sample()), charts.satisfaction_chart(sample())):
        markup = str(chart.svg)
        assert "<script>" not in markup
        assert "&lt;script&gt;" in markup
        assert "&amp; Co" in markup
        titles = [text.text for text in parse(chart).iter(f"{SVG}title")]
        assert any(HOSTILE in (title or "") for title in titles)  # the text, unescaped


def test_theme_bars_are_proportional_and_mirrored_in_arabic():
    """Bars grow from the reading start: from the left in English, the right in Arabic."""
    ltr = [(float(r.get("x")), float(r.get("width"))) for r in rects(charts.theme_chart(sample()))]
    rtl = [
        (float(r.get("x")), float(r.get("width")))
        for r in rects(charts.theme_chart(sample(), rtl=True))
    ]
    assert ltr[0][1] == pytest.approx(2 * ltr[1][1])
    assert ltr[0][0] == ltr[1][0]  # aligned on the left
    assert [width for _x, width in rtl] == [width for _x, width in ltr]
    for (x_ltr, width), (x_rtl, _width) in zip(ltr, rtl, strict=True):
        assert x_rtl == pytest.approx(charts.WIDTH - x_ltr - width)  # aligned on the right
    assert parse(charts.theme_chart(sample(), rtl=True)).get("direction") == "rtl"
    assert parse(charts.theme_chart(sample())).get("direction") == "ltr"


def test_columns_in_arabic_start_on_the_right():
    ltr = [float(r.get("x")) for r in rects(charts.region_chart(sample()))]
    rtl = [float(r.get("x")) for r in rects(charts.region_chart(sample(), rtl=True))]
    assert ltr[0] < ltr[1]
    assert rtl[0] > rtl[1]


def test_satisfaction_is_on_a_scale_of_a_hundred():
    chart = charts.satisfaction_chart(sample())
    water, hostile = rects(chart)  # 90% and 50%, most satisfied first
    assert float(water.get("width")) == pytest.approx(0.9 * 2 * float(hostile.get("width")))
    assert chart.rows[0] == ["Water", "10", "90.0%"]
    labels = [text.text for text in parse(chart).iter(f"{SVG}text")]
    assert {"0%", "50%", "100%"} <= set(labels)


def test_no_satisfaction_chart_by_learner_country():
    chart = charts.satisfaction_chart(sample(ReportFilters(country="KE")))
    assert chart.is_empty
    assert str(chart.svg) == ""
    assert "anonymous" in chart.empty_message


def test_gender_split_is_one_bar_of_shares():
    chart = charts.gender_chart(sample())
    widths = [float(rect.get("width")) for rect in rects(chart)]
    assert sum(widths) == pytest.approx(charts.WIDTH - 16, abs=0.5)
    assert len(widths) == 3  # nobody chose "another description": no slice, still a row
    assert chart.rows[2] == ["Another description", "0", "0.0%"]
    assert chart.rows[0] == ["Woman", "35", "35.0%"]


def test_an_empty_report_draws_nothing():
    for chart in charts.dashboard_charts(sample_empty()):
        assert chart.is_empty
        assert str(chart.svg) == ""


def sample_empty() -> Report:
    return Report(filters=ReportFilters(), language="en", genders=[GenderRow("woman", "Woman", 0)])


def test_long_labels_are_shortened_with_the_whole_in_a_tooltip():
    title = "Remote sensing for disaster risk reduction in coastal cities"
    report = sample()
    report.themes = [theme(title, 10)]
    svg = parse(charts.theme_chart(report))
    label = next(text for text in svg.iter(f"{SVG}text") if text.find(f"{SVG}title") is not None)
    assert label.find(f"{SVG}title").text == title
    assert "".join(label.itertext()).endswith("…")
