import pytest

from cms.factories import StandardPageFactory, translate

pytestmark = pytest.mark.django_db


def test_bare_root_redirects_by_browser_language(client, home):
    """Opening / sends the reader to the home page in their browser's language."""
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ar,en;q=0.5")
    assert response.status_code == 302
    assert response["Location"] == "/ar/"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
    assert response["Location"] == "/zh-hans/"


def test_bare_root_falls_back_to_english(client, home):
    """A browser language the platform does not speak gets English."""
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="de")
    assert response["Location"] == "/en/"


def test_language_switcher_keeps_the_reader_on_the_same_page(client, home):
    """From a page, each language links to that page's own translation."""
    about = StandardPageFactory(parent=home, title="About", slug="about")
    arabic_home = home.get_translation(home.locale.__class__.objects.get(language_code="ar"))
    translate(about, "ar", title="من نحن", slug="about")
    html = client.get("/en/about/").content.decode()
    assert '<a href="/ar/about/" lang="ar" hreflang="ar">العربية</a>' in html
    assert arabic_home.live


def test_language_switcher_falls_back_to_the_translated_home(client, home):
    """A language the page lacks links to the home page in that language."""
    StandardPageFactory(parent=home, title="About", slug="about")
    html = client.get("/en/about/").content.decode()
    assert '<a href="/ar/" lang="ar" hreflang="ar">العربية</a>' in html


def test_language_switcher_on_account_pages_keeps_the_path(client, home):
    """On the log-in page, each language links to the log-in page in that language."""
    html = client.get("/en/accounts/login/").content.decode()
    assert 'href="/es/accounts/login/" lang="es"' in html
    assert 'href="/zh-hans/accounts/login/" lang="zh-hans"' in html


def test_unknown_page_gives_a_translated_404(client, home):
    """A missing page answers 404 with a message in the reader's language."""
    response = client.get("/fr/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="fr" dir="ltr">' in html
    assert "Page introuvable" in html


def test_unknown_language_prefix_ends_on_a_404_in_the_browser_language(client, home):
    """A language the platform does not have is not found, in the reader's language."""
    response = client.get("/xx/", HTTP_ACCEPT_LANGUAGE="ar", follow=True)
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "الصفحة غير موجودة" in html


def test_arabic_account_pages_are_right_to_left(client, home):
    """allauth's pages use the site's layout, so Arabic sign-up reads right to left."""
    html = client.get("/ar/accounts/signup/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert 'class="site-header"' in html


@pytest.mark.parametrize("path", ["/api/sessions/999999/", "/documents/999999/x.pdf", "/healthz/x"])
def test_machine_endpoints_answer_404_without_a_language_redirect(client, home, path):
    """A missing document or API object is a 404 where it was asked, not a redirect."""
    assert client.get(path).status_code == 404
