"""The embedded default: one process on a laptop, SQLite, in-memory channel layer."""

from config import env
from config.settings.base import *

DEBUG = env.boolean("DEBUG", True)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
DEMO_ACCOUNTS_ENABLED = True
