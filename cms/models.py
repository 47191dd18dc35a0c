"""Site structure: home pages of the master platform and its sub-platforms, standard
pages, and per-site settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page, Site
from wagtail.search import index

from cms.blocks import ContentBlocks
from cms.page_cache import PublicPage, remember


class HomePage(PublicPage, Page):
    """The home page of one platform (the master or a sub-platform) in one language.

    Its title is the platform's name as readers see it in that language.
    """

    tagline = models.CharField(_("tagline"), max_length=255, blank=True)
    body = StreamField(ContentBlocks(), blank=True, verbose_name=_("body"))
    footer_text = models.TextField(_("footer text"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("tagline"),
        FieldPanel("body"),
        FieldPanel("footer_text"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("tagline"), index.SearchField("body")]

    # Later stages' pages (themes, the catalog, the impact page) name it as their parent.
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import home_sections, master_platform, sub_platforms

        context = super().get_context(request, *args, **kwargs)
        site = Site.find_for_request(request)
        if site and PlatformSettings.for_request(request).is_master:
            context["sub_platforms"] = sub_platforms(exclude_site=site, request=request)
        elif site:
            context["master_platform"] = master_platform(site=site, request=request)
        context["home_sections"] = home_sections(request, self)
        return context


class StandardPage(PublicPage, Page):
    """A page of plain content: about, FAQ, privacy."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(ContentBlocks(), blank=True, verbose_name=_("body"))
    show_in_footer = models.BooleanField(
        _("show in footer"),
        default=False,
        help_text=_("List this page in the footer of every page of the platform."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    promote_panels = [*Page.promote_panels, FieldPanel("show_in_footer")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    # Later stages' pages (the impact page) name it as their parent.
    parent_page_types = ["cms.HomePage", "cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


@register_setting(icon="site")
class PlatformSettings(BaseSiteSetting):
    """What differs between the master platform and each sub-platform, in every language."""

    is_master = models.BooleanField(
        _("master platform"),
        default=False,
        help_text=_("The master platform's home page lists every sub-platform."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)
    contact_address = models.TextField(_("postal address"), blank=True)
    host_country = CountryField(
        _("host country"),
        blank=True,
        help_text=_(
            "Where the centre is based: reports count sessions held there and abroad "
            "(read from the master platform)."
        ),
    )

    panels = [
        FieldPanel("is_master"),
        FieldPanel("host_country"),
        FieldPanel("logo"),
        MultiFieldPanel(
            [
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_address"),
            ],
            heading=_("Contact"),
        ),
    ]

    class Meta:
        verbose_name = _("platform settings")

    @classmethod
    def for_site(cls, site):
        """Every page reads them (the footer's contact, the catalog's scope): kept until a
        site or its settings change (cms.page_cache)."""
        if site is None:
            return super().for_site(site)
        return remember(
            "platform-settings", lambda: super(PlatformSettings, cls).for_site(site), site.pk
        )
