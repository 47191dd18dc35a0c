"""The retention command: learner accounts not seen for PRIVACY_RETENTION_DAYS are erased,
recent ones, staff and trainers never; --dry-run only lists; failures exit with 1."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from accounts.factories import AdministratorFactory, TrainerFactory, UserFactory
from accounts.models import User
from certificates.factories import CertificateFactory
from enrollment.factories import EnrollmentFactory, LearnerProfileFactory
from privacy import services
from tests.certificates.factories import confirmed

pytestmark = pytest.mark.django_db


def days_ago(days: int):
    return timezone.now() - timedelta(days=days)


@pytest.fixture(autouse=True)
def retention(settings):
    settings.PRIVACY_RETENTION_DAYS = 365


@pytest.fixture
def accounts(home):
    """Who is there: one learner gone for two years, one who never logged in since
    joining two years ago, one seen last month, and staff gone for two years."""
    people = {
        "gone": UserFactory(email="gone@example.org", last_login=days_ago(730)),
        "never": UserFactory(email="never@example.org", last_login=None),
        "recent": UserFactory(email="recent@example.org", last_login=days_ago(30)),
        "trainer": TrainerFactory(email="trainer@example.org", last_login=days_ago(730)),
        "admin": AdministratorFactory(email="admin@example.org", last_login=days_ago(730)),
        "staff": UserFactory(email="staff@example.org", is_staff=True, last_login=days_ago(730)),
    }
    User.objects.update(date_joined=days_ago(800))
    for user in people.values():
        LearnerProfileFactory(user=user)
    return people


def run(*args) -> str:
    out = StringIO()
    call_command("purge_inactive_accounts", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def emails() -> set[str]:
    return set(User.objects.values_list("email", flat=True))


def test_inactive_learners_are_erased_and_no_one_else(accounts):
    output = run()
    remaining = emails()
    assert "gone@example.org" not in remaining
    assert "never@example.org" not in remaining
    for kept in ("recent", "trainer", "admin", "staff"):
        assert f"{kept}@example.org" in remaining
    assert "2 account(s) not seen for 365 days" in output
    assert f"erased account {accounts['gone'].pk}" in output
    gone = User.objects.get(pk=accounts["gone"].pk)
    assert not gone.is_active and gone.first_name == ""
    assert gone.learner_profile.organisation == ""


def test_a_dry_run_lists_and_changes_nothing(accounts):
    before = emails()
    output = run("--dry-run")
    assert emails() == before
    assert f"would erase account {accounts['gone'].pk}: last login" in output
    assert f"would erase account {accounts['never'].pk}: never logged in" in output
    assert f"account {accounts['recent'].pk}" not in output
    assert "Dry run: 2 account(s)" in output
    assert "@example.org" not in output  # cron logs carry no address


def test_a_second_run_finds_nothing(accounts):
    run()
    assert "0 account(s)" in run()


def test_zero_days_turns_retention_off(accounts, settings):
    settings.PRIVACY_RETENTION_DAYS = 0
    before = emails()
    assert "Retention is off" in run()
    assert emails() == before


def test_the_certificate_of_an_erased_account_stays_valid(accounts):
    """The centre's record outlives the account."""
    enrollment = EnrollmentFactory(user=accounts["gone"], status="completed")
    certificate = confirmed(CertificateFactory(enrollment=enrollment, printed_name="Gone Learner"))
    run()
    content = Client().get(f"/en/certificates/verify/{certificate.code}/").content.decode()
    assert "Valid certificate" in content and "Gone Learner" in content


def test_exit_codes(accounts, monkeypatch):
    """0 when every account is erased; 1, with the failures on stderr, when one fails
    (the others are still erased). manage.py exits with a CommandError's returncode;
    ManagementUtility itself would close the test's database connection."""
    assert "2 account(s)" in run()

    stuck = UserFactory(email="stuck@example.org", last_login=days_ago(900))
    UserFactory(email="other@example.org", last_login=days_ago(900))
    erase = services.account_delete

    def failing(user, **kwargs):
        if user.pk == stuck.pk:
            raise RuntimeError("database went away")
        return erase(user, **kwargs)

    monkeypatch.setattr(services, "account_delete", failing)
    err = StringIO()
    with pytest.raises(CommandError) as error:
        call_command("purge_inactive_accounts", stdout=StringIO(), stderr=err)
    assert error.value.returncode == 1
    assert f"account {stuck.pk} could not be erased: database went away" in err.getvalue()
    assert "stuck@example.org" in emails()
    assert "other@example.org" not in emails()
