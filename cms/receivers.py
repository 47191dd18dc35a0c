"""Reactions to changes readers see on every page: a new generation of cached public pages
(cms.page_cache) when a page, a site, its settings or a page's view restriction changes."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Locale, Page, PageViewRestriction, Site

from cms import page_cache

# Saving a page covers what its editor does and what the factories and set-up commands do
# without a revision; publishing saves it too, but is named for the reader of this file.
SHOWN_ON_PUBLIC_PAGES = (Page, Site, BaseSiteSetting, PageViewRestriction, Locale)


@receiver(post_save)
@receiver(post_delete)
def refresh_public_pages_on_change(sender, instance, **kwargs):
    if isinstance(instance, SHOWN_ON_PUBLIC_PAGES):
        page_cache.invalidate()

