"""manage.py of the platform, also installed as the `opentraining` command by the wheel."""

import os
import sys

from config.env import ConfigurationError, default_settings_module


def main():
    try:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", default_settings_module())
        from django.conf import settings

        settings.INSTALLED_APPS  # noqa: B018 - reads the settings now, to report bad variables
    except ConfigurationError as error:
        sys.exit(f"Configuration error: {error}")

    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
