"""Factories for the site structure: pages are built as an editor would, by adding children
to the tree and publishing a revision; a page's translations are copies of it."""

import factory
from wagtail.models import Locale, Page, Site

from cms.models import HomePage, PlatformSettings, StandardPage


def locale(code: str) -> Locale:
    return Locale.objects.get_or_create(language_code=code)[0]


def publish(page: Page, *, clean: bool = True) -> Page:
    """`clean=False` skips validating the revision, which publish() validates again."""
    page.save_revision(clean=clean).publish()
    return page


class PageFactory(factory.django.DjangoModelFactory):
    """Adds the page under `parent` (the tree's root by default) and publishes it
    (`clean=False`: without validating the revision too)."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")

    @classmethod
    def _create(cls, model_class, *args, parent=None, clean=True, **kwargs):
        parent = parent or Page.get_first_root_node()
        return publish(parent.add_child(instance=model_class(*args, **kwargs)), clean=clean)


class HomePageFactory(PageFactory):
    class Meta:
        model = HomePage

    title = factory.Sequence(lambda n: f"Platform {n}")
    slug = factory.Sequence(lambda n: f"platform-{n}")
    tagline = "Training for everyone"


class StandardPageFactory(PageFactory):
    class Meta:
        model = StandardPage

    intro = "An introduction"


def translate(page: Page, code: str, *, clean: bool = True, **fields) -> Page:
    """The page's translation into `code`, with the given fields, published."""
    translation = page.copy_for_translation(locale(code))
    for name, value in fields.items():
        setattr(translation, name, value)
    return publish(translation, clean=clean)


def translate_missing(page: Page, fields_for, codes) -> int:
    """Publishes the page's translation into each language of `codes` it lacks, with the
    fields `fields_for(code)`; how many were made."""
    made = 0
    for code in codes:
        if not page.has_translation(locale(code)):
            translate(page, code, **fields_for(code))
            made += 1
    return made


def make_site(home: HomePage, *, hostname="testserver", port=80, is_default=True, is_master=False):
    if is_default:
        Site.objects.filter(is_default_site=True).delete()
    site = Site.objects.create(
        hostname=hostname,
        port=port,
        root_page=home,
        is_default_site=is_default,
        site_name=home.title,
    )
    settings = PlatformSettings.for_site(site)
    settings.is_master = is_master
    settings.save()
    return site
