"""Load the demo platform: every installed app's `demo.load()` runs in the journey's order.

Safe to run again: each loader creates only what is missing.
"""

import time
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Create the demo platforms, content and accounts (idempotent)."

    def handle(self, *args, **options):
        started = time.monotonic()
        for app_config in apps.get_app_configs():
            module_name = f"{app_config.name}.demo"
            is_project_app = Path(app_config.path).parent == settings.BASE_DIR
            if not is_project_app or not find_spec(module_name):
                continue
            with transaction.atomic():
                import_module(module_name).load(self.stdout)
        self.stdout.write(f"Demo data ready in {time.monotonic() - started:.1f} s.")
