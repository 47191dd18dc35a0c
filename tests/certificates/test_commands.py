"""The daily issue_certificates command: recently ended sessions only (unless one is named),
counts printed, safe to run again; and generate_signing_key."""

import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from certificates.factories import CompletionRuleFactory
from certificates.models import Certificate
from certificates.signing import parse_key
from surveys.models import SurveyCompletion
from tests.certificates.factories import attend, ended_session, enrolled

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("issue_certificates", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def no_survey(course):
    return CompletionRuleFactory(course=course, survey_required=False)


def test_issues_for_sessions_that_ended_recently(course, no_survey):
    recent = attend(enrolled(ended_session(course, days=2, ended_days_ago=3)))
    old = attend(enrolled(ended_session(course, days=2, ended_days_ago=40)))
    absent = attend(enrolled(recent.session), on=[])
    output = run()
    assert "1 session(s) evaluated: 1 certificate(s) issued now, 1 held in all." in output
    assert Certificate.objects.filter(enrollment=recent).exists()
    assert not Certificate.objects.filter(enrollment__in=[old, absent]).exists()


def test_running_again_issues_nothing_new(course, no_survey):
    attend(enrolled(ended_session(course)))
    run()
    assert "0 certificate(s) issued now, 1 held in all." in run()
    assert Certificate.objects.count() == 1


def test_session_option_reaches_an_older_session(course, no_survey):
    old = attend(enrolled(ended_session(course, ended_days_ago=90)))
    assert "0 certificate(s) issued now" in run()
    output = run("--session", str(old.session.pk))
    assert "1 session(s) evaluated: 1 certificate(s) issued now" in output


def test_days_option_widens_the_window(course, no_survey):
    attend(enrolled(ended_session(course, ended_days_ago=20)))
    assert "0 session(s) evaluated" in run()
    assert "1 certificate(s) issued now" in run("--days", "30")


def test_survey_answered_late_is_picked_up(session, enrollment):
    """Answered after the session's end: the next run issues the certificate."""
    assert "0 certificate(s) issued now" in run()
    SurveyCompletion.objects.create(enrollment=enrollment, session=session)
    assert "1 certificate(s) issued now" in run()


def test_unknown_session_is_an_error(home):
    with pytest.raises(CommandError, match="No ended, uncancelled session"):
        run("--session", "999999")


def test_days_must_be_positive(home):
    with pytest.raises(CommandError):
        run("--days", "0")


def test_generate_signing_key_prints_a_usable_key():
    out = StringIO()
    call_command("generate_signing_key", stdout=out)
    parse_key(out.getvalue().strip())


def test_generate_signing_key_runs_in_production_before_the_key_is_set(settings):
    """Setting up a server: the command prints a key although production refuses to start
    without one."""
    environment = {
        name: value for name, value in os.environ.items() if name != "DJANGO_SETTINGS_MODULE"
    }
    environment.update(
        DJANGO_ENV="production",
        SECRET_KEY="a-production-secret-key-for-this-test-only-0123456789",
        ALLOWED_HOSTS="training.example.org",
        CERTIFICATE_SIGNING_KEY="",
    )
    finished = subprocess.run(
        [sys.executable, "manage.py", "generate_signing_key"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert finished.returncode == 0, finished.stderr
    parse_key(finished.stdout.strip())
