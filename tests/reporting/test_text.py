"""The report in words: the headline sentence in several languages, figures that cannot be
computed left out, numbers, percentages and days as each language writes them."""

from datetime import date

import pytest
from django.utils import translation
from django.utils.translation import gettext

from reporting.filters import ReportFilters, parse_filters
from reporting.selectors import Headline
from reporting.text import (
    FIGURES,
    format_day,
    format_number,
    format_percent,
    headline_figures,
    headline_sentence,
    host_country,
    scope_lines,
    whole_percent,
)

SEED = Headline(
    trainings=107,
    trainings_by_mode={"online": 40, "in_room": 60, "hybrid": 7},
    themes=30,
    countries=115,
    participants=18236,
    women_percent=34.5,
    satisfaction_percent=92.4,
    seminars=24,
    experts=104,
    audience=17012,
)
PERIOD = ReportFilters(start=date(2015, 1, 1), end=date(2021, 12, 31))
NBSP = "\xa0"


def translated(language: str, msgid: str) -> bool:
    with translation.override(language):
        return gettext(msgid) != msgid


def test_the_centres_sentence_in_english():
    """The issue's sentence, word for word, from the figures."""
    assert headline_sentence(SEED, PERIOD) == (
        "From 1 January 2015 to 31 December 2021: 107 training sessions covering 30 themes "
        "and 115 countries and regions, 18,236 participants (women 35%), satisfaction 92%; "
        "24 international seminars with 104 experts and an audience of 17,012."
    )


def test_singulars():
    one = Headline(
        trainings=1, themes=1, countries=1, participants=1, seminars=1, experts=1, audience=1
    )
    assert headline_sentence(one) == (
        "1 training session covering 1 theme and 1 country or region, 1 participant; "
        "1 international seminar with 1 expert and an audience of 1."
    )


def test_figures_that_cannot_be_computed_are_left_out():
    """No one stated a gender, no satisfaction by country: the clauses go, not zeros."""
    sentence = headline_sentence(Headline(trainings=2, participants=3), PERIOD)
    assert "women" not in sentence
    assert "satisfaction" not in sentence
    assert "3 participants;" in sentence


def test_zero_percent_is_a_figure():
    sentence = headline_sentence(Headline(women_percent=0.0, satisfaction_percent=0.0))
    assert "(women 0%), satisfaction 0%;" in sentence


@pytest.mark.parametrize(
    ("filters", "start"),
    [
        (ReportFilters(start=date(2015, 1, 1)), "Since 1 January 2015: 107 training sessions"),
        (ReportFilters(end=date(2021, 12, 31)), "Until 31 December 2021: 107 training sessions"),
        (ReportFilters(), "107 training sessions"),
    ],
)
def test_open_periods(filters, start):
    assert headline_sentence(SEED, filters).startswith(start)


def test_french_formats_days_and_numbers_its_way():
    """Whatever the catalogue holds, days and numbers are French."""
    with translation.override("fr"):
        sentence = headline_sentence(SEED, PERIOD)
    assert "1 janvier 2015" in sentence
    assert "31 décembre 2021" in sentence
    assert f"18{NBSP}236" in sentence
    assert f"17{NBSP}012" in sentence


def test_the_sentence_in_french():
    if not translated("fr", "%(sessions)s covering %(themes)s and %(countries)s"):
        pytest.skip("the French catalogue does not hold the sentence yet")
    with translation.override("fr"):
        sentence = headline_sentence(SEED, PERIOD)
    assert sentence.startswith("Du 1 janvier 2015 au 31 décembre 2021")
    assert "107 sessions de formation" in sentence
    assert "30 thèmes" in sentence
    assert "24 séminaires internationaux" in sentence
    assert "training" not in sentence


def test_the_sentence_in_arabic():
    if not translated("ar", "%(sessions)s covering %(themes)s and %(countries)s"):
        pytest.skip("the Arabic catalogue does not hold the sentence yet")
    with translation.override("ar"):
        sentence = headline_sentence(SEED, PERIOD)
    assert "يناير" in sentence
    assert "18236" in sentence
    assert not any("a" <= character <= "z" for character in sentence)


@pytest.mark.parametrize("language", ["ar", "zh-hans", "ru", "es", "fr", "en"])
def test_every_language_writes_a_whole_sentence(language):
    """The six languages: no placeholder left, every figure present."""
    with translation.override(language):
        sentence = headline_sentence(SEED, PERIOD)
        numbers = [format_number(n) for n in (107, 30, 115, 18236, 24, 104, 17012)]
    assert "%(" not in sentence
    for number in numbers:
        assert number in sentence


def test_numbers_and_percentages():
    assert format_number(18236) == "18,236"
    assert whole_percent(34.5) == 35  # half up, not to even
    assert whole_percent(92.4) == 92
    assert format_percent(34.5) == "35%"
    assert format_percent(37.94, precise=True) == "37.9%"
    with translation.override("fr"):
        assert format_number(18236) == f"18{NBSP}236"


def test_days():
    assert format_day(date(2015, 1, 1)) == "1 January 2015"
    with translation.override("zh-hans"):
        assert format_day(date(2015, 1, 1)) == "2015年1月1日"


def test_headline_figures_spell_out_modes():
    figures = dict(headline_figures(SEED))
    assert list(figures) == list(FIGURES)
    assert (figures["trainings_online"], figures["trainings_in_room"]) == (40, 60)
    assert figures["women_percent"] == 34.5
    assert figures["satisfaction_percent"] == 92.4


@pytest.mark.django_db
def test_scope_lines_and_host_country(centre):
    filters = parse_filters(
        site="health.example.org", theme="water", region="africa", mode="hybrid"
    )
    assert scope_lines(filters) == [
        "Platform: Health platform",
        "Theme: Water",
        "Learners from: Africa",
        "Mode: Hybrid",
    ]
    with translation.override("fr"):
        assert "Eau" in scope_lines(parse_filters(theme="water"))[0]
    assert scope_lines(ReportFilters()) == []
    assert host_country() == "CN"
