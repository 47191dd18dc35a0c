"""Reports in a real browser: an administrator opens the dashboard in the Wagtail admin, sees
the figures and a chart and downloads the CSV; a visitor opens the public impact page, sees
the figures with small counts withheld and the SVG charts, in English and in Arabic, and
downloads the open data (impact_centre: see tests/reporting/test_impact_page.py)."""

import csv
import io

import pytest
from playwright.sync_api import expect

from accounts.factories import DEFAULT_PASSWORD, AdministratorFactory
from cms.factories import translate
from tests.reporting.test_impact_page import ImpactPageFactory, impact_centre

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def log_in(page, path, user):
    page.goto(path)
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign In").click()


def downloaded_csv(page, link) -> list[list[str]]:
    with page.expect_download() as download:
        link.click()
    text = download.value.path().read_text(encoding="utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_administrator_sees_the_dashboard_and_downloads_the_figures(page, live_server, home):
    """An administrator logs in, opens the reports dashboard, sees the centre's figures and
    its charts, and downloads the figures as CSV, small counts included (they are not
    public)."""
    impact_centre(home)
    log_in(page, "/en/accounts/login/?next=/admin/reports/", AdministratorFactory())
    expect(page).to_have_url(f"{live_server.url}/admin/reports/")
    figures = page.locator(".report-figures")
    expect(figures).to_contain_text("Participants")
    expect(figures).to_contain_text("25")
    expect(figures).to_contain_text("52.2%")
    chart = page.locator("svg.report-chart").first
    expect(chart).to_be_visible()
    assert chart.get_attribute("role") == "img"

    rows = downloaded_csv(page, page.get_by_role("link", name="Figures (CSV)"))
    headline = {row[3]: row[4] for row in rows[1:] if row[0] == "headline"}
    assert headline["participants"] == "25"
    assert headline["participations"] == "32"
    men = [row for row in rows if row[1] == "man" and row[3] == "participants"]
    assert men and men[0][4] == "11"


def test_visitor_sees_the_impact_page_with_small_counts_withheld(page, live_server, home):
    """A visitor opens the impact page: the key figures, "fewer than 10" where a count of
    people is small, SVG charts with their tables; the CSV says the same, and the Arabic
    page reads right to left."""
    impact_centre(home)
    impact = ImpactPageFactory(parent=home)
    translate(impact, "ar", title="أثرنا")

    page.goto("/en/impact/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Our impact")
    expect(page.locator('[data-field="participants"] dd')).to_have_text("25")
    expect(page.locator('[data-field="women_percent"] dd')).to_have_text("52.2%")
    expect(page.locator('[data-field="certificates"] dd')).to_have_text("fewer than 10")
    asia = page.locator('table[data-table="by_region"] tr', has_text="Asia")
    expect(asia.locator("td").first).to_have_text("fewer than 10")
    chart = page.locator('svg[aria-labelledby^="impact-by_region-participants"]')
    expect(chart).to_be_visible()
    assert chart.get_attribute("role") == "img"
    expect(page.locator("main svg")).to_have_count(5)

    rows = downloaded_csv(page, page.get_by_role("link", name="Download the figures (CSV)"))
    lines = {(row[0], row[1], row[3]): row for row in rows[1:]}
    assert lines[("metadata", "", "license")][4] == "https://creativecommons.org/licenses/by/4.0/"
    assert lines[("headline", "", "participants")][4] == "25"
    assert lines[("by_region", "asia", "participants")][4:] == ["", "people", "small"]
    assert lines[("by_gender", "man", "participants")][4:] == ["", "people", "complementary"]

    page.goto("/ar/impact/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", level=1)).to_have_text("أثرنا")
    expect(page.locator('[data-field="participants"] dd')).to_have_text("25")
    expect(page.locator("main svg").first).to_have_attribute("direction", "rtl")
