"""The impact page's open data CSV when an editor types a formula as a theme title."""

import csv
import io

import pytest

from courses.factories import CoursePageFactory, ThemePageFactory
from tests.reporting.factories import held, learner, took_part
from tests.reporting.test_impact_page import ImpactPageFactory, impact_centre

pytestmark = pytest.mark.django_db

PAYLOADS = ['=HYPERLINK("http://evil","x")', "+1+1", "@SUM(1)", "-2+3"]


@pytest.mark.parametrize("title", PAYLOADS)
def test_a_theme_title_is_text_in_the_csv(client, home, title):
    impact_centre(home)
    theme = ThemePageFactory(parent=home, title=title, slug="formula")
    took_part(held(CoursePageFactory(parent=theme), year=2020), learner())
    page = ImpactPageFactory(parent=home)
    response = client.get(f"/en/impact/{page.pk}/data.csv")
    rows = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    labels = {row["label"] for row in rows if row["table"] == "by_theme"}
    assert f"'{title}" in labels
    assert title not in labels
