"""Arabic course pages with text still in English: each piece editors wrote takes the
direction of its first letter, and a session's time zone and venue keep their own."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cms.factories import translate
from courses.factories import (
    CatalogPageFactory,
    CoursePageFactory,
    ThemePageFactory,
    TrainerSnippetFactory,
    TrainingSessionFactory,
)
from courses.models import CourseTrainer

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(home):
    """A course translated into Arabic except for its English summary and objectives, with
    an English trainer and a session in a room in Almaty."""
    theme = ThemePageFactory(parent=home, title="Water", slug="water")
    translate(theme, "ar", title="المياه")
    course = CoursePageFactory(
        parent=theme,
        title="Hydrology",
        slug="hydrology",
        summary="Basic hydrology for flood forecasting.",
        prerequisites="Some statistics.",
        objectives=[("objective", "Read a rainfall forecast.")],
    )
    trainer = TrainerSnippetFactory(name="Grace Otieno", organisation="Met Office (UK).")
    CourseTrainer.objects.create(page=course, trainer=trainer)
    translate(course, "ar", title="علم المياه")
    starts = timezone.now() + timedelta(days=14)
    return TrainingSessionFactory(
        course=course,
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        timezone="Asia/Almaty",
        mode="in_room",
        venue="Hall B-12",
        city="Almaty",
    )


def arabic_page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    return html


def test_english_summary_and_objectives_take_their_own_direction(client, course):
    """The title carries dir="auto"; the summary and prerequisites, still in English, carry
    English's language and direction; each objective carries dir="auto"."""
    html = arabic_page(client, "/ar/water/hydrology/")
    assert '<h1 dir="auto">علم المياه</h1>' in html
    assert '<p class="lead" lang="en" dir="ltr">Basic hydrology for flood forecasting.</p>' in html
    assert '<li dir="auto">Read a rainfall forecast.</li>' in html
    assert '<div lang="en" dir="ltr"><p>Some statistics.</p></div>' in html
    assert '<a href="/ar/water/" dir="auto">المياه</a>' in html


def test_trainer_venue_and_time_zone_are_isolated_in_the_sentence(client, course):
    """The trainer's name and organisation, the venue and the time zone sit in <bdi>."""
    session = course
    html = arabic_page(client, "/ar/water/hydrology/")
    assert "<strong><bdi>Grace Otieno</bdi></strong>, <bdi>Met Office (UK).</bdi>" in html
    assert ", <bdi>Hall B-12</bdi>, <bdi>Almaty</bdi>" in html
    offset = timezone.localtime(session.starts_at, session.tzinfo).strftime("%z")
    assert f'<bdi class="zone" dir="ltr">(Asia/Almaty, UTC{offset})</bdi>' in html


def test_catalog_cards_and_the_search_box_take_their_own_direction(client, course, home):
    """In the Arabic catalog, a course card's title and summary and the typed search words
    each carry dir="auto"."""
    catalog = CatalogPageFactory(parent=home, title="Catalog", slug="catalog")
    translate(catalog, "ar", title="الدليل")
    html = arabic_page(client, "/ar/catalog/?q=hydrology")
    assert 'dir="auto">علم المياه</a></h3>' in html
    assert '<p dir="auto">Basic hydrology for flood forecasting.</p>' in html
    assert 'type="search" name="q" value="hydrology" dir="auto"' in html
