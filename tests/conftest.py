import pytest
from django.conf import settings
from django.core.cache import cache
from wagtail.models import Page

from tests.factories import HomePageFactory, locale, make_site, translate


@pytest.fixture(autouse=True)
def _all_locales(db):
    """The six languages exist as Wagtail locales, as after `make run`."""
    for code, _name in settings.LANGUAGES:
        locale(code)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate limits and cached site roots live in the cache; no test sees another's."""
    _clear_own_cache()
    yield
    _clear_own_cache()


def _clear_own_cache():
    """Empty this run's cache. On Redis, `cache.clear()` would flush the whole database, and
    with it the keys and channel-layer groups of test runs going on in parallel: delete only
    the keys under this run's prefix."""
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
