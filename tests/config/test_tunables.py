"""Every tunable is declared once in config/tunables.py: settings are built from it, the
environment overrides it with checked values, and docs/settings.md lists it."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from config import env, tunables

ROOT = Path(__file__).resolve().parents[2]


def docs_table() -> str:
    text = (ROOT / "docs/settings.md").read_text()
    match = re.search(r"<!-- tunables:start -->\n(.*)<!-- tunables:end -->", text, re.DOTALL)
    return match.group(1)


def test_the_docs_list_every_tunable_as_the_spec_says():
    """docs/settings.md carries the table `python -m config.tunables` prints, unchanged."""
    table = docs_table()
    assert table == tunables.markdown_table()
    for tunable in tunables.TUNABLES:
        assert f"| `{tunable.name}` |" in table


def test_every_tunable_is_a_setting_of_its_type():
    """Each tunable becomes a setting of the declared type (the test run sets no variable)."""
    for tunable in tunables.TUNABLES:
        value = getattr(settings, tunable.name)
        assert isinstance(value, tunable.type), tunable.name


def test_names_are_unique_and_defaults_fit_their_type():
    """No tunable is declared twice, and each default is of its declared type."""
    names = [tunable.name for tunable in tunables.TUNABLES]
    assert len(names) == len(set(names))
    for tunable in tunables.TUNABLES:
        assert isinstance(tunable.default, tunable.type), tunable.name


def test_the_environment_overrides_a_tunable(monkeypatch):
    """SURVEY_OPEN_DAYS=21 and LIVE_TALLY_SECONDS=0.5 in the environment reach the settings."""
    monkeypatch.setenv("SURVEY_OPEN_DAYS", "21")
    monkeypatch.setenv("LIVE_TALLY_SECONDS", "0.5")
    monkeypatch.setenv("SIGNUP_OPEN", "no")
    values = tunables.settings_values()
    assert values["SURVEY_OPEN_DAYS"] == 21
    assert values["LIVE_TALLY_SECONDS"] == 0.5
    assert values["SIGNUP_OPEN"] is False
    assert values["REPORTING_MIN_CELL"] == 10


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        (
            "SURVEY_OPEN_DAYS",
            "two weeks",
            "SURVEY_OPEN_DAYS must be a whole number, not 'two weeks'",
        ),
        ("REPORTING_MIN_CELL", "0", "REPORTING_MIN_CELL must be at least 1, not 0"),
        ("LIVE_IDLE_SECONDS", "soon", "LIVE_IDLE_SECONDS must be a number, not 'soon'"),
        ("LIVE_CREDIT_SECONDS", "0.5", "LIVE_CREDIT_SECONDS must be at least 1"),
        ("SIGNUP_OPEN", "perhaps", "SIGNUP_OPEN must be true or false, not 'perhaps'"),
    ],
)
def test_a_bad_value_names_the_variable(monkeypatch, name, value, message):
    """A malformed or too small value stops start-up with a message naming the variable."""
    monkeypatch.setenv(name, value)
    with pytest.raises(env.ConfigurationError, match=re.escape(message)):
        tunables.settings_values()


def test_a_settings_only_tunable_ignores_the_environment(monkeypatch):
    """LIVE_MAX_FRAME_BYTES is held to the servers' limit: no variable changes it."""
    monkeypatch.setenv("LIVE_MAX_FRAME_BYTES", "1000000")
    assert tunables.settings_values()["LIVE_MAX_FRAME_BYTES"] == 4096


def test_a_dict_default_is_not_shared():
    """Changing the rate limits read once leaves the spec's default as declared."""
    limits = tunables.settings_values()["LIVE_RATE_LIMITS"]
    limits["ask"] = 1000
    assert tunables.default("LIVE_RATE_LIMITS")["ask"] == 5


def test_no_code_restates_a_default_beside_settings():
    """Code reads settings.NAME: no getattr(settings, NAME, default) anywhere."""
    restated = re.compile(r"getattr\(\s*settings\s*,[^)]*,")
    offenders = [
        str(path.relative_to(ROOT))
        for folder in (
            "accounts",
            "cms",
            "courses",
            "enrollment",
            "live",
            "surveys",
            "certificates",
            "reporting",
            "privacy",
            "config",
        )
        for path in (ROOT / folder).rglob("*.py")
        if restated.search(path.read_text())
    ]
    assert offenders == []
