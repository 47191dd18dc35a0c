"""First start of a real platform: the master platform's site and page tree, without demo data.

`platform_setup` builds what a fresh database lacks (Wagtail's migrations leave only its
"Welcome to your new Wagtail site!" placeholder): the home page in each chosen language,
the site on its host name, the platform settings, the role groups, and the pages every
platform has. Later stages add their own pages (the catalog, the impact page) through the
`register_platform_pages` Wagtail hook, so this module never names them. Safe to run again:
only what is missing is created, and editors' changes are left alone.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps as django_apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Locale, Page, Site

from accounts.roles import sync_roles
from cms.models import HomePage, PlatformSettings, StandardPage

# A host name as ALLOWED_HOSTS and Wagtail's sites understand it: labels of letters, digits
# and hyphens separated by dots (no scheme, port, path or wildcard).
HOSTNAME = re.compile(r"^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))*$")


@dataclass(frozen=True)
class PlatformPage:
    """A page the first start creates under the master platform's home page, translated
    into every chosen language. `title` is a translatable string; `fields` are the same
    in every language."""

    model: type[Page]
    slug: str
    title: str | Promise
    fields: dict = field(default_factory=dict)


@dataclass
class PlatformSetupResult:
    site: Site
    home: HomePage
    languages: list[str]
    pages_created: int = 0
    steps: list[str] = field(default_factory=list)


# The pages cms itself owns; the catalog and impact pages come from their apps' hooks.
STANDARD_PAGES = [
    PlatformPage(
        StandardPage, "about", _("About"), {"show_in_menus": True, "show_in_footer": True}
    ),
    PlatformPage(StandardPage, "privacy", _("Privacy"), {"show_in_footer": True}),
]


def platform_languages_parse(value: str) -> list[str]:
    """Language codes from "en,ar,zh-hans", the default language first; ValidationError
    names any code the platform does not speak."""
    known = [code for code, _name in settings.LANGUAGES]
    codes = [code.strip().lower() for code in value.split(",") if code.strip()]
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise ValidationError(
            "Unknown language code(s): %(unknown)s. Choose among: %(known)s.",
            params={"unknown": ", ".join(unknown), "known": ", ".join(known)},
        )
    chosen = [settings.LANGUAGE_CODE, *codes]
    return list(dict.fromkeys(code for code in chosen))


def platform_hostname_clean(value: str) -> str:
    hostname = value.strip().lower().rstrip(".")
    if not HOSTNAME.match(hostname):
        raise ValidationError(
            "%(value)s is not a host name (e.g. training.example.org, without http:// or a "
            "port).",
            params={"value": repr(value)},
        )
    return hostname


def platform_setup(
    *,
    name: str,
    hostname: str,
    languages: list[str],
    port: int = 443,
    contact_email: str = "",
    log: Callable[[str], None] = lambda line: None,
) -> PlatformSetupResult:
    """Create what the master platform lacks, in one transaction; see the module's docstring.

    `languages` come from `platform_languages_parse`, `hostname` from
    `platform_hostname_clean`."""
    name = name.strip()
    if not name:
        raise ValidationError("The platform needs a name.")
    if not 1 <= port <= 65535:
        raise ValidationError("%(port)s is not a port number.", params={"port": port})
    with transaction.atomic():
        locales = {
            code: Locale.objects.get_or_create(language_code=code)[0] for code in languages
        }
        sync_roles(django_apps)
        removed = wagtail_placeholder_remove()
        if removed:
            log("Removed Wagtail's welcome page.")
        home, created = _master_home(name, locales)
        site = _master_site(home, name=name, hostname=hostname, port=port)
        platform_settings = PlatformSettings.for_site(site)
        platform_settings.is_master = True
        if contact_email and not platform_settings.contact_email:
            platform_settings.contact_email = contact_email
        platform_settings.save()
        pages = [*STANDARD_PAGES, *_registered_pages()]
        for spec in pages:
            created += platform_page_ensure(home, spec, locales)
    result = PlatformSetupResult(site=site, home=home, languages=languages, pages_created=created)
    log(
        f"{name} on {site.root_url}: home page and {len(pages)} pages in "
        f"{', '.join(languages)}; {created} pages created."
    )
    return result


def wagtail_placeholder_remove() -> int:
    """Wagtail's first migration makes a placeholder page and site; a platform replaces
    them. Only the untouched placeholder (a plain Page at the top) goes."""
    placeholders = Page.objects.filter(
        depth=2, content_type__app_label="wagtailcore", content_type__model="page"
    )
    removed = 0
    for page in placeholders:
        Site.objects.filter(root_page=page).delete()
        page.delete()
        removed += 1
    return removed


def platform_page_ensure(parent: Page, spec: PlatformPage, locales: dict[str, Locale]) -> int:
    """The page under `parent` (in the parent's language) and its translation into each
    of `locales`; how many pages were created."""
    page = spec.model.objects.child_of(parent).filter(slug=spec.slug).first()
    created = 0
    if page is None:
        page = spec.model(slug=spec.slug, title=_in(spec.title, parent.locale), **spec.fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        created += 1

    def titles(code: str) -> dict:
        return {"title": _in(spec.title, code)}

    return created + _translate_missing(page, titles, locales)


def _registered_pages() -> list[PlatformPage]:
    return [spec for hook in hooks.get_hooks("register_platform_pages") for spec in hook()]


def _in(text: str | Promise, locale_or_code: Locale | str) -> str:
    code = getattr(locale_or_code, "language_code", locale_or_code)
    with translation.override(code):
        return str(text)


def _master_home(name: str, locales: dict[str, Locale]) -> tuple[HomePage, int]:
    """The default site's home page if it is already one of ours, else the one this
    command made before (slug from the name), else a new one."""
    default = locales[settings.LANGUAGE_CODE]
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    home = None
    if site is not None:
        home = HomePage.objects.filter(pk=site.root_page_id).first()
        if home is not None and home.locale_id != default.pk:
            home = home.get_translation_or_none(default)
    slug = slugify(name) or "home"
    if home is None:
        home = HomePage.objects.filter(depth=2, locale=default, slug=slug).first()
    created = 0
    if home is None:
        home = Page.get_first_root_node().add_child(
            instance=HomePage(slug=slug, title=name, locale=default)
        )
        home.save_revision().publish()
        created += 1
    return home, created + _translate_missing(home, lambda code: {"title": name}, locales)


def _translate_missing(page: Page, fields_for, locales: dict[str, Locale]) -> int:
    """Publish the page's translation into each locale it lacks, and record it with
    wagtail-localize so that editors can sync it when the original changes."""
    written = []
    for code, locale in locales.items():
        if locale.pk == page.locale_id or page.has_translation(locale):
            continue
        copy = page.copy_for_translation(locale)
        for name, value in fields_for(code).items():
            setattr(copy, name, value)
        copy.save_revision().publish()
        written.append(copy)
    if written and django_apps.is_installed("wagtail_localize"):
        _register_with_localize(page, written)
    return len(written)


def _register_with_localize(source: Page, translations: list[Page]) -> None:
    """A wagtail-localize translation per copy, with its title as a translated string."""
    from wagtail_localize.models import (
        StringSegment,
        StringTranslation,
        Translation,
        TranslationSource,
    )

    translation_source, _created = TranslationSource.get_or_create_from_instance(source)
    titles = StringSegment.objects.filter(
        source=translation_source, string__data=source.title
    ).select_related("string")
    for page in translations:
        Translation.objects.get_or_create(
            source=translation_source, target_locale=page.locale, defaults={"enabled": True}
        )
        for segment in titles:
            StringTranslation.objects.get_or_create(
                translation_of_id=segment.string_id,
                locale=page.locale,
                context_id=segment.context_id,
                defaults={
                    "data": page.title,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                },
            )


def _master_site(home: HomePage, *, name: str, hostname: str, port: int) -> Site:
    site = Site.objects.filter(root_page=home).first() or Site(root_page=home)
    site.hostname = hostname
    site.port = port
    site.site_name = site.site_name or name
    site.is_default_site = True
    Site.objects.filter(is_default_site=True).exclude(pk=site.pk).update(is_default_site=False)
    site.save()
    return site
