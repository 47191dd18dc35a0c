"""Public pages from the shared cache: what each reader sees, and when the kept copy is
replaced."""

import gzip
import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import Client

from accounts.factories import UserFactory
from cms.factories import StandardPageFactory, translate
from courses.factories import (
    CatalogPageFactory,
    CoursePageFactory,
    CourseTrainerProfileFactory,
    ThemePageFactory,
    TrainingSessionFactory,
)
from courses.models import CourseTrainer
from enrollment.factories import LearnerProfileFactory
from enrollment.services import enrollment_create

pytestmark = pytest.mark.django_db

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def site(home):
    """A platform with a standard page, a catalog, a theme and a course with one session,
    in English, French and Arabic."""
    about = StandardPageFactory(parent=home, title="About", slug="about", intro="We teach.")
    catalog = CatalogPageFactory(parent=home)
    theme = ThemePageFactory(parent=home, title="Energy", slug="energy")
    course = CoursePageFactory(parent=theme, title="Solar power", slug="solar")
    translate(home, "fr", title="Centre de formation")
    for page, french, arabic in (
        (theme, "Énergie", "الطاقة"),
        (course, "Énergie solaire", "الطاقة الشمسية"),
    ):
        translate(page, "fr", title=french)
        translate(page, "ar", title=arabic)
    session = TrainingSessionFactory(course=course, capacity=3)
    return {
        "about": about,
        "catalog": catalog,
        "theme": theme,
        "course": course,
        "session": session,
    }


def reader(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def learner(first_name: str):
    return LearnerProfileFactory(user=UserFactory(first_name=first_name)).user


def page(client, path: str):
    response = client.get(path)
    assert response.status_code == 200
    return response


def test_second_anonymous_request_is_a_hit_without_a_query(client, site, django_assert_num_queries):
    """The first visitor's page is kept; the next one gets it without touching the database."""
    first = page(client, "/en/about/")
    assert first["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = Client().get("/en/about/")
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert "public" in second["Cache-Control"]
    assert "Cookie" in second["Vary"]


def test_a_kept_page_goes_out_compressed_to_readers_who_accept_it(site):
    """A browser asking for gzip gets the kept page compressed; one that does not, plain."""
    plain = page(reader(), "/en/about/")
    compressed = Client(HTTP_ACCEPT_ENCODING="gzip, deflate").get("/en/about/")
    assert compressed["X-Cache"] == "hit"
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    assert gzip.decompress(compressed.content) == plain.content
    assert page(reader(), "/en/about/").content == plain.content


def test_an_unchanged_page_is_not_sent_again(site):
    """A browser that has the page already gets a 304 Not Modified."""
    etag = page(reader(), "/en/about/")["ETag"]
    assert Client(HTTP_IF_NONE_MATCH=etag).get("/en/about/").status_code == 304


@pytest.mark.parametrize("path", ["/en/", "/en/catalog/", "/en/energy/", "/en/energy/solar/"])
def test_public_pages_are_kept(site, path):
    """Home, catalog, theme and course pages come from the cache the second time."""
    assert page(reader(), path)["X-Cache"] == "miss"
    assert page(reader(), path)["X-Cache"] == "hit"


def test_every_language_has_its_own_copy(site):
    """/fr/ and /ar/ each get their own body, in their own language."""
    english = page(reader(), "/en/energy/").content.decode()
    french = page(reader(), "/fr/energy/")
    arabic = page(reader(), "/ar/energy/")
    assert french["X-Cache"] == "miss"
    assert arabic["X-Cache"] == "miss"
    assert 'lang="fr"' in french.content.decode()
    assert "Énergie" in french.content.decode()
    assert 'dir="rtl"' in arabic.content.decode()
    assert "الطاقة" in arabic.content.decode()
    assert page(reader(), "/fr/energy/").content == french.content
    assert page(reader(), "/ar/energy/").content == arabic.content
    assert page(reader(), "/en/energy/").content.decode() == english


@pytest.mark.parametrize("reversed_order", [False, True], ids=["users first", "visitor first"])
@pytest.mark.parametrize("path", ["/en/", "/en/about/", "/en/energy/", "/en/energy/solar/"])
def test_no_reader_sees_another_readers_menu_or_enrollment(site, path, reversed_order):
    """Two logged-in learners and a visitor read the same page, in either order: each sees
    their own menu, their own enrollment and their own CSRF token, nobody else's."""
    amina, bruno = learner("Amina"), learner("Bruno")
    enrollment = enrollment_create(user=amina, session=site["session"])
    readers = [("amina", reader(amina)), ("bruno", reader(bruno)), ("visitor", reader())]
    if reversed_order:
        readers.reverse()
    seen = {name: page(client, path).content.decode() for name, client in readers}

    for name in ("amina", "bruno"):
        assert "Log out" in seen[name]
        assert "My learning" in seen[name]
        assert "Log in" not in seen[name]
    assert "Log out" not in seen["visitor"]
    assert "My learning" not in seen["visitor"]
    assert "Log in" in seen["visitor"]
    assert "csrfmiddlewaretoken" not in seen["visitor"]
    tokens = {name: CSRF_INPUT.findall(seen[name]) for name in ("amina", "bruno")}
    assert tokens["amina"] and tokens["bruno"]
    assert not set(tokens["amina"]) & set(tokens["bruno"])
    for name, html in seen.items():
        for other in ("amina", "bruno"):
            if other != name:
                assert not any(token in html for token in tokens[other])
        for user in (amina, bruno):
            assert user.email not in html
    mark = f"#enrollment-{enrollment.pk}"
    if path == "/en/energy/solar/":
        assert mark in seen["amina"]
    assert mark not in seen["bruno"]
    assert mark not in seen["visitor"]


def test_a_logged_in_reader_gets_the_kept_copy_with_their_menu(site, django_assert_max_num_queries):
    """A learner reading a page a visitor made current gets it with their own menu, for
    the cost of their session and account, not a full render."""
    page(reader(), "/en/about/")
    amina = reader(learner("Amina"))
    with django_assert_max_num_queries(4):
        response = page(amina, "/en/about/")
    assert response["X-Cache"] == "hit"
    assert "private" in response["Cache-Control"]
    html = response.content.decode()
    assert "Log out" in html
    assert "Log in" not in html
    assert "We teach." in html


def test_editors_get_a_full_page(site, admin_client):
    """Someone who may edit pages gets a page of their own (with Wagtail's user bar)."""
    page(reader(), "/en/about/")
    response = page(admin_client, "/en/about/")
    assert response["X-Cache"] == "bypass"
    assert "Administration" in response.content.decode()


def test_publishing_in_the_admin_shows_the_new_text_to_the_next_visitor(site, admin_client):
    """An editor publishes a new introduction; the next visitor reads it."""
    about = site["about"]
    assert "We teach." in page(reader(), "/en/about/").content.decode()
    assert page(reader(), "/en/about/")["X-Cache"] == "hit"
    response = admin_client.post(
        f"/admin/pages/{about.pk}/edit/",
        {
            "title": "About",
            "slug": "about",
            "intro": "We teach in six languages.",
            "body-count": "0",
            "action-publish": "publish",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    html = page(reader(), "/en/about/").content.decode()
    assert "We teach in six languages." in html


def test_a_preview_of_a_draft_never_reaches_visitors(site):
    """An editor's preview of unpublished text renders it for them only; visitors who come
    after it read the published page."""
    about = site["about"]
    about.intro = "Draft: not for readers yet."
    preview = about.make_preview_request()
    assert "Draft: not for readers yet." in preview.content.decode()
    for _ in range(2):
        html = page(reader(), "/en/about/").content.decode()
        assert "We teach." in html
        assert "Draft" not in html


def test_unpublishing_takes_the_page_away_from_visitors(site):
    """An unpublished page is no longer served from the cache."""
    page(reader(), "/en/about/")
    site["about"].unpublish()
    assert reader().get("/en/about/").status_code == 404


def test_an_enrollment_that_fills_a_session_changes_the_seats_shown(
    site, django_capture_on_commit_callbacks
):
    """The course page said one seat left; once a learner takes it, visitors read that the
    session is full."""
    session = site["session"]
    for _ in range(2):
        enrollment_create(user=learner("Early"), session=session)
    html = page(reader(), "/en/energy/solar/").content.decode()
    assert "1 seat left" in html
    assert page(reader(), "/en/energy/solar/")["X-Cache"] == "hit"

    amina = reader(learner("Amina"))
    with django_capture_on_commit_callbacks(execute=True):
        response = amina.post(f"/en/sessions/{session.pk}/enroll/")
    assert response.status_code == 302
    html = page(reader(), "/en/energy/solar/").content.decode()
    assert "0 seats left" in html
    assert "1 seat left" not in html


def test_editing_a_session_changes_the_course_page(site):
    """A session given more seats shows them to the next visitor."""
    assert "3 seats left" in page(reader(), "/en/energy/solar/").content.decode()
    session = site["session"]
    session.capacity = 10
    session.save()
    assert "10 seats left" in page(reader(), "/en/energy/solar/").content.decode()


def test_a_trainer_added_to_a_course_shows_on_it(site):
    """The course page kept before a trainer joined the course shows them afterwards."""
    assert "Dr Okafor" not in page(reader(), "/en/energy/solar/").content.decode()
    trainer = CourseTrainerProfileFactory(name="Dr Okafor")
    CourseTrainer.objects.create(page=site["course"], trainer=trainer, sort_order=0)
    assert "Dr Okafor" in page(reader(), "/en/energy/solar/").content.decode()


def test_posts_are_never_kept(site):
    """A POST is answered by the view every time and never fills the cache."""
    amina = reader(learner("Amina"))
    path = f"/en/sessions/{site['session'].pk}/enroll/"
    first = amina.post(path)
    assert "X-Cache" not in first
    assert amina.post(path).get("X-Cache") is None


def test_pages_for_logged_in_readers_only_are_never_kept(site):
    """My learning is rendered for its reader every time, never kept."""
    amina = reader(learner("Amina"))
    for _ in range(2):
        response = page(amina, "/en/learning/")
        assert "X-Cache" not in response
    assert reader().get("/en/learning/").status_code == 302


def test_a_visitor_with_a_message_gets_it_and_nobody_else_does(site, rf):
    """A message waiting for a visitor is shown to them on a public page, and the page with
    it is not kept for the next visitor."""
    page(reader(), "/en/about/")
    visitor = reader()
    storage = CookieStorage(rf.get("/"))
    visitor.cookies["messages"] = storage._encode([Message(constants.INFO, "Welcome, Amina.")])
    response = page(visitor, "/en/about/")
    assert "Welcome, Amina." in response.content.decode()
    assert response["X-Cache"] == "bypass"
    assert "Welcome, Amina." not in page(reader(), "/en/about/").content.decode()


def test_certificate_check_page_is_kept_without_a_code_only(site):
    """The verification help page is kept; a looked-up code is answered by the view."""
    assert page(reader(), "/en/certificates/verify/")["X-Cache"] == "miss"
    assert page(reader(), "/en/certificates/verify/")["X-Cache"] == "hit"
    for _ in range(2):
        assert "X-Cache" not in page(reader(), "/en/certificates/verify/?code=ABCD")


def test_cache_off_renders_every_time(site, settings):
    """PUBLIC_PAGE_CACHE_SECONDS = 0 turns the cache off."""
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    for _ in range(2):
        assert "X-Cache" not in page(reader(), "/en/about/")
