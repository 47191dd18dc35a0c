"""The public impact page: figures on hand-built data with small cells withheld, Arabic
right to left, the period and scope editors choose, and cached figures that a new
publication refreshes.

`impact_centre` (also used by the open data and browser tests), all 2015-2021, threshold 10:

    session  theme   year  participants (all completed)
    s2020    Water   2020  learners 0-19
    s2021    Health  2021  learners 13-24 (7 of them were in s2020 too)

    learners 0-1 gender not stated, 2-13 women, 14-24 men;
    0-14 from KE (Africa), 15-21 from CN (Asia), 22-24 from FR (Europe).
    s2020: 12 responses rating 5, 3 rating 2; s2021: 4 responses rating 4.

So: 25 participants, 32 participations, women 12 of 23 who stated a gender (52.2%),
satisfaction 16 of 19 (84.2%), response rate 19 of 32 (59.4%); 2 trainings, 2 themes,
3 countries, 3 regions, no seminar (published whole: they count activity, not people); no
certificate, expert or audience: "fewer than 10". By gender: men
(11) are withheld as a complement of "another description" (0), so the women's share
cannot give it back; by theme, Water's 15 responses are withheld as a complement of
Health's 4."""

import json
import re
from dataclasses import dataclass, field
from datetime import date
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from cms.factories import StandardPageFactory, translate
from courses.factories import CoursePageFactory, ThemePageFactory
from enrollment.models import EnrollmentStatus, Gender
from reporting.factories import ImpactPageFactory
from reporting.models import ImpactPage
from tests.reporting.factories import held, learner, rated, took_part

pytestmark = pytest.mark.django_db

FEWER = "fewer than 10"


@dataclass
class ImpactCentre:
    themes: dict = field(default_factory=dict)
    sessions: dict = field(default_factory=dict)
    people: list = field(default_factory=list)


def impact_centre(home) -> ImpactCentre:
    """The centre of the module docstring, under `home`."""
    centre = ImpactCentre()
    water = ThemePageFactory(parent=home, title="Water", slug="water")
    health = ThemePageFactory(parent=home, title="Health", slug="health")
    centre.themes = {"water": water, "health": health}
    s2020 = held(CoursePageFactory(parent=water, title="Floods", slug="floods"), year=2020)
    s2021 = held(CoursePageFactory(parent=health, title="Epidemics", slug="epidemics"), year=2021)
    centre.sessions = {"s2020": s2020, "s2021": s2021}
    for number in range(25):
        gender = Gender.UNSTATED if number < 2 else Gender.WOMAN if number < 14 else Gender.MAN
        country = "KE" if number < 15 else "CN" if number < 22 else "FR"
        centre.people.append(learner(country=country, gender=gender))
    done = EnrollmentStatus.COMPLETED
    first = [took_part(s2020, person, status=done) for person in centre.people[:20]]
    second = [took_part(s2021, person, status=done) for person in centre.people[13:]]
    for enrollment in first[:12]:
        rated(enrollment, 5)
    for enrollment in first[12:15]:
        rated(enrollment, 2)
    for enrollment in second[:4]:
        rated(enrollment, 4)
    return centre


@pytest.fixture
def centre(home):
    return impact_centre(home)


def page_html(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def headline(html: str) -> dict[str, str]:
    """The key figures as the reader sees them, by field name."""
    items = re.findall(
        r'<div class="[^"]*" data-field="(\w+)"><dt>[^<]*</dt><dd>([^<]*)</dd></div>', html
    )
    return {name: unescape(value) for name, value in items}


def table_rows(html: str, name: str) -> list[list[str]]:
    """The rows of a breakdown table: the row's name, then its cells."""
    table = html.split(f'data-table="{name}"', 1)[1].split("</table>", 1)[0]
    body = table.split("<tbody>", 1)[1]
    return [
        [unescape(cell) for cell in re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)
    ]


# --- what the page shows --------------------------------------------------------------------


def test_impact_page_shows_the_figures_with_small_counts_withheld(client, home, centre):
    """Participants, participations and shares are published, and so are counts of
    sessions, themes and places; no certificate, expert or audience reads "fewer than 10"."""
    ImpactPageFactory(parent=home)
    html = page_html(client, "/en/impact/")
    assert '<h1 dir="auto">Our impact</h1>' in html
    assert "From 2015 to 2021" in html
    figures = headline(html)
    assert figures["participants"] == "25"
    assert figures["participations"] == "32"
    assert figures["women_percent"] == "52.2%"
    assert figures["satisfaction_percent"] == "84.2%"
    assert figures["response_percent"] == "59.4%"
    assert figures["completion_percent"] == "100%"
    assert [figures[name] for name in ("trainings", "themes", "countries", "regions")] == [
        "2", "2", "3", "3",
    ]  # fmt: skip
    assert figures["seminars"] == "0"
    for name in ("certificates", "experts", "audience"):
        assert figures[name] == FEWER, name
    assert figures["gender_unstated_percent"] == "not shown (fewer than 10 people)"


def test_impact_page_breakdowns_withhold_small_rows_and_their_complements(client, home, centre):
    """By year, theme, region and gender, every count of people below 10 reads "fewer than
    10", and the cell that would give a lone one back by subtraction reads "not shown"."""
    ImpactPageFactory(parent=home)
    html = page_html(client, "/en/impact/")
    assert table_rows(html, "by_year") == [
        ["2020", "1", "0", "20", "20"],
        ["2021", "1", "0", "12", "12"],
    ]
    assert table_rows(html, "by_theme") == [
        ["Water", "1", "20", "not shown", "80%"],
        ["Health", "1", "12", FEWER, "not shown (fewer than 10 people)"],
    ]
    assert table_rows(html, "by_region") == [
        ["Africa", "15", "1"],
        ["Asia", FEWER, "1"],
        ["Europe", FEWER, "1"],
    ]
    assert table_rows(html, "by_gender") == [
        ["Woman", "12"],
        ["Man", "not shown"],
        ["Another description", FEWER],
        ["Prefer not to say", FEWER],
    ]


def test_impact_page_never_prints_a_withheld_number(client, home, centre):
    """The men's 11, Health's 4 responses and Asia's 7 participants appear nowhere (Europe's
    3 is also the number of countries, which is published)."""
    ImpactPageFactory(parent=home)
    html = page_html(client, "/en/impact/")
    figures = html.split('aria-labelledby="impact-headline"', 1)[1]
    text = re.sub(r"<[^>]+>", " ", figures.split('aria-labelledby="impact-data"', 1)[0])
    numbers = set(re.findall(r"\d+(?:[.,]\d+)?", text))
    assert {"11", "4", "7", "15"} & numbers == {"15"}  # 15 only as Africa's count


def test_impact_page_links_to_its_open_data(client, home, centre):
    """The page links to its CSV and JSON, the data dictionary and the CC BY licence."""
    page = ImpactPageFactory(parent=home)
    html = page_html(client, "/en/impact/")
    assert f'href="/en/impact/{page.pk}/data.csv"' in html
    assert f'href="/en/impact/{page.pk}/data.json"' in html
    assert 'href="/en/impact/data-dictionary/"' in html
    assert 'href="https://creativecommons.org/licenses/by/4.0/" rel="license"' in html


def test_impact_page_in_arabic_reads_right_to_left(client, home, centre):
    """The Arabic translation of the page is served right to left, with its figures."""
    page = ImpactPageFactory(parent=home)
    translate(page, "ar", title="أثرنا")
    html = page_html(client, "/ar/impact/")
    assert '<html lang="ar" dir="rtl">' in html
    assert "أثرنا" in html
    assert headline(html)["participants"] == "25"


def test_impact_page_of_one_theme_counts_only_that_theme(client, home, centre):
    """A page limited to Water counts the 2020 session only, whatever the language."""
    ImpactPageFactory(parent=home, theme=centre.themes["water"])
    translate(centre.themes["water"], "ar", title="المياه")
    html = page_html(client, "/en/impact/")
    assert "Theme: <bdi>Water</bdi>" in html
    figures = headline(html)
    assert figures["participants"] == "20"
    assert figures["participations"] == "20"
    assert [row[0] for row in table_rows(html, "by_theme")] == ["Water"]


def test_impact_page_of_an_empty_period_withholds_everything(client, home, centre):
    """No session in 2010: no training, participants "fewer than 10", no table."""
    ImpactPageFactory(parent=home, period_start=date(2010, 1, 1), period_end=date(2010, 12, 31))
    html = page_html(client, "/en/impact/")
    assert "In 2010" in html
    assert headline(html)["participants"] == FEWER
    assert headline(html)["trainings"] == "0"
    assert "data-table=" not in html


# --- period ---------------------------------------------------------------------------------


def test_last_years_are_the_full_years_before_this_one():
    """ "Last 3 years" in 2025 covers 2022 to 2024."""
    page = ImpactPage(title="Impact", last_years=3)
    assert page.period(today=date(2025, 6, 1)) == (date(2022, 1, 1), date(2024, 12, 31))
    assert ImpactPage(period_start=date(2019, 1, 1)).period() == (date(2019, 1, 1), None)


def test_a_period_is_either_years_or_dates():
    """Editors give a number of years or dates, not both, and the end after the start."""
    with pytest.raises(ValidationError) as both:
        ImpactPage(title="Impact", slug="i", last_years=3, period_start=date(2020, 1, 1)).clean()
    assert "last_years" in both.value.message_dict
    with pytest.raises(ValidationError) as backwards:
        ImpactPage(
            title="Impact", slug="i", period_start=date(2021, 1, 1), period_end=date(2020, 1, 1)
        ).clean()
    assert "period_end" in backwards.value.message_dict


def test_impact_page_can_live_under_a_home_page_and_has_no_children(home):
    """Editors add an impact page under a platform's home page or a standard page; it
    takes no subpage."""
    assert ImpactPage.can_create_at(home)
    assert ImpactPage.can_create_at(StandardPageFactory(parent=home))
    assert ImpactPage.allowed_subpage_models() == []


def test_editors_create_an_impact_page_in_the_admin(admin_client, home, centre):
    """The admin form offers the period, a theme chooser and the platforms; the page it
    creates shows its theme's figures."""
    add = f"/admin/pages/add/reporting/impactpage/{home.pk}/"
    form = admin_client.get(add)
    assert form.status_code == 200
    for name in ("intro", "last_years", "period_start", "period_end", "theme", "platform"):
        assert f'name="{name}"' in form.content.decode(), name
    response = admin_client.post(
        add,
        {
            "title": "Health in figures",
            "slug": "health-figures",
            "intro": json.dumps({"blocks": [], "entityMap": {}}),
            "period_start": "2021-01-01",
            "period_end": "2021-12-31",
            "theme": centre.themes["health"].pk,
            "action-publish": "publish",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = ImpactPage.objects.get(slug="health-figures")
    assert page.live and page.theme.specific == centre.themes["health"]
    figures = headline(page_html(admin_client, "/en/health-figures/"))
    assert figures["participants"] == "12"


def test_a_preview_shows_the_drafts_period_not_the_cached_figures(rf, home, centre):
    """An editor previewing a new period sees that period's figures at once."""
    page = ImpactPageFactory(parent=home)
    page.public_figures()  # cached for 2015-2021
    page.period_start, page.period_end = date(2021, 1, 1), date(2021, 12, 31)
    request = rf.get("/en/impact/")
    request.is_preview = True
    context = page.get_context(request)
    assert context["figures"].start == date(2021, 1, 1)
    assert context["figures"].headline["participants"] == 12
    published = ImpactPage.objects.get(pk=page.pk)
    assert published.public_figures().start == date(2015, 1, 1)


# --- cache ----------------------------------------------------------------------------------


def test_figures_are_cached_until_the_page_is_published_again(client, home, centre):
    """A new participant does not show at once (the figures are reused for hours); the
    next publication of the page shows it."""
    page = ImpactPageFactory(parent=home)
    assert headline(page_html(client, "/en/impact/"))["participants"] == "25"

    newcomer = learner(country="KE", gender=Gender.WOMAN)
    took_part(centre.sessions["s2020"], newcomer, status=EnrollmentStatus.COMPLETED)
    assert headline(page_html(client, "/en/impact/"))["participants"] == "25"

    Page.objects.get(pk=page.pk).specific.save_revision().publish()
    assert headline(page_html(client, "/en/impact/"))["participants"] == "26"


def test_cached_figures_are_kept_per_language(client, home, centre):
    """Each translation has its own cached figures, with labels in its language."""
    page = ImpactPageFactory(parent=home)
    translation = translate(page, "ar", title="أثرنا")
    assert page.figures_cache_key() != translation.figures_cache_key()
    page_html(client, "/ar/impact/")
    assert translation.public_figures().language == "ar"
    assert page.public_figures().language == "en"


def test_a_cached_page_runs_no_report_query(client, home, centre):
    """Once computed, the figures come from the cache: rendering the page again reads no
    enrollment, session or survey table."""
    ImpactPageFactory(parent=home)
    page_html(client, "/en/impact/")
    with CaptureQueriesContext(connection) as queries:
        page_html(client, "/en/impact/")
    report_tables = re.compile(
        r'"(enrollment|surveys|certificates|live)_\w+"\.|"courses_trainingsession"\.'
    )
    assert not [query for query in queries if report_tables.search(query["sql"])]


# --- charts ---------------------------------------------------------------------------------


def svg_by_id(html: str) -> dict[str, str]:
    """The page's SVG charts by id, in the page's order."""
    found = re.findall(r'(<svg [^>]*aria-labelledby="(impact-[\w-]+)-title.*?</svg>)', html, re.S)
    return {chart_id: svg for svg, chart_id in found}


def test_each_breakdown_has_its_charts_followed_by_their_table(client, home, centre):
    """Participants by year, participations and satisfaction by theme, participants by
    region and by gender are drawn as SVG images, each before the table of its figures."""
    ImpactPageFactory(parent=home)
    html = page_html(client, "/en/impact/")
    drawn = svg_by_id(html)
    assert list(drawn) == [
        "impact-by_year-participants",
        "impact-by_theme-participations",
        "impact-by_theme-satisfaction_percent",
        "impact-by_region-participants",
        "impact-by_gender-participants",
    ]
    for chart_id, svg in drawn.items():
        assert 'role="img"' in svg
        section = html.split(chart_id, 1)[1].split("</section>", 1)[0]
        assert "<table" in section, chart_id
    assert '<title id="impact-by_year-participants-title">Participants by year</title>' in html
    assert "<script" not in html


def test_a_withheld_figure_is_an_empty_bar_labelled_fewer_than_ten(client, home, centre):
    """Asia's 7 participants are drawn as no bar at all, labelled "fewer than 10"; the
    chart's text never holds the 7."""
    ImpactPageFactory(parent=home)
    svg = svg_by_id(page_html(client, "/en/impact/"))["impact-by_region-participants"]
    assert "<title>Asia: fewer than 10</title>" in svg
    assert re.search(r'<rect [^>]*width="0\.0"[^>]*><title>Asia: fewer than 10</title>', svg)
    assert not re.search(r">7<|: 7<|: 7;", svg)
    gender = svg_by_id(page_html(client, "/en/impact/"))["impact-by_gender-participants"]
    assert "Man: not shown" in gender


def test_charts_are_mirrored_in_arabic(client, home, centre):
    page = ImpactPageFactory(parent=home)
    translate(page, "ar", title="أثرنا")
    for svg in svg_by_id(page_html(client, "/ar/impact/")).values():
        assert 'direction="rtl"' in svg
