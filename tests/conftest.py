import asyncio
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.utils import translation
from wagtail.models import Page

from cms.factories import HomePageFactory, locale, make_site, translate
from tests.browser.chromium import stop_chromium, uses_chromium
from tests.tasks import work_off_the_queue


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """A test that does not drive Chromium starts without it, and without any event loop
    marked as running in the main thread, where async code would refuse to run."""
    if uses_chromium(item):
        return
    stop_chromium(item.config)
    loop = asyncio._get_running_loop()
    if loop is not None:
        pytest.fail(
            f"{item.nodeid} would start with an event loop marked as running in the main "
            f"thread ({loop!r}): a test before it left it",
            pytrace=False,
        )


@pytest.fixture(autouse=True)
def _all_locales(db):
    """The six languages exist as Wagtail locales, as after `make run`."""
    for code, _name in settings.LANGUAGES:
        locale(code)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language, whatever the one before it activated."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate limits and cached site roots live in the cache; no test sees another's."""
    _clear_own_cache()
    yield
    _clear_own_cache()


def _clear_own_cache():
    """Empty this run's caches. On Redis, `cache.clear()` would flush the whole database, and
    with it the keys and channel-layer groups of test runs going on in parallel: delete only
    the keys under this run's prefix."""
    caches["fragments"].clear()
    prefix = settings.CACHES["default"].get("KEY_PREFIX")
    if settings.CACHES["default"]["BACKEND"] != "django.core.cache.backends.redis.RedisCache":
        cache.clear()
        return
    client = cache._cache.get_client(write=True)
    keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
    if keys:
        client.delete(*keys)


@pytest.fixture
def home(db):
    """A master platform served on `testserver`, its home page in English and Arabic."""
    Page.objects.filter(depth=2).delete()
    page = HomePageFactory(title="Training Centre", slug="home", tagline="Learn with us")
    make_site(page, is_master=True)
    translate(page, "ar", title="مركز التدريب", tagline="تعلم معنا")
    return page


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test with serialized_rollback restores the data the migrations
    created when it starts, but its teardown flushes every table without running
    post_migrate again: a later test that does not ask for serialized_rollback would find
    no groups, no root page, no standard survey. Put that data back for it. (Tests are
    spread over workers by file, so any test may follow a transactional one; the next test
    restores the data anyway when it asks for serialized_rollback too; after the last test
    the database is gone.)"""
    try:
        return (yield)
    finally:
        if (
            nextitem is not None
            and _serialized_rollback(item)
            and not _serialized_rollback(nextitem)
        ):
            _restore_serialized_contents(item.config)


def _serialized_rollback(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("serialized_rollback"))


def _restore_serialized_contents(config) -> None:
    from django.db import connections
    from pytest_django.plugin import blocking_manager_key

    with config.stash[blocking_manager_key].unblock():
        for connection in connections.all(initialized_only=True):
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                connection.creation.deserialize_db_from_string(contents)


@pytest.fixture
def rate_limit_clock(monkeypatch):
    """The clock every per-person limit reads (accounts.ratelimit), stopped at the start of
    a minute: a burst in a test never straddles two minutes; `.value += 60` is the next one."""
    from accounts import ratelimit

    now = SimpleNamespace(value=60.0 * 28_000_000)
    monkeypatch.setattr(ratelimit, "clock", lambda: now.value)
    return now


# --- background tasks ----------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _outbox_email(settings):
    """Django's test set-up swaps EMAIL_BACKEND for its locmem outbox: put the platform's
    own back, so every email is queued, delivered by a task, and lands in mail.outbox."""
    settings.EMAIL_BACKEND = "background.mail.OutboxEmailBackend"
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def run_tasks(db):
    """`run_tasks()` does what the worker would: commits (as far as on-commit callbacks go:
    the test's own transaction never commits), then runs every task that is due, and the
    tasks those enqueue, until none is left; the number of tasks run."""
    return work_off_the_queue
