"""The impact page's open data: CSV and JSON parsed back, the CC BY licence and attribution in
both, withheld figures never written, no filter a reader could combine, and a data
dictionary that covers every field (impact_centre: see test_impact_page.py)."""

import csv
import io
import json
from datetime import date, datetime

import pytest
from wagtail.models import PageViewRestriction

from cms.factories import translate
from courses.factories import CoursePageFactory, ThemePageFactory
from reporting import dictionary, selectors
from reporting.suppression import COMPLEMENTARY, REASONS, SMALL, SMALL_BASE
from tests.reporting.factories import held, learner, took_part
from tests.reporting.test_impact_page import ImpactPageFactory, impact_centre

pytestmark = pytest.mark.django_db

LICENSE = "https://creativecommons.org/licenses/by/4.0/"


@pytest.fixture
def centre(home):
    return impact_centre(home)


@pytest.fixture
def page(home, centre):
    return ImpactPageFactory(parent=home)


def get_json(client, page, language="en", query=""):
    response = client.get(f"/{language}/impact/{page.pk}/data.json{query}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def get_csv(client, page) -> list[dict]:
    response = client.get(f"/en/impact/{page.pk}/data.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="impact-figures.csv"'
    text = response.content.decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text))
    assert reader.fieldnames == [column.name for column in dictionary.CSV_COLUMNS]
    return list(reader)


def by_row(rows: list[dict], table: str, key: str = "") -> dict[str, dict]:
    return {row["field"]: row for row in rows if row["table"] == table and row["key"] == key}


# --- JSON -----------------------------------------------------------------------------------


def test_json_carries_the_licence_attribution_date_and_period(client, page):
    """A reuser learns the licence, whom to credit, when the figures were computed and
    which period they cover."""
    document = get_json(client, page)
    assert document["license"] == LICENSE
    assert document["license_name"] == "CC BY 4.0"
    assert document["attribution"] == (
        "Training Centre, “Our impact”, http://testserver/en/impact/, licensed under CC BY 4.0"
    )
    assert datetime.fromisoformat(document["generated"]).tzinfo is not None
    assert document["period"] == "2015-01-01/2021-12-31"
    assert document["threshold"] == 10
    assert document["url"] == "http://testserver/en/impact/"
    assert document["dictionary"] == "http://testserver/en/impact/data-dictionary.json"
    assert document["theme"] == "" and document["platform"] == ""


def test_json_holds_the_figures_the_page_shows(client, page):
    """Published figures are numbers; withheld ones are null, named with their reason."""
    document = get_json(client, page)
    headline = document["headline"]
    assert headline["participants"] == 25
    assert headline["participations"] == 32
    assert headline["women_percent"] == 52.2
    assert headline["satisfaction_percent"] == 84.2
    assert headline["trainings"] == 2
    assert headline["certificates"] is None
    assert headline["gender_unstated_percent"] is None
    assert headline["suppressed"]["certificates"] == SMALL
    assert headline["suppressed"]["gender_unstated_percent"] == SMALL_BASE
    assert [row["key"] for row in document["by_year"]] == [2020, 2021]
    assert document["by_year"][0]["participants"] == 20
    genders = {row["key"]: row for row in document["by_gender"]}
    assert genders["woman"]["participants"] == 12
    assert genders["man"] == {
        "key": "man",
        "label": "Man",
        "participants": None,
        "suppressed": {"participants": COMPLEMENTARY},
    }
    themes = {row["key"]: row for row in document["by_theme"]}
    assert themes["water"]["label"] == "Water"
    assert themes["water"]["responses"] is None
    assert themes["water"]["satisfaction_percent"] == 80.0
    assert themes["health"]["suppressed"] == {
        "responses": SMALL,
        "satisfaction_percent": SMALL_BASE,
    }


def test_json_ignores_any_filter_in_the_address(client, page):
    """Only the page decides what is counted: a country or a year in the query string
    cannot narrow the figures down to a few people."""
    plain = get_json(client, page)
    filtered = get_json(client, page, query="?country=FR&year=2021&theme=health&region=europe")
    plain.pop("generated"), filtered.pop("generated")
    assert filtered == plain


def test_files_are_in_the_pages_language_whatever_the_address(client, page):
    """The English page's data under /ar/ is still the English page's data."""
    assert get_json(client, page, language="ar")["language"] == "en"
    arabic = translate(page, "ar", title="أثرنا")
    document = get_json(client, arabic, language="ar")
    assert document["language"] == "ar"
    assert document["title"] == "أثرنا"
    assert document["url"] == "http://testserver/ar/impact/"


def test_open_data_may_be_fetched_from_anywhere(client, page):
    response = client.get(f"/en/impact/{page.pk}/data.json")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert client.head(f"/en/impact/{page.pk}/data.csv").status_code == 200
    assert client.post(f"/en/impact/{page.pk}/data.csv").status_code == 405


def test_no_data_for_pages_the_public_cannot_read(client, home, centre):
    """A draft, a restricted page or any other page publishes no data."""
    draft = ImpactPageFactory(parent=home, slug="draft")
    draft.unpublish()
    private = ImpactPageFactory(parent=home, slug="private")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    for page_id in (draft.pk, private.pk, home.pk, 999999):
        for file in ("data.csv", "data.json"):
            assert client.get(f"/en/impact/{page_id}/{file}").status_code == 404


# --- CSV ------------------------------------------------------------------------------------


def test_csv_starts_with_its_licence_and_holds_every_figure(client, page):
    """Metadata lines first (licence, attribution, date, period), then one line per
    figure, numbers as numbers and withheld ones empty with their reason."""
    rows = get_csv(client, page)
    meta = by_row(rows, "metadata")
    assert meta["license"]["value"] == LICENSE
    assert "licensed under CC BY 4.0" in meta["attribution"]["value"]
    assert meta["period"]["value"] == "2015-01-01/2021-12-31"
    assert datetime.fromisoformat(meta["generated"]["value"])
    assert list(meta) == [field.name for field in dictionary.METADATA]
    headline = by_row(rows, "headline")
    assert headline["participants"]["value"] == "25"
    assert headline["participants"]["unit"] == "people"
    assert headline["women_percent"]["value"] == "52.2"
    assert headline["women_percent"]["unit"] == "percent"
    assert (headline["trainings"]["value"], headline["trainings"]["suppressed"]) == ("2", "")
    assert (headline["audience"]["value"], headline["audience"]["suppressed"]) == ("", SMALL)
    man = by_row(rows, "by_gender", "man")["participants"]
    assert (man["label"], man["value"], man["suppressed"]) == ("Man", "", COMPLEMENTARY)
    assert by_row(rows, "by_region", "africa")["participants"]["value"] == "15"


def test_csv_and_json_agree(client, page):
    """Both files publish the same figures and withhold the same ones."""
    document = get_json(client, page)
    for row in get_csv(client, page):
        if row["table"] == "metadata":
            continue
        if row["table"] == "headline":
            values = document["headline"]
        else:
            values = next(item for item in document[row["table"]] if str(item["key"]) == row["key"])
        value = values[row["field"]]
        assert row["value"] == ("" if value is None else str(value)), row
        assert row["suppressed"] == values["suppressed"].get(row["field"], ""), row


def test_a_theme_title_cannot_run_as_a_spreadsheet_formula(client, home, centre):
    """A title starting with "=" is written as text."""
    theme = ThemePageFactory(parent=home, title="=HYPERLINK(1)", slug="formula")
    session = held(CoursePageFactory(parent=theme), year=2020)
    took_part(session, learner())
    page = ImpactPageFactory(parent=home)
    labels = {row["label"] for row in get_csv(client, page) if row["table"] == "by_theme"}
    assert "'=HYPERLINK(1)" in labels
    assert "=HYPERLINK(1)" not in labels


# --- withheld figures -----------------------------------------------------------------------


def raw_values(page) -> dict:
    """The figures before suppression, as the selectors compute them."""
    filters = page.report_filters()
    head = selectors.headline(filters)
    raw = {("headline", ""): vars(head)}
    for row in selectors.by_year(filters):
        raw[("by_year", str(row.year))] = vars(row)
    for row in selectors.by_theme(filters, "en"):
        raw[("by_theme", row.theme.slug)] = {
            "trainings": row.trainings,
            "participations": row.participations,
            "responses": row.responses,
            "satisfaction_percent": row.satisfaction_percent,
        }
    for row in selectors.by_region(filters):
        raw[("by_region", row.key)] = vars(row)
    for row in selectors.gender_split(filters):
        raw[("by_gender", row.gender)] = vars(row)
    return raw


def test_withheld_cells_never_hold_the_real_number(client, page):
    """Wherever a figure is withheld, its line has no value, and no other column of the
    line holds the real number."""
    raw = raw_values(page)
    withheld = 0
    for row in get_csv(client, page):
        if row["table"] == "metadata" or not row["suppressed"]:
            continue
        withheld += 1
        assert row["suppressed"] in REASONS
        assert row["value"] == ""
        real = raw[(row["table"], row["key"])][row["field"]]
        cells = [value for name, value in row.items() if name not in ("key",)]
        assert str(real) not in cells, row
    assert withheld == 12  # 4 headline, 3 theme, 2 region and 3 gender figures
    document = get_json(client, page)
    for table in dictionary.BREAKDOWNS:
        for item in document[table.name]:
            for name in item["suppressed"]:
                assert item[name] is None
    for name in document["headline"]["suppressed"]:
        assert document["headline"][name] is None


def test_withheld_counts_are_really_small_and_complements_are_not(client, page):
    """ "small" marks counts below 10 (the men's complement is 11, Water's responses 15)."""
    raw = raw_values(page)
    for row in get_csv(client, page):
        real = raw.get((row["table"], row["key"]), {}).get(row["field"])
        if row["suppressed"] == SMALL:
            assert real < 10, row
        elif row["suppressed"] == COMPLEMENTARY:
            assert real >= 10, row


# --- the data dictionary --------------------------------------------------------------------


def test_the_dictionary_covers_every_field_of_both_files(client, page):
    """Every key of the JSON and every table, field and column of the CSV is defined, with
    a type, a unit and a definition."""
    described = {
        "metadata": {field.name for field in dictionary.METADATA},
        **{table.name: {field.name for field in table.fields} for table in dictionary.TABLES},
    }
    document = get_json(client, page)
    tables = {table.name for table in dictionary.TABLES}
    assert set(document) == described["metadata"] | tables
    for name in tables - {"headline"}:
        for item in document[name]:
            assert set(item) - {"key", "label", "suppressed"} == described[name]
    assert set(document["headline"]) - {"suppressed"} == described["headline"]
    for row in get_csv(client, page):
        assert row["field"] in described[row["table"]], row
        if row["table"] != "metadata":
            table = dictionary.table(row["table"])
            assert row["unit"] == table.field(row["field"]).unit
    everything = [*dictionary.METADATA, *dictionary.CSV_COLUMNS]
    for table in dictionary.TABLES:
        everything += [*table.fields, *([table.key] if table.key else [])]
    for field in everything:
        assert field.type in ("integer", "number", "string", "date", "boolean")
        assert str(field.definition) and str(field.label)


def test_the_dictionary_uses_the_reports_definitions(client):
    """The definitions are those of reporting/selectors.py."""
    document = client.get("/en/impact/data-dictionary.json").json()
    assert document["license"] == LICENSE
    definitions = {
        (table["name"], field["name"]): field["definition"]
        for table in document["tables"]
        for field in table["fields"]
    }
    docstring = " ".join(selectors.__doc__.split())
    assert "attended at least one day" in definitions[("headline", "participations")]
    assert "attended at least one day" in docstring
    assert "4 or 5 out of 5 to the headline" in definitions[("headline", "satisfaction_percent")]
    assert "4 or 5 out of 5 to the headline" in docstring
    assert "consented to be counted" in definitions[("headline", "countries")]
    assert "live room or were marked present" in definitions[("headline", "audience")]
    assert "not cancelled and has started" in definitions[("headline", "trainings")]
    assert "not cancelled and has started" in docstring
    assert [column["name"] for column in document["csv_columns"]] == [
        "table", "key", "label", "field", "value", "unit", "suppressed",
    ]  # fmt: skip


def test_the_dictionary_page_lists_every_field(client, home):
    """The HTML dictionary names every field of every table and the licence."""
    response = client.get("/en/impact/data-dictionary/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{LICENSE}" rel="license"' in html
    assert "fewer than 10" in html
    for table in dictionary.TABLES:
        assert f"<code>{table.name}</code>" in html
        for field in table.fields:
            assert f"<code>{field.name}</code>" in html
    for field in [*dictionary.METADATA, *dictionary.CSV_COLUMNS]:
        assert f"<code>{field.name}</code>" in html


def test_the_dictionary_page_reads_right_to_left_in_arabic(client, home):
    html = client.get("/ar/impact/data-dictionary/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html


def test_an_empty_period_publishes_no_rows(client, home, centre):
    """No session in 2010: counts are withheld, breakdowns empty, nothing fails."""
    page = ImpactPageFactory(parent=home, period_start=date(2010, 1, 1), period_end=None)
    page.period_end = date(2010, 12, 31)
    page.save_revision().publish()
    document = get_json(client, page)
    assert document["period"] == "2010-01-01/2010-12-31"
    assert document["headline"]["participants"] is None
    assert all(document[table.name] == [] for table in dictionary.BREAKDOWNS)
