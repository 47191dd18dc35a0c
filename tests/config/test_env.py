import os
import subprocess
import sys
from pathlib import Path

import pytest

from config import env

PROJECT = Path(__file__).resolve().parents[2]


def test_boolean_accepts_common_words(monkeypatch):
    """true/false, yes/no, on/off and 1/0 all read as booleans."""
    for word, expected in [("yes", True), ("ON", True), ("0", False), ("false", False)]:
        monkeypatch.setenv("SOME_FLAG", word)
        assert env.boolean("SOME_FLAG", default=not expected) is expected


def test_malformed_boolean_names_the_variable(monkeypatch):
    """A malformed flag stops with a message naming the variable and the bad value."""
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(env.ConfigurationError, match=r"DEBUG must be true or false, not 'maybe'"):
        env.boolean("DEBUG", default=False)


def test_database_url_with_unknown_scheme_is_refused(monkeypatch):
    """Only SQLite and PostgreSQL URLs are accepted."""
    monkeypatch.setenv("DATABASE_URL", "mysql://db/training")
    with pytest.raises(env.ConfigurationError, match="DATABASE_URL must start with"):
        env.url("DATABASE_URL", schemes=("sqlite", "postgres", "postgresql"))


def test_url_with_bad_port_is_refused(monkeypatch):
    """A port that is not a number is named as malformed."""
    monkeypatch.setenv("REDIS_URL", "redis://cache:six/0")
    with pytest.raises(env.ConfigurationError, match="REDIS_URL has a malformed port"):
        env.url("REDIS_URL", schemes=("redis", "rediss"))


def test_integer_below_minimum_is_refused(monkeypatch):
    monkeypatch.setenv("EMAIL_PORT", "0")
    with pytest.raises(env.ConfigurationError, match="EMAIL_PORT must be at least 1"):
        env.integer("EMAIL_PORT", 587, minimum=1)


def test_string_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", "a.example.org, b.example.org,,")
    assert env.string_list("ALLOWED_HOSTS", []) == ["a.example.org", "b.example.org"]


def test_unknown_environment_is_refused(monkeypatch):
    monkeypatch.setenv("DJANGO_ENV", "staging")
    with pytest.raises(env.ConfigurationError, match="DJANGO_ENV must be one of dev, production"):
        env.default_settings_module()


def run_manage(*args, **variables):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL", "DEBUG"}
    }
    environment.update(variables)
    return subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_manage_py_stops_on_a_malformed_variable_with_its_name():
    """Start-up stops with a one-line message naming the variable, and a non-zero exit."""
    result = run_manage("check", DATABASE_URL="mysql://db/training")
    assert result.returncode != 0
    assert "Configuration error: DATABASE_URL must start with" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_requires_secret_key_and_hosts():
    """Production refuses to start without SECRET_KEY."""
    result = run_manage("check", DJANGO_ENV="production", SECRET_KEY="", ALLOWED_HOSTS="x.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_pass_the_deployment_check(tmp_path):
    """`manage.py check --deploy` in production mode reports no issue at all, even before
    the database is created."""
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_ENV="production",
        SECRET_KEY="kq8#Zt1-vN4@pW7!rX2$hY5^mB9&cL3*dF6(gJ0)sA_e+uT=oI~" * 2,
        ALLOWED_HOSTS="training.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        CERTIFICATE_SIGNING_KEY="qcTmZw1m9P2tLkq3wXz8bH5nR7vY0sJ4dF6gA2eC1iU",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_production_refuses_to_sign_badges_with_a_key_derived_from_the_secret_key(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        DJANGO_ENV="production",
        SECRET_KEY="kq8#Zt1-vN4@pW7!rX2$hY5^mB9&cL3*dF6(gJ0)sA_e+uT=oI~" * 2,
        ALLOWED_HOSTS="training.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}",
    )
    assert result.returncode != 0
    assert "CERTIFICATE_SIGNING_KEY" in result.stdout + result.stderr
