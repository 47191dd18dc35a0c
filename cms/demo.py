"""Demo site structure: the master platform and three sub-platforms, each with a home page
in the six languages, and the master's about, FAQ and privacy pages."""

import os

from wagtail.models import Locale, Page, Site

from cms.demo_content import LANGUAGE_CODES, PLATFORMS, STANDARD_PAGES
from cms.models import HomePage, PlatformSettings, StandardPage
from cms.services import wagtail_placeholder_remove


def load(stdout) -> None:
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGE_CODES}
    port = int(os.environ.get("PORT", "8000"))
    master_host = os.environ.get("HOST", "127.0.0.1")
    wagtail_placeholder_remove()
    created = 0
    for platform in PLATFORMS:
        home, made = _home_page(platform, locales)
        created += made
        _site(platform, home, hostname=platform["hostname"] or master_host, port=port)
        if platform["is_master"]:
            for spec in STANDARD_PAGES:
                created += _standard_page(home, spec, locales)
    stdout.write(f"Site structure: {len(PLATFORMS)} platforms, {created} pages created.")


def _publish(page: Page) -> None:
    page.save_revision().publish()


def _home_page(platform: dict, locales: dict) -> tuple[HomePage, int]:
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=locales["en"], slug=platform["slug"], depth=2).first()
    created = 0
    if home is None:
        fields = _home_fields(platform, "en")
        home = root.add_child(instance=HomePage(slug=platform["slug"], **fields))
        _publish(home)
        created += 1
    created += _translate_missing(home, lambda code: _home_fields(platform, code), locales)
    return home, created


def _translate_missing(page: Page, fields_for, locales: dict) -> int:
    """Publish the page's translation into each language it lacks; how many were made."""
    created = 0
    for code in LANGUAGE_CODES[1:]:
        if page.has_translation(locales[code]):
            continue
        translation = page.copy_for_translation(locales[code])
        for field, value in fields_for(code).items():
            setattr(translation, field, value)
        _publish(translation)
        created += 1
    return created


def _home_fields(platform: dict, code: str) -> dict:
    body = platform["body"].get(code)
    return {
        "title": platform["title"][code],
        "tagline": platform["tagline"][code],
        "footer_text": platform["footer"].get(code, ""),
        "body": [("paragraph", f"<p>{body}</p>")] if body else [],
    }


def _site(platform: dict, home: HomePage, *, hostname: str, port: int) -> Site:
    site = Site.objects.filter(root_page=home).first()
    if site is None:
        site = Site(root_page=home)
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


def _standard_page(home: HomePage, spec: dict, locales: dict) -> int:
    page = StandardPage.objects.child_of(home).filter(slug=spec["slug"]).first()
    created = 0
    if page is None:
        page = home.add_child(instance=StandardPage(slug=spec["slug"], **_page_fields(spec, "en")))
        _publish(page)
        created += 1
    return created + _translate_missing(page, lambda code: _page_fields(spec, code), locales)


def _page_fields(spec: dict, code: str) -> dict:
    return {
        "title": spec["title"][code],
        "intro": spec["intro"][code],
        "show_in_menus": spec["show_in_menus"],
        "show_in_footer": spec["show_in_footer"],
    }
