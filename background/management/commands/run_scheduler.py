"""The one scheduler: enqueues the periodic jobs every app declares (background.schedule)
as they fall due. Run it as a service, or from cron with --once."""

import signal
import threading

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from background import services
from background.schedule import periodic_jobs


class Command(BaseCommand):
    help = (
        "Enqueue the periodic jobs (reminders, survey invitations, certificates, held seats, "
        "retention, email retries) as they fall due; the task workers run them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Enqueue what is due now, then exit (for cron)."
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=60.0,
            help="Seconds between two looks at the schedule (default: %(default)s).",
        )

    def handle(self, *args, once=False, interval=60.0, **options):
        if options["verbosity"] > 1:
            for job in periodic_jobs():
                self.stdout.write(f"{job.name} every {job.every}")
        if once:
            self.enqueue_due()
            return
        stop = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_args: stop.set())
        while not stop.is_set():
            close_old_connections()
            self.enqueue_due()
            stop.wait(interval)

    def enqueue_due(self):
        for name in services.periodic_jobs_enqueue():
            self.stdout.write(f"enqueued {name}", ending="\n")
        self.stdout.flush()
