"""Demo site structure: the master platform and three sub-platforms, each with a home page
in the six languages, and the master's about, FAQ and privacy pages."""

import os

from wagtail.models import Locale, Page, Site

from cms.demo_content import LANGUAGE_CODES, PLATFORMS, STANDARD_PAGES
from cms.factories import HomePageFactory, StandardPageFactory, translate_missing
from cms.models import HomePage, PlatformSettings, StandardPage
from cms.services import wagtail_placeholder_remove


def load(stdout) -> None:
    english = Locale.objects.get_or_create(language_code="en")[0]
    port = int(os.environ.get("PORT", "8000"))
    master_host = os.environ.get("HOST", "127.0.0.1")
    wagtail_placeholder_remove()
    created = 0
    for platform in PLATFORMS:
        home = HomePage.objects.filter(locale=english, slug=platform["slug"], depth=2).first()
        created += home is None
        home = home or HomePageFactory(
            parent=Page.get_first_root_node(), slug=platform["slug"], **_home(platform, "en")
        )
        created += translate_missing(home, lambda code, p=platform: _home(p, code), LANGUAGE_CODES)
        _site(platform, home, hostname=platform["hostname"] or master_host, port=port)
        for spec in STANDARD_PAGES if platform["is_master"] else ():
            page = StandardPage.objects.child_of(home).filter(slug=spec["slug"]).first()
            created += page is None
            page = page or StandardPageFactory(parent=home, slug=spec["slug"], **_page(spec, "en"))
            created += translate_missing(page, lambda code, s=spec: _page(s, code), LANGUAGE_CODES)
    stdout.write(f"Site structure: {len(PLATFORMS)} platforms, {created} pages created.")


def _home(platform: dict, code: str) -> dict:
    body = platform["body"].get(code)
    return {
        "title": platform["title"][code],
        "tagline": platform["tagline"][code],
        "footer_text": platform["footer"].get(code, ""),
        "body": [("paragraph", f"<p>{body}</p>")] if body else [],
    }


def _page(spec: dict, code: str) -> dict:
    return {
        "title": spec["title"][code],
        "intro": spec["intro"][code],
        "show_in_menus": spec["show_in_menus"],
        "show_in_footer": spec["show_in_footer"],
    }


def _site(platform: dict, home: HomePage, *, hostname: str, port: int) -> Site:
    site = Site.objects.filter(root_page=home).first() or Site(root_page=home)
    site.hostname = hostname
    site.port = port
    site.site_name = platform["title"]["en"]
    site.is_default_site = platform["is_master"]
    if platform["is_master"]:
        Site.objects.filter(is_default_site=True).exclude(pk=site.pk).update(is_default_site=False)
    site.save()
    settings = PlatformSettings.for_site(site)
    if not settings.contact_email:
        settings.is_master = platform["is_master"]
        settings.contact_email = platform["contact_email"]
        settings.host_country = platform.get("host_country", "")
        settings.save()
    return site
