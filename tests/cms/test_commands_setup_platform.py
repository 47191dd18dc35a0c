"""`setup_platform` on a freshly migrated database: the pages a first visitor sees."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.utils import translation
from wagtail.models import Page, Site

from accounts.models import User
from accounts.roles import ADMINISTRATOR
from cms.models import HomePage, PlatformSettings

WELCOME = "Welcome to your new Wagtail site!"


def setup(*languages, **options):
    call_command(
        "setup_platform",
        name="Knowledge Centre",
        host="testserver",
        port=80,
        languages=",".join(languages),
        **options,
    )


def page_text(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def in_language(code: str, text: str) -> str:
    with translation.override(code):
        return translation.gettext(text)


@pytest.mark.django_db
def test_fresh_database_gets_home_catalog_and_impact_in_each_language(client):
    """A fresh install shows the centre's home, catalog and impact pages in English and
    Arabic instead of Wagtail's welcome page."""
    assert WELCOME in page_text(client, "/en/")

    setup("en", "ar")

    home = page_text(client, "/en/")
    assert "Knowledge Centre" in home
    assert WELCOME not in home
    assert 'href="/en/catalog/"' in home
    assert "Catalog" in page_text(client, "/en/catalog/")
    assert "الفهرس" in page_text(client, "/ar/catalog/")
    assert 'lang="ar"' in page_text(client, "/ar/")
    assert in_language("ar", "Our impact") in page_text(client, "/ar/impact/")
    assert "Our impact" in page_text(client, "/en/impact/")
    assert in_language("ar", "About") in page_text(client, "/ar/about/")


@pytest.mark.django_db
def test_site_settings_and_roles():
    """The master platform is the default site on its host, marked master in its
    settings, with links in https:// on port 443, and the three roles exist."""
    call_command(
        "setup_platform", name="Knowledge Centre", host="Training.Example.org", languages="en"
    )

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == (
        "training.example.org",
        443,
        "https://training.example.org",
    )
    assert site.site_name == "Knowledge Centre"
    assert PlatformSettings.for_site(site).is_master
    assert Site.objects.count() == 1
    assert {"Learners", "Trainers", "Administrators"} <= set(
        Group.objects.values_list("name", flat=True)
    )


@pytest.mark.django_db
def test_running_again_changes_nothing_and_an_extra_language_is_added(client):
    """Run twice, the tree is the same; run with French added, the French pages appear
    and nothing is doubled."""
    setup("en", "ar")
    before = sorted(Page.objects.values_list("url_path", "locale__language_code"))

    setup("en", "ar")
    assert sorted(Page.objects.values_list("url_path", "locale__language_code")) == before

    setup("en", "ar", "fr")
    after = sorted(Page.objects.values_list("url_path", "locale__language_code"))
    assert len(after) == len(before) + 5  # home, catalog, impact, about, privacy in French
    assert HomePage.objects.filter(locale__language_code="fr").count() == 1
    assert "Knowledge Centre" in page_text(client, "/fr/")
    assert page_text(client, "/fr/catalog/")


@pytest.mark.django_db
def test_editors_changes_survive_a_second_run(client):
    """An editor's new catalog title is kept when the command runs again."""
    setup("en")
    catalog = Page.objects.get(slug="catalog", locale__language_code="en").specific
    catalog.title = "Our courses"
    catalog.save_revision().publish()

    setup("en")

    assert "Our courses" in page_text(client, "/en/catalog/")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"languages": "en,de"}, "Unknown language code(s): de"),
        ({"host": "https://training.example.org/"}, "is not a host name"),
        ({"host": "training example"}, "is not a host name"),
        ({"name": "  "}, "needs a name"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_changes_nothing(options, message):
    """A wrong language code, host or empty name stops with a message naming it, and the
    welcome page is still there."""
    arguments = {"name": "Knowledge Centre", "host": "training.example.org", **options}
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call_command("setup_platform", **arguments)
    assert not HomePage.objects.exists()


@pytest.mark.django_db
def test_first_administrator_from_the_environment(client, monkeypatch):
    """--admin-email creates an administrator who can log in and open the admin; a second
    run leaves the account alone."""
    monkeypatch.setenv("OPENTRAINING_ADMIN_PASSWORD", "a-long-first-password")
    setup("en", admin_email="director@example.org")
    setup("en", admin_email="director@example.org")

    user = User.objects.get(email="director@example.org")
    assert user.is_superuser and user.groups.filter(name=ADMINISTRATOR).exists()
    response = client.post(
        "/en/accounts/login/",
        {"login": "director@example.org", "password": "a-long-first-password"},
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_administrator_needs_a_password_without_a_terminal(monkeypatch):
    """Without a terminal and without the password variable, nothing is created."""
    monkeypatch.delenv("OPENTRAINING_ADMIN_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    with pytest.raises(CommandError, match="OPENTRAINING_ADMIN_PASSWORD"):
        setup("en", admin_email="director@example.org")
    assert not User.objects.exists()
    assert not HomePage.objects.exists()


@pytest.mark.django_db
def test_weak_administrator_password_leaves_nothing_half_made(monkeypatch):
    """A password the validators refuse stops the command before any page is made."""
    monkeypatch.setenv("OPENTRAINING_ADMIN_PASSWORD", "12345")
    with pytest.raises(CommandError, match="too short"):
        setup("en", admin_email="director@example.org")
    assert not HomePage.objects.exists()
