"""Reads of the site structure that templates and views share."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Subquery
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page, Site

from cms.page_cache import remember


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool


@dataclass(frozen=True)
class FooterLink:
    label: str
    url: str


# Later stages add links to every page's footer by registering a function of the request
# under this Wagtail hook name; it returns a FooterLink, or None to add nothing.
FOOTER_LINKS_HOOK = "register_footer_link"


@dataclass(frozen=True)
class HomeSection:
    """A block of a platform's home page that a later stage fills: the template it is
    rendered with, which receives `section` (this object) and `data`."""

    template_name: str
    data: object
    order: int = 100


# Later stages add sections to the home page by registering a function of (request, home
# page) under this Wagtail hook name; it returns a HomeSection, or None to add nothing.
HOME_SECTIONS_HOOK = "register_home_page_section"


@dataclass(frozen=True)
class SubPlatform:
    title: str
    tagline: str
    url: str


def site_homes(site: Site | None) -> dict[str, Page]:
    """The site's home page in each language it is published in, by language code (every
    page asks: kept until pages or sites change, see cms.page_cache)."""
    from cms.models import HomePage

    if site is None:
        return {}

    def homes():
        root_key = Page.objects.filter(pk=site.root_page_id).values("translation_key")[:1]
        homes = HomePage.objects.live().filter(translation_key=Subquery(root_key))
        return {home.locale.language_code: home for home in homes.select_related("locale")}

    return remember("site-homes", homes, site.pk, site.root_page_id)


def localized_home(site: Site | None, homes: dict[str, Page]) -> Page | None:
    """The home page in the active language, else the site's own root page."""
    home = homes.get(get_language())
    if home is None and site is not None:
        home = next((h for h in homes.values() if h.pk == site.root_page_id), None)
    return home


def locale_codes() -> dict[int, str]:
    """The language code of each Wagtail locale, by id (kept until locales change)."""
    from wagtail.models import Locale

    return remember("locale-codes", lambda: dict(Locale.objects.values_list("pk", "language_code")))


def menu_pages(home: Page) -> list[Page]:
    """The home page's children shown in menus (kept until pages change)."""

    def pages():
        children = home.get_children().live().in_menu()
        return list(children.only("id", "title", "url_path", "path"))

    return remember("menu-pages", pages, home.pk)


def footer_pages(home: Page) -> list[Page]:
    """The standard pages shown in the footer (kept until pages change)."""
    from cms.models import StandardPage

    def pages():
        shown = StandardPage.objects.descendant_of(home).live().filter(show_in_footer=True)
        return list(shown.only("id", "title", "url_path", "path"))

    return remember("footer-pages", pages, home.pk)


def footer_links(request) -> list[FooterLink]:
    """The links later stages register for the footer, in the active language."""
    from wagtail import hooks

    links = (register(request) for register in hooks.get_hooks(FOOTER_LINKS_HOOK))
    return [link for link in links if link is not None]


def home_sections(request, home: Page) -> list[HomeSection]:
    """The sections later stages register for this home page, in their order."""
    from wagtail import hooks

    sections = (register(request, home) for register in hooks.get_hooks(HOME_SECTIONS_HOOK))
    return sorted((section for section in sections if section), key=lambda s: s.order)


def language_links(request, page: Page | None, homes: dict[str, Page]) -> list[LanguageLink]:
    """One link per language that keeps the reader on the same page.

    A Wagtail page links to its own translations; a language it lacks links to the home
    page in that language. Any other view links to the same path under the other prefix.
    """
    current = get_language()
    translations = {}
    if page is not None and page.pk:

        def live_translations():
            live = page.get_translations(inclusive=True).live().select_related("locale")
            return {translation.locale.language_code: translation for translation in live}

        # Every page's language switcher asks: kept until pages change.
        translations = remember("translations", live_translations, page.translation_key)
    links = []
    for code, name in settings.LANGUAGES:
        if page is not None:
            target = translations.get(code) or homes.get(code)
            url = target.get_url(request) if target else f"/{code}/"
        else:
            url = translate_url(request.get_full_path(), code)
        links.append(LanguageLink(code=code, name=name, url=url, is_current=code == current))
    return links


def sub_platforms(*, exclude_site: Site, request) -> list[SubPlatform]:
    """Every other platform's home page, in the active language where translated."""
    from cms.models import HomePage

    sites = list(Site.objects.exclude(pk=exclude_site.pk))
    if not sites:
        return []
    root_keys = Page.objects.filter(pk__in=[site.root_page_id for site in sites])
    homes = HomePage.objects.live().filter(
        translation_key__in=Subquery(root_keys.values("translation_key"))
    )
    by_key: dict = {}
    roots = {}
    for home in homes.select_related("locale"):
        by_key.setdefault(home.translation_key, {})[home.locale.language_code] = home
        roots[home.pk] = home
    language = get_language()
    result = []
    for site in sorted(sites, key=lambda s: s.site_name or s.hostname):
        root = roots.get(site.root_page_id)
        if root is None:
            continue
        home = by_key[root.translation_key].get(language, root)
        url = home.get_url(request)
        result.append(SubPlatform(title=home.title, tagline=home.tagline, url=url))
    return result


def master_platform(*, site: Site, request) -> SubPlatform | None:
    """The master platform's home page in the active language, seen from a sub-platform."""
    from cms.models import PlatformSettings

    master = (
        PlatformSettings.objects.filter(is_master=True)
        .exclude(site=site)
        .select_related("site")
        .first()
    )
    if master is None:
        return None
    home = localized_home(master.site, site_homes(master.site))
    if home is None:
        return None
    return SubPlatform(title=home.title, tagline=home.tagline, url=home.get_url(request))
