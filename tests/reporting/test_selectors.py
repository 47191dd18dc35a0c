"""The centre's figures on a small hand-built centre whose answers are known
(tests/reporting/factories.py): people in several sessions, unstated gender, no consent,
anonymous responses, a cancelled and a future session, seminar rooms."""

from dataclasses import asdict, replace
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import SessionKind, SessionMode
from enrollment.models import EnrollmentStatus, Gender
from reporting import selectors
from reporting.filters import ReportFilters, parse_filters
from tests.reporting.factories import (
    EXPECTED,
    HOST_COUNTRY,
    held,
    joined_online,
    learner,
    rated,
    took_part,
)

pytestmark = pytest.mark.django_db


def headline(filters=None, **parsed):
    filters = filters or parse_filters(**parsed)
    return selectors.headline(filters, host_country=HOST_COUNTRY)


def test_headline_of_the_whole_history(centre):
    """Every headline figure matches the hand count of the small centre."""
    report = asdict(headline(ReportFilters()))
    assert {name: report[name] for name in EXPECTED} == EXPECTED


def test_a_learner_in_two_sessions_is_one_participant_with_two_participations(centre):
    """Amina took part in s1 and s2: two participations, one participant, one country."""
    report = headline(country="KE")
    assert (report.participants, report.participations) == (1, 2)
    assert report.countries == 1
    assert report.trainings == 2


def test_one_year(centre):
    """2020 holds s2 and sem1; the session cancelled in January does not count."""
    report = headline(year="2020")
    assert report.trainings == 1
    assert report.trainings_abroad == 1
    assert report.trainings_in_host_country == 0
    assert (report.participants, report.participations) == (1, 1)
    assert report.women_percent == 100.0
    assert report.responses == 1
    assert report.satisfaction_percent == 0.0  # Amina gave s2 a 2
    assert report.certificates == 1
    assert (report.seminars, report.experts, report.audience) == (1, 2, 3)


def test_an_empty_period_reports_zeros(centre):
    """Nothing happened in 1990: zeros, and percentages that cannot be computed."""
    report = headline(start="1990-01-01", end="1990-12-31")
    assert report.trainings == report.participants == report.seminars == report.audience == 0
    assert report.trainings_by_mode == {}
    assert report.women_percent is None
    assert report.satisfaction_percent is None
    assert report.completion_percent is None


def test_future_and_cancelled_sessions_never_count(centre):
    """A period reaching next year still counts only the four held trainings."""
    report = headline(start="2000-01-01", end=f"{date.today().year + 1}-12-31")
    assert report.trainings == EXPECTED["trainings"]
    assert report.seminars == EXPECTED["seminars"]
    assert report.experts == EXPECTED["experts"]


def test_the_period_includes_its_last_day(centre):
    """A session on 31 December belongs to that year, not to the next."""
    held(centre.courses["wells"], year=2021, month=12, day=31)
    assert headline(year="2021").trainings == 3
    assert headline(year="2022").trainings == 0
    assert headline(end="2021-12-30").trainings == EXPECTED["trainings"]


def test_unstated_gender_is_left_out_of_the_share_of_women(centre):
    """Dana did not say: women are 2 of the 4 who did, and 1 in 5 did not say."""
    report = headline(ReportFilters())
    assert report.gender_stated == 4
    assert report.women_percent == 50.0
    assert report.gender_unstated_percent == 20.0


def test_a_learner_who_did_not_consent_counts_but_has_no_gender_or_country(centre):
    """Eli (Brazil, no consent) is a participant of s4, but no country or gender of his."""
    report = headline(site="health.example.org")
    assert report.participants == 2  # Eli and Gus
    assert report.countries == 1  # the United States only
    assert report.gender_stated == 1
    assert report.women_percent == 0.0


def test_a_learner_who_did_not_consent_is_not_counted_by_country(centre):
    """Filtering by Brazil must not reveal that Eli, who did not consent, took part."""
    report = headline(country="BR")
    assert (report.trainings, report.participants) == (0, 0)


def test_anonymous_responses_count_in_satisfaction(centre):
    """Five of six responses are anonymous: all count; the one without a rating is a
    response but not a rating."""
    report = headline(ReportFilters())
    assert report.responses == 6
    assert report.satisfaction_percent == 60.0
    assert report.response_percent == 85.7


def test_no_satisfaction_by_learner_country(centre):
    """Anonymous answers have no country: a report by country has no satisfaction rate."""
    for report in (headline(country="KE"), headline(region="africa")):
        assert report.satisfaction_percent is None
        assert report.responses == 0


def test_region(centre):
    """Africa: Amina (Kenya, twice) and Bola (Nigeria); Fatima never came."""
    report = headline(region="africa")
    assert (report.trainings, report.participants, report.participations) == (2, 2, 3)
    assert (report.countries, report.regions) == (2, 1)


def test_theme_covers_its_seminars_too(centre):
    """Water: s1, s2 and both seminars of its forum course."""
    report = headline(theme="water")
    assert (report.trainings, report.themes) == (2, 1)
    assert (report.participants, report.participations) == (2, 3)
    assert report.satisfaction_percent == 66.7
    assert (report.seminars, report.experts, report.audience) == (2, 3, 4)


def test_mode(centre):
    assert headline(mode=SessionMode.IN_ROOM).trainings == 2
    assert headline(mode=SessionMode.HYBRID).trainings == 1
    assert headline(mode=SessionMode.ONLINE).trainings == 1


def test_trainer_sees_their_sessions_once(centre):
    """T trains s1 and s3 (listed twice on s3, in two languages); the cancelled and the
    future sessions do not count."""
    filters = replace(ReportFilters(), trainer_user_id=centre.trainer.pk)
    report = headline(filters)
    assert report.trainings == 2
    assert (report.participants, report.participations) == (4, 4)
    assert report.themes == 2
    assert report.responses == 4
    assert report.seminars == 0


def test_seminar_audience_joins_room_and_roster(centre):
    """Online in the room or marked present, each person once; the cancelled seminar's
    people do not count."""
    assert selectors.seminar_audience(ReportFilters()) == 4


def test_by_year(centre):
    rows = [asdict(row) for row in selectors.by_year(ReportFilters())]
    assert rows == [
        {"year": 2019, "trainings": 1, "seminars": 0, "participants": 2, "participations": 2},
        {"year": 2020, "trainings": 1, "seminars": 1, "participants": 1, "participations": 1},
        {"year": 2021, "trainings": 2, "seminars": 1, "participants": 4, "participations": 4},
    ]


@pytest.mark.parametrize(
    ("language", "titles"), [("en", ["Health", "Water"]), ("fr", ["Santé", "Eau"])]
)
def test_by_theme_in_the_readers_language(centre, language, titles):
    """Most participations first; satisfaction from every response, anonymous or not."""
    rows = selectors.by_theme(ReportFilters(), language)
    assert [row.title for row in rows] == titles
    health, water = rows
    assert (health.trainings, health.participations, health.responses) == (2, 4, 3)
    assert health.satisfaction_percent == 50.0  # 5 and 3; Dana gave no rating
    assert (water.trainings, water.participations, water.responses) == (2, 3, 3)
    assert water.satisfaction_percent == 66.7


def test_by_country_and_region_count_consenting_people(centre):
    countries = {row.key: row.participants for row in selectors.by_country(ReportFilters())}
    assert countries == {"KE": 1, "NG": 1, "CN": 1, "FR": 1, "US": 1}
    regions = {
        row.key: (row.participants, row.countries) for row in selectors.by_region(ReportFilters())
    }
    assert regions == {"africa": (2, 2), "asia": (1, 1), "europe": (1, 1), "americas": (1, 1)}


def test_gender_split(centre):
    split = {row.gender: row.participants for row in selectors.gender_split(ReportFilters())}
    assert split == {Gender.WOMAN: 2, Gender.MAN: 1, Gender.ANOTHER: 1, Gender.UNSTATED: 1}


def test_by_mode(centre):
    modes = {value: count for value, _label, count in selectors.by_mode(ReportFilters())}
    assert modes == {SessionMode.ONLINE: 1, SessionMode.IN_ROOM: 2, SessionMode.HYBRID: 1}


def headline_queries() -> int:
    with CaptureQueriesContext(connection) as queries:
        selectors.headline(ReportFilters(), host_country=HOST_COUNTRY)
    return len(queries)


def test_headline_queries_do_not_grow_with_the_data(centre):
    """Three times the sessions, learners and answers: the same number of queries."""
    before = headline_queries()
    for year in (2016, 2017, 2018):
        session = held(centre.courses["wells"], year=year, mode=SessionMode.IN_ROOM, country="TZ")
        seminar = held(centre.courses["forum"], year=year, kind=SessionKind.SEMINAR)
        for gender in (Gender.WOMAN, Gender.MAN, Gender.UNSTATED):
            person = learner(country="TZ", gender=gender)
            rated(took_part(session, person, status=EnrollmentStatus.COMPLETED), 5)
            joined_online(seminar, person)
    assert headline(ReportFilters()).trainings == EXPECTED["trainings"] + 3
    assert headline_queries() == before
    assert before <= 11  # two of them for self-paced learning


def test_seminars_by_learner_country_agree_with_their_audience(centre):
    """Amina (Kenya) joined both seminars' rooms online: by Kenya, an audience of one in
    two seminars, not an audience of one in no seminar."""
    report = headline(country="KE")
    assert report.audience == 1
    assert report.seminars == 2
