"""`manage.py training_report` on the small centre: the sentence, JSON and CSV read back,
languages, and the messages and exit status of bad input."""

import csv
import io
import json

import pytest
from django.core.management import call_command, load_command_class
from django.core.management.base import CommandError

from tests.reporting.factories import EXPECTED

pytestmark = pytest.mark.django_db

HISTORY = ["--from", "2019-01-01", "--to", "2021-12-31"]


def report(*args) -> str:
    out = io.StringIO()
    call_command("training_report", *args, stdout=out)
    return out.getvalue()


def test_text_is_the_sentence(centre):
    """The default format reads as the centre's yearly sentence."""
    assert report(*HISTORY) == (
        "From 1 January 2019 to 31 December 2021: 4 training sessions covering 2 themes and "
        "5 countries and regions, 6 participants (women 50%), satisfaction 60%; 2 "
        "international seminars with 3 experts and an audience of 4.\n"
    )


def test_text_names_the_scope_first(centre):
    lines = report("--year", "2020", "--theme", "water", "--site", "testserver").splitlines()
    assert lines[:2] == ["Platform: Training Centre", "Theme: Water"]
    assert lines[2].startswith("From 1 January 2020 to 31 December 2020: 1 training session ")


def test_text_by_country_has_no_satisfaction(centre):
    """Anonymous answers have no country: the clause is left out, not shown as zero."""
    text = report("--country", "KE", "--format", "text")
    assert text.splitlines()[0] == "Learners from: Kenya"
    assert "2 training sessions covering 1 theme and 1 country or region, 1 participant " in text
    assert "satisfaction" not in text


@pytest.mark.parametrize(
    ("language", "day"),
    [("fr", "1 janvier 2019"), ("ar", "يناير"), ("zh-hans", "2019年1月1日"), ("ru", "января")],
)
def test_text_in_other_languages(centre, language, day):
    """Days and numbers as each language writes them (the sentence's words come with the
    translations)."""
    text = report(*HISTORY, "--language", language)
    assert day in text
    assert "2019-01-01" not in text


def test_language_code_is_case_insensitive(centre):
    assert "1 janvier 2019" in report(*HISTORY, "--language", "FR")


def test_json_read_back(centre):
    """Every headline figure, every breakdown and the filters used."""
    data = json.loads(report(*HISTORY, "--format", "json"))
    assert data["filters"] == {
        "from": "2019-01-01",
        "to": "2021-12-31",
        "site": None,
        "theme": None,
        "country": None,
        "region": None,
        "mode": None,
        "trainer_user_id": None,
    }
    assert data["language"] == "en"
    assert data["host_country"] == "CN"
    assert {name: data["headline"][name] for name in EXPECTED} == EXPECTED
    assert data["sentence"].startswith("From 1 January 2019")
    assert [row["year"] for row in data["by_year"]] == [2019, 2020, 2021]
    assert data["by_theme"][0] == {
        "theme": "health",
        "title": "Health",
        "trainings": 2,
        "participations": 4,
        "responses": 3,
        "satisfaction_percent": 50.0,
    }
    assert {row["region"]: row["participants"] for row in data["by_region"]} == {
        "africa": 2,
        "asia": 1,
        "europe": 1,
        "americas": 1,
    }
    assert {row["country"] for row in data["by_country"]} == {"KE", "NG", "CN", "FR", "US"}
    assert {row["gender"]: row["participants"] for row in data["gender"]} == {
        "woman": 2,
        "man": 1,
        "another": 1,
        "unstated": 1,
    }
    assert {row["mode"]: row["trainings"] for row in data["by_mode"]} == {
        "online": 1,
        "in_room": 2,
        "hybrid": 1,
    }


def test_json_echoes_the_filters_as_typed(centre):
    data = json.loads(
        report(
            "--year",
            "2021",
            "--site",
            "health.example.org",
            "--theme",
            "health",
            "--mode",
            "online",
            "--format",
            "json",
        )
    )
    assert data["filters"] == {
        "from": "2021-01-01",
        "to": "2021-12-31",
        "site": "health.example.org",
        "theme": "health",
        "country": None,
        "region": None,
        "mode": "online",
        "trainer_user_id": None,
    }
    assert data["headline"]["trainings"] == 1


def test_json_in_french_labels_themes_in_french(centre):
    data = json.loads(report("--format", "json", "--language", "fr"))
    assert [row["title"] for row in data["by_theme"]] == ["Santé", "Eau"]
    assert data["language"] == "fr"


def read_csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_read_back(centre):
    """One figure per row: table, key, label, figure, value."""
    rows = read_csv(report(*HISTORY, "--format", "csv"))
    assert list(rows[0]) == ["table", "key", "label", "figure", "value"]
    headline = {row["figure"]: row["value"] for row in rows if row["table"] == "headline"}
    assert headline["trainings"] == "4"
    assert headline["trainings_in_room"] == "2"
    assert headline["women_percent"] == "50.0"
    assert headline["satisfaction_percent"] == "60.0"
    assert headline["audience"] == "4"
    assert (headline["rated"], headline["seated"]) == ("5", "8")  # the rates' bases
    themes = {
        (row["key"], row["figure"]): row["value"] for row in rows if row["table"] == "by_theme"
    }
    assert themes[("water", "satisfaction_percent")] == "66.7"
    assert themes[("health", "participations")] == "4"
    years = [row for row in rows if row["table"] == "by_year" and row["figure"] == "trainings"]
    assert [(row["key"], row["value"]) for row in years] == [
        ("2019", "1"),
        ("2020", "1"),
        ("2021", "2"),
    ]
    assert {row["table"] for row in rows} == {
        "headline",
        "by_year",
        "by_theme",
        "by_region",
        "by_country",
        "gender",
        "by_mode",
    }


def test_empty_period_reports_zeros(centre):
    """Nothing in 1990 is no error: zeros, and empty percentages."""
    assert report("--year", "1990").startswith(
        "From 1 January 1990 to 31 December 1990: 0 training sessions covering 0 themes and "
        "0 countries and regions, 0 participants; 0 international seminars"
    )
    data = json.loads(report("--year", "1990", "--format", "json"))
    assert data["headline"]["trainings"] == 0
    assert data["headline"]["satisfaction_percent"] is None
    assert data["by_year"] == data["by_theme"] == []
    rows = read_csv(report("--year", "1990", "--format", "csv"))
    headline = {row["figure"]: row["value"] for row in rows if row["table"] == "headline"}
    assert headline["participants"] == "0"
    assert headline["women_percent"] == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--theme", "nope"], "No theme has the slug “nope”."),
        (["--site", "nowhere.example"], "No platform is served at “nowhere.example”."),
        (["--from", "2015/01/01"], "must look like 2021-12-31, not “2015/01/01”"),
        (["--to", "yesterday"], "not “yesterday”"),
        (["--year", "21"], "The year must be a number such as 2021"),
        (["--from", "2021-01-01", "--to", "2020-01-01"], "The period ends before it starts."),
        (["--country", "XX"], "“XX” is not a country code"),
        (["--region", "atlantis"], "“atlantis” is not a region"),
        (["--mode", "underwater"], "“underwater” is not a mode"),
        (["--language", "xx"], "Unknown language “xx”; choose one of: ar, zh-hans, en"),
    ],
)
def test_bad_input_stops_with_a_message(centre, args, message):
    with pytest.raises(CommandError, match=message) as error:
        report(*args)
    assert error.value.returncode == 1


def test_bad_input_exits_non_zero_with_the_message_on_stderr(centre, capsys, monkeypatch):
    """As a shell sees it: exit status 1, the message on stderr, nothing on stdout."""
    # run_from_argv closes the connections when done; the test's transaction needs its own.
    monkeypatch.setattr("django.db.connections.close_all", lambda: None)
    command = load_command_class("reporting", "training_report")
    with pytest.raises(SystemExit) as exit_:
        command.run_from_argv(["manage.py", "training_report", "--theme", "nope"])
    assert exit_.value.code == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "No theme has the slug “nope”." in err


def test_unknown_format_is_refused(centre, capsys):
    command = load_command_class("reporting", "training_report")
    command._called_from_command_line = True  # argparse exits rather than raising
    with pytest.raises(SystemExit) as exit_:
        command.create_parser("manage.py", "training_report").parse_args(["--format", "pdf"])
    assert exit_.value.code == 2
    assert "invalid choice: 'pdf'" in capsys.readouterr().err


def test_help_documents_the_formats(centre):
    command = load_command_class("reporting", "training_report")
    text = command.create_parser("manage.py", "training_report").format_help()
    assert "table,key,label,figure,value" in text
    assert "--language LANG" in text
