"""A learner finds a course in French: search, filter by theme, open the course, see when
it runs."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from cms.factories import translate
from courses.factories import (
    CatalogPageFactory,
    CoursePageFactory,
    ThemePageFactory,
    TrainingSessionFactory,
)
from courses.models import SessionMode

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def french_catalog(home):
    translate(home, "fr", title="Centre de formation")
    catalog = CatalogPageFactory(parent=home, title="Catalog", slug="catalog")
    translate(catalog, "fr", title="Catalogue des cours")
    big_data = ThemePageFactory(parent=home, title="Big data", slug="big-data")
    translate(big_data, "fr", title="Mégadonnées")
    energy = ThemePageFactory(parent=home, title="New energy", slug="new-energy")
    translate(energy, "fr", title="Énergies nouvelles")
    pipelines = CoursePageFactory(parent=big_data, title="Data pipelines", slug="pipelines")
    translate(
        pipelines,
        "fr",
        title="Chaînes de traitement des données",
        summary="Construire des chaînes de traitement des données fiables.",
    )
    batteries = CoursePageFactory(parent=energy, title="Battery data", slug="batteries")
    translate(
        batteries,
        "fr",
        title="Données des batteries",
        summary="Lire les données des batteries de véhicules.",
    )
    starts = datetime.now(UTC).replace(microsecond=0) + timedelta(days=20)
    TrainingSessionFactory(
        course=pipelines,
        starts_at=starts,
        ends_at=starts + timedelta(days=2),
        timezone="Africa/Nairobi",
        mode=SessionMode.HYBRID,
        city="Nairobi",
        country="KE",
        venue="UN Gigiri",
        capacity=30,
    )
    return starts


def test_learner_searches_in_french_filters_by_theme_and_sees_sessions(
    page, live_server, french_catalog
):
    """Searching « données », keeping only Mégadonnées, then opening the course shows its
    hybrid session in Nairobi with its seats."""
    page.goto("/fr/catalog/")
    expect(page.locator("h1")).to_have_text("Catalogue des cours")

    page.get_by_role("searchbox", name="Rechercher").fill("données")
    page.locator("form.catalog-filters button[type=submit]").click()
    results = page.locator(".course-list > li")
    expect(results).to_have_count(2)

    facets = page.locator("details.catalog-facets")
    if facets.get_attribute("open") is None:
        facets.locator("summary").click()
    page.locator("#catalog-theme").select_option(label="Mégadonnées")
    page.locator("form.catalog-filters button[type=submit]").click()
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("Chaînes de traitement des données")

    results.first.get_by_role("link", name="Chaînes de traitement des données").click()
    expect(page.locator("h1")).to_have_text("Chaînes de traitement des données")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    main = page.locator("main")
    expect(main).to_contain_text("Nairobi")
    expect(main).to_contain_text("30")
    local_start = french_catalog.astimezone(ZoneInfo("Africa/Nairobi"))
    expect(main).to_contain_text(f"{local_start:%H:%M}")
