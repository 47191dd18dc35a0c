"""First start of a real platform: `setup_platform --name ... --host ... --languages ...`.

Creates the master platform's home, catalog, impact and standard pages in the chosen
languages, its site, the roles and the standard survey (cms/services.py), and optionally
the first administrator. Safe to run again; a run with more languages adds them.
"""

import getpass
import os
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.services import administrator_create
from cms.services import platform_hostname_clean, platform_languages_parse, platform_setup

PASSWORD_VARIABLE = "OPENTRAINING_ADMIN_PASSWORD"  # noqa: S105 - a variable's name


class Command(BaseCommand):
    help = (
        "Create the master platform's site and pages in the chosen languages (idempotent). "
        "The default language is always included."
    )

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="The platform's name, e.g. the centre's.")
        parser.add_argument(
            "--host", required=True, help="Its host name, e.g. training.example.org."
        )
        parser.add_argument(
            "--languages",
            default="en,ar,zh-hans,fr,ru,es",
            help="Comma-separated language codes (default: the six).",
        )
        parser.add_argument(
            "--port", type=int, default=443, help="Public port (443: links use https://)."
        )
        parser.add_argument("--contact-email", default="", help="The platform's contact address.")
        parser.add_argument(
            "--admin-email",
            default="",
            help=f"Also create the first administrator; password from {PASSWORD_VARIABLE} "
            "or asked for.",
        )

    def handle(self, *args, **options):
        try:
            languages = platform_languages_parse(options["languages"])
            hostname = platform_hostname_clean(options["host"])
            password = self._password(options["admin_email"])
            with transaction.atomic():  # a refused password leaves nothing half made
                self._setup(options, hostname, languages, password)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error

    def _setup(self, options, hostname, languages, password):
        platform_setup(
            name=options["name"],
            hostname=hostname,
            languages=languages,
            port=options["port"],
            contact_email=options["contact_email"],
            log=self.stdout.write,
        )
        if options["admin_email"]:
            user, created = administrator_create(email=options["admin_email"], password=password)
            self.stdout.write(
                f"Administrator {user.email} created."
                if created
                else f"Administrator {user.email} already exists: left as it is."
            )

    def _password(self, email: str) -> str:
        if not email:
            return ""
        password = os.environ.get(PASSWORD_VARIABLE, "")
        if password:
            return password
        if not sys.stdin.isatty():
            raise CommandError(
                f"Set {PASSWORD_VARIABLE} to create the administrator without a terminal."
            )
        password = getpass.getpass(f"Password for {email}: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The passwords differ.")
        return password
