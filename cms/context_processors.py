"""Template context every page needs: the platform's home, menu and footer."""

from functools import cached_property

from django.utils.translation import get_language_bidi
from wagtail.models import Site

from cms import selectors


class PlatformContext:
    """Evaluated lazily, so a view that renders no navigation runs no query."""

    def __init__(self, request):
        self.request = request

    @cached_property
    def site(self):
        return Site.find_for_request(self.request)

    @cached_property
    def homes(self):
        return selectors.site_homes(self.site)

    @cached_property
    def home(self):
        return selectors.localized_home(self.site, self.homes)

    @cached_property
    def menu_pages(self):
        return selectors.menu_pages(self.home) if self.home else []

    @cached_property
    def footer_pages(self):
        return selectors.footer_pages(self.home) if self.home else []

    @cached_property
    def footer_links(self):
        return selectors.footer_links(self.request)

    @property
    def direction(self):
        return "rtl" if get_language_bidi() else "ltr"


def platform(request):
    return {"platform": PlatformContext(request)}
