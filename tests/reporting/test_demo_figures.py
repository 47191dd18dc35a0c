"""The report on the demo data: the figures of the centre's seed (2015-2021) come out of the
aggregation of the demo's raw records. Loaded once for the module, since it takes a while."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from reporting import selectors
from reporting.filters import parse_filters

SEED_PERIOD = {"start": "2015-01-01", "end": "2021-12-31"}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Loads the demo once for the module's tests, in a transaction rolled back at the end
    (each test runs in a savepoint inside it), so that other modules never see it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def seed(demo, db):
    return parse_filters(**SEED_PERIOD)


def test_the_seed_period_reads_like_the_centres_yearly_report(seed):
    """2015-2021: 107 trainings on 30 themes, 115 countries and regions, over 18,000
    participants, 35% women, over 90% satisfied; 24 seminars, over 100 experts and about
    17,000 in their audience."""
    report = selectors.headline(seed, host_country="CN")
    assert report.trainings == 107
    assert report.themes == 30
    assert report.countries == 115
    assert report.participants > 18_000
    assert 34.5 <= report.women_percent <= 35.5
    assert report.satisfaction_percent > 90
    assert report.seminars == 24
    assert report.experts > 100
    assert 16_500 <= report.audience <= 17_500


def test_the_seed_period_figures_hang_together(seed):
    """Participations outnumber participants, about 70% of them answered the survey, over
    half completed with a certificate, and trainings are held at home and abroad."""
    report = selectors.headline(seed, host_country="CN")
    assert report.participations > report.participants
    assert 65 < report.response_percent < 75
    assert 50 < report.completion_percent < 75
    assert 0.5 * report.participations < report.certificates < report.participations
    assert report.trainings_in_host_country > report.trainings_abroad > 0
    assert sum(report.trainings_by_mode.values()) == report.trainings
    assert report.gender_unstated_percent < 10
    assert report.regions == 5


def test_every_year_and_every_theme_had_trainings(seed):
    """Each year from 2015 to 2021 held trainings and seminars; each of the 30 themes was
    taught, the breakdowns adding up to the headline."""
    years = selectors.by_year(seed)
    assert [row.year for row in years] == list(range(2015, 2022))
    assert all(row.trainings and row.seminars and row.participants for row in years)
    assert sum(row.trainings for row in years) == 107
    assert sum(row.seminars for row in years) == 24
    themes = selectors.by_theme(seed, "en")
    assert len(themes) == 30
    assert sum(row.trainings for row in themes) == 107
    assert all(row.satisfaction_percent > 75 for row in themes)


def test_people_counted_by_place_and_gender_are_the_same_people(seed):
    """The consenting participants by country, by region and by gender add up alike."""
    countries = selectors.by_country(seed)
    assert len(countries) == 115
    by_region = selectors.by_region(seed)
    genders = selectors.gender_split(seed)
    total = sum(row.participants for row in countries)
    assert sum(row.participants for row in by_region) == total
    assert sum(row.participants for row in genders) == total
    assert sum(row.countries for row in by_region) == 115


def test_training_report_prints_the_seed_figures(demo, db):
    """`manage.py training_report --from 2015-01-01 --to 2021-12-31` gives the same
    figures as the selectors."""
    output = StringIO()
    call_command(
        "training_report",
        "--from",
        "2015-01-01",
        "--to",
        "2021-12-31",
        "--format",
        "json",
        stdout=output,
    )
    printed = json.loads(output.getvalue())["headline"]
    report = selectors.headline(parse_filters(**SEED_PERIOD), host_country="CN")
    assert (printed["trainings"], printed["seminars"]) == (107, 24)
    assert printed["participants"] == report.participants
    assert printed["audience"] == report.audience


# The demo's report, figure for figure: a change to the demo, or to the factories it is built
# from, leaves every year's figures as they are.
FIGURES = (
    "trainings", "seminars", "participants", "participations", "responses", "certificates",
    "audience", "experts", "satisfaction_percent", "women_percent",
)  # fmt: skip
SEED_FIGURES = {
    2015: (16, 3, 2963, 2994, 2132, 1922, 3929, 16, 91.6, 36.2),
    2016: (16, 3, 2973, 3015, 2110, 1967, 4107, 16, 93.8, 34.1),
    2017: (15, 4, 2835, 2862, 2004, 1851, 4830, 21, 94.3, 35.8),
    2018: (15, 3, 2732, 2758, 1941, 1812, 4406, 16, 93.3, 34.0),
    2019: (15, 4, 2763, 2802, 1978, 1822, 5199, 25, 93.0, 34.9),
    2020: (16, 3, 2933, 2972, 2093, 1968, 4543, 18, 93.0, 35.1),
    2021: (14, 4, 2568, 2588, 1847, 1695, 5219, 23, 93.6, 35.3),
    "2015-2021": (107, 24, 18406, 19991, 14105, 13037, 17176, 116, 93.2, 35.2),
}


@pytest.mark.parametrize("period", list(SEED_FIGURES))
def test_each_year_of_the_seed_reports_the_same_figures(demo, db, period):
    """Every year from 2015 to 2021, and the whole period, report exactly the demo's known
    figures (trainings, seminars, participants, answers, certificates, audience...)."""
    filters = (
        parse_filters(year=str(period)) if isinstance(period, int) else parse_filters(**SEED_PERIOD)
    )
    report = selectors.headline(filters, host_country="CN")
    assert tuple(getattr(report, name) for name in FIGURES) == SEED_FIGURES[period]
