"""Erase the personal data of accounts inactive for PRIVACY_RETENTION_DAYS; run daily
from cron. Certificates of erased accounts stay valid: they are the centre's record."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from privacy import services


class Command(BaseCommand):
    help = (
        "Erase learner accounts not logged in for PRIVACY_RETENTION_DAYS days (0: never). "
        "Staff, trainers and administrators are never erased automatically."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List the accounts that would be erased, and change nothing.",
        )

    def handle(self, *args, dry_run=False, **options):
        cutoff = services.retention_cutoff()
        if cutoff is None:
            self.stdout.write("Retention is off (PRIVACY_RETENTION_DAYS=0): nothing erased.")
            return
        days = settings.PRIVACY_RETENTION_DAYS
        since = f"not seen for {days} days (since {cutoff:%Y-%m-%d})"
        if dry_run:
            due = list(services.inactive_accounts().values_list("pk", "last_login", "date_joined"))
            for pk, last_login, joined in due:
                seen = f"last login {last_login:%Y-%m-%d}" if last_login else "never logged in"
                self.stdout.write(f"would erase account {pk}: {seen}, joined {joined:%Y-%m-%d}")
            self.stdout.write(f"Dry run: {len(due)} account(s) {since} would be erased.")
            return
        purge = services.inactive_accounts_purge()
        for pk in purge.erased:
            self.stdout.write(f"erased account {pk}")
        for pk, error in purge.failed:
            self.stderr.write(f"account {pk} could not be erased: {error}")
        self.stdout.write(
            f"{len(purge.erased)} account(s) {since} erased, {len(purge.failed)} failed."
        )
        if purge.failed:
            raise CommandError(
                f"{len(purge.failed)} account(s) could not be erased; the next run retries."
            )
