import pytest
from django.conf import settings
from django.db import transaction
from wagtail.models import Page

from cms.factories import HomePageFactory, locale, make_site, translate
from tests.reporting.factories import small_centre


@pytest.fixture(scope="module")
def centre(django_db_setup, django_db_blocker):
    """The small centre of tests/reporting/factories.py, with known figures; built once
    per module inside a transaction rolled back at its end (each test still runs in its
    own savepoint). A module using it must not use the `home` fixture, which would delete
    the centre's pages."""
    with django_db_blocker.unblock(), transaction.atomic():
        for code, _name in settings.LANGUAGES:
            locale(code)
        Page.objects.filter(depth=2).delete()
        home = HomePageFactory(title="Training Centre", slug="home", tagline="Learn with us")
        make_site(home, is_master=True)
        translate(home, "ar", title="مركز التدريب", tagline="تعلم معنا")
        yield small_centre(home)
        transaction.set_rollback(True)
