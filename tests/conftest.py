import pytest
from django.conf import settings
from wagtail.models import Page

from tests.factories import HomePageFactory, locale, make_site, translate


@pytest.fixture(autouse=True)
def _all_locales(db):
    """The six languages exist as Wagtail locales, as after `make run`."""
    for code, _name in settings.LANGUAGES:
        locale(code)


@pytest.fixture
def home(db):
    """A master platform served on `testserver`, its home page in English and Arabic."""
    Page.objects.filter(depth=2).delete()
    page = HomePageFactory(title="Training Centre", slug="home", tagline="Learn with us")
    make_site(page, is_master=True)
    translate(page, "ar", title="مركز التدريب", tagline="تعلم معنا")
    return page
