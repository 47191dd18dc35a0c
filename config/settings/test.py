"""Settings for the test suite: fast hashing, outbox email, the embedded default unless
DATABASE_URL / REDIS_URL point at PostgreSQL and Redis."""

from config.settings.base import *

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Django's test set-up puts the locmem backend in EMAIL_BACKEND; tests/conftest.py puts the
# outbox back, so that every email goes the way it goes in production.
EMAIL_BACKEND = "background.mail.OutboxEmailBackend"
OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests work the queue off in their own transaction (tests/conftest.py, run_tasks), even
# under REDIS_URL; tests/background/test_tasks_rq.py sends a task through RQ.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
DEMO_ACCOUNTS_ENABLED = True
MFA_REQUIRED_FOR_STAFF = False
# The room page a crowd shares shows every change at once: tests of the page see what they
# just did (tests/live/test_views_room_crowd.py gives the lag its own test).
LIVE_PAGE_LAG_SECONDS = 0.0
# A channel layer that answers slowly on a busy test machine is not a broken one.
HEALTH_CHECK_TIMEOUT = 30.0
if REDIS_URL:
    import os

    # Parallel or repeated runs must not see each other's groups or cache keys; servers a
    # test starts share its prefix through TEST_RUN_PREFIX.
    _run = os.environ.get("TEST_RUN_PREFIX") or f"test{os.getpid()}"
    # Each pytest-xdist worker its own (its servers inherit both variables).
    _worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if _worker and not _run.endswith(_worker):
        _run = f"{_run}-{_worker}"
    CACHES["default"]["KEY_PREFIX"] = _run
    CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] = _run
