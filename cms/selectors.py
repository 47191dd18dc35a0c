"""Reads of the site structure that templates and views share."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Locale, Page, Site


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool


@dataclass(frozen=True)
class SubPlatform:
    title: str
    tagline: str
    url: str


def localized_home(site: Site | None) -> Page | None:
    """The site's home page in the active language, or in the default one if untranslated."""
    if site is None:
        return None
    return site.root_page.localized.specific


def menu_pages(home: Page) -> list[Page]:
    return list(home.get_children().live().in_menu().only("id", "title", "url_path", "path"))


def footer_pages(home: Page) -> list[Page]:
    from cms.models import StandardPage

    return list(
        StandardPage.objects.descendant_of(home)
        .live()
        .filter(show_in_footer=True)
        .only("id", "title", "url_path", "path")
    )


def language_links(request, page: Page | None = None) -> list[LanguageLink]:
    """One link per language that keeps the reader on the same page.

    A Wagtail page links to its own translations; a language it lacks links to the home
    page in that language. Any other view links to the same path under the other prefix.
    """
    current = get_language()
    translations = _translations_by_language(page) if page is not None else {}
    fallbacks = {}
    if page is not None and len(translations) < len(settings.LANGUAGES):
        fallbacks = _translations_by_language(localized_home(Site.find_for_request(request)))
    links = []
    for code, name in settings.LANGUAGES:
        if page is not None:
            target = translations.get(code) or fallbacks.get(code)
            url = target.get_url(request) if target else f"/{code}/"
        else:
            url = translate_url(request.get_full_path(), code)
        links.append(LanguageLink(code=code, name=name, url=url, is_current=code == current))
    return links


def _translations_by_language(page: Page | None) -> dict[str, Page]:
    if page is None or not page.pk:
        return {}
    translations = page.get_translations(inclusive=True).live().select_related("locale")
    return {translation.locale.language_code: translation for translation in translations}


def sub_platforms(*, exclude_site: Site, request) -> list[SubPlatform]:
    """Every other platform's home page, in the active language where translated."""
    from cms.models import HomePage

    sites = list(Site.objects.exclude(pk=exclude_site.pk).select_related("root_page"))
    if not sites:
        return []
    locale = Locale.get_active()
    keys = [site.root_page.translation_key for site in sites]
    homes = {
        (home.translation_key, home.locale_id): home
        for home in HomePage.objects.live().filter(translation_key__in=keys)
    }
    result = []
    for site in sorted(sites, key=lambda s: s.site_name or s.hostname):
        key = site.root_page.translation_key
        home = homes.get((key, locale.pk)) or homes.get((key, site.root_page.locale_id))
        if home is None:
            continue
        url = home.get_url(request)
        result.append(SubPlatform(title=home.title, tagline=home.tagline, url=url))
    return result
