import pytest
from django.urls import reverse

from cms.factories import HomePageFactory, StandardPageFactory, make_site, translate

pytestmark = pytest.mark.django_db


def test_home_page_shows_platform_name_and_tagline(client, home):
    """A reader sees the platform's name and tagline on its home page."""
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 dir="auto">Training Centre</h1>' in html
    assert "Learn with us" in html


def test_arabic_home_page_is_right_to_left(client, home):
    """The Arabic home page declares its language and right-to-left direction."""
    html = client.get("/ar/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "مركز التدريب" in html


def test_english_home_page_is_left_to_right(client, home):
    """Other languages read left to right."""
    html = client.get("/en/").content.decode()
    assert '<html lang="en" dir="ltr">' in html


def test_home_page_without_translation_falls_back_to_default_language(client, home):
    """A language the home page lacks still serves the page, in the original language."""
    response = client.get("/fr/")
    assert response.status_code == 200
    assert "Training Centre" in response.content.decode()


def test_master_home_lists_sub_platforms_in_reader_language(client, home):
    """The master platform's home lists each sub-platform, translated where possible."""
    drr = HomePageFactory(title="Disaster Risk Reduction", slug="drr", tagline="Be ready")
    make_site(drr, hostname="drr.localhost", is_default=False)
    translate(drr, "ar", title="الحد من مخاطر الكوارث", tagline="كن مستعدا")

    english = client.get("/en/").content.decode()
    assert "Disaster Risk Reduction" in english
    assert "http://drr.localhost/en/" in english

    arabic = client.get("/ar/").content.decode()
    assert "الحد من مخاطر الكوارث" in arabic
    assert "http://drr.localhost/ar/" in arabic


def test_sub_platform_home_does_not_list_platforms(client, home):
    """Only the master platform lists the others."""
    drr = HomePageFactory(title="Disaster Risk Reduction", slug="drr")
    make_site(drr, hostname="drr.localhost", is_default=False)
    html = client.get("/en/", HTTP_HOST="drr.localhost").content.decode()
    assert '<h1 dir="auto">Disaster Risk Reduction</h1>' in html
    assert "Our platforms" not in html
    # The master is named only in the way back to it.
    assert html.count("Training Centre") == 1
    assert "Part of Training Centre" in html


def test_menu_and_footer_list_pages_marked_for_them(client, home):
    """Pages shown in menus appear in the header, footer pages in the footer."""
    StandardPageFactory(parent=home, title="About us", slug="about", show_in_menus=True)
    StandardPageFactory(parent=home, title="Privacy", slug="privacy", show_in_footer=True)
    html = client.get("/en/").content.decode()
    header, footer = html.split("<main", 1)[0], html.split("</main>", 1)[1]
    assert '<a href="/en/about/">About us</a>' in header
    assert "Privacy" not in header
    assert '<a href="/en/privacy/">Privacy</a>' in footer


def test_anonymous_reader_sees_log_in_and_sign_up(client, home):
    """The header offers log in and sign up in the reader's language."""
    html = client.get("/fr/").content.decode()
    assert reverse("account_login").replace("/en/", "/fr/") in html
    assert "Connexion" in html or "Se connecter" in html
