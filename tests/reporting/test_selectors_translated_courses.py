"""Themes counted once whichever translation of a course a session points at (allowed by
docs/data-model.md): the headline, the breakdown by theme, the command and the open data."""

import io
import json

import pytest
from django.core.management import call_command

from cms.factories import translate
from courses.factories import CoursePageFactory, ThemePageFactory
from reporting import selectors
from reporting.filters import ReportFilters, parse_filters
from tests.reporting.factories import held, learner, took_part

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_theme(home):
    """One theme, its course in English and Arabic, a session held on each translation."""
    theme = ThemePageFactory(parent=home, title="Water", slug="water")
    translate(theme, "ar", title="المياه")
    course = CoursePageFactory(parent=theme, title="Safe wells", slug="wells")
    arabic = translate(course, "ar", title="الآبار الآمنة")
    for page in (course, arabic):
        took_part(held(page, year=2021), learner())
    return theme


def test_a_one_theme_report_counts_one_theme(one_theme):
    """Two sessions of one theme, one of them on the Arabic course: the report says one
    theme, in the whole history and filtered by that theme."""
    assert selectors.headline(ReportFilters()).themes == 1
    assert selectors.headline(parse_filters(theme="water")).themes == 1


def test_the_theme_breakdown_has_one_row_for_both_translations(one_theme):
    """The breakdown by theme lists Water once, with both sessions and both participations."""
    rows = selectors.by_theme(ReportFilters(), "en")
    assert [(row.title, row.trainings, row.participations) for row in rows] == [("Water", 2, 2)]


def test_the_report_command_says_one_theme(one_theme):
    """`training_report --theme water` prints “1 theme” and 1 in its JSON."""
    out = io.StringIO()
    call_command("training_report", "--theme", "water", stdout=out)
    assert "covering 1 theme and" in out.getvalue()
    out = io.StringIO()
    call_command("training_report", "--format", "json", stdout=out)
    assert json.loads(out.getvalue())["headline"]["themes"] == 1
