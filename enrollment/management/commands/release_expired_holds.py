"""Pass on the seats held for promoted learners who did not confirm in time; for cron."""

from django.core.management.base import BaseCommand

from enrollment.services import session_release_expired_holds


class Command(BaseCommand):
    help = "Seats held for promoted learners past their deadline go to the next on the waitlist."

    def handle(self, *args, **options):
        released = session_release_expired_holds()
        self.stdout.write(f"{released} held seat(s) passed on.")
