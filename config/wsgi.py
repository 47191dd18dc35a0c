"""WSGI entry point, for servers that do not need websockets (e.g. a separate HTTP pool)."""

import os
import sys

from django.core.wsgi import get_wsgi_application

from config.env import ConfigurationError, default_settings_module

try:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", default_settings_module())
    application = get_wsgi_application()
except ConfigurationError as error:
    sys.exit(f"Configuration error: {error}")
