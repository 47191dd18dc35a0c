"""The public impact page: the centre's figures for a period, with small cells withheld."""

from dataclasses import replace
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.page_cache import PublicPage
from courses.models import ThemePage
from reporting.filters import ReportFilters
from reporting.opendata import PublicFigures, public_figures
from reporting.suppression import min_cell


def cache_seconds() -> int:
    """How long an impact page's figures are reused before they are computed again."""
    return settings.REPORTING_PUBLIC_CACHE_SECONDS


class ImpactPage(PublicPage, Page):
    """The centre's figures for a period (optionally one theme or one platform), with
    charts and open data downloads; counts below REPORTING_MIN_CELL read "fewer than N"."""

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )
    last_years = models.PositiveSmallIntegerField(
        _("last years"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_(
            "The last N full calendar years (the current year counts once it has ended). "
            "Leave empty to give dates instead."
        ),
    )
    period_start = models.DateField(
        _("from"), null=True, blank=True, help_text=_("Empty: since the first session.")
    )
    period_end = models.DateField(
        _("to"), null=True, blank=True, help_text=_("Included. Empty: up to today.")
    )
    theme = models.ForeignKey(
        "courses.ThemePage",
        verbose_name=_("theme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Only this theme's sessions (in every language). Empty: every theme."),
    )
    platform = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("platform"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Only the sessions this platform runs. Empty: every platform."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("last_years"), FieldPanel("period_start"), FieldPanel("period_end")],
            heading=_("Period"),
        ),
        MultiFieldPanel([FieldPanel("theme"), FieldPanel("platform")], heading=_("Scope")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("impact page")
        verbose_name_plural = _("impact pages")

    def clean(self):
        super().clean()
        if self.last_years and (self.period_start or self.period_end):
            raise ValidationError(
                {"last_years": _("Give either a number of years or dates, not both.")}
            )
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period ends before it starts.")})

    def period(self, today: date | None = None) -> tuple[date | None, date | None]:
        """The first and last days covered (None: open end)."""
        if self.last_years:
            year = (today or timezone.localdate()).year
            return date(year - self.last_years, 1, 1), date(year - 1, 12, 31)
        return self.period_start, self.period_end

    def report_filters(self) -> ReportFilters:
        """The period and scope as report filters; the theme in all its languages."""
        start, end = self.period()
        filters = ReportFilters(start=start, end=end, site_id=self.platform_id)
        if self.theme_id:
            key = self.theme.translation_key
            paths = (
                ThemePage.objects.filter(translation_key=key)
                .order_by("path")
                .values_list("path", flat=True)
            )
            filters = replace(filters, theme_key=key, theme_paths=tuple(paths))
        return filters

    @property
    def language(self) -> str:
        return self.locale.language_code

    def figures_cache_key(self) -> str:
        """Changes with each published revision, the language, the period (a "last N
        years" page moves on each new year) and the threshold."""
        start, end = self.period()
        return ":".join(
            str(part)
            for part in (
                "reporting:impact",
                self.pk,
                self.live_revision_id,
                self.language,
                start,
                end,
                min_cell(),
            )
        )

    def public_figures(self, *, use_cache: bool = True) -> PublicFigures:
        """The page's figures, computed at most every few hours: the page is public and
        each computation runs a dozen aggregate queries."""
        if not use_cache:
            return public_figures(self.report_filters(), language=self.language)
        key = self.figures_cache_key()
        figures = cache.get(key)
        if figures is None:
            figures = public_figures(self.report_filters(), language=self.language)
            cache.set(key, figures, cache_seconds())
        return figures

    def get_context(self, request, *args, **kwargs):
        from reporting.views.public import impact_page_context

        context = super().get_context(request, *args, **kwargs)
        # A preview shows the draft's period and scope, which no revision's key names.
        figures = self.public_figures(use_cache=not getattr(request, "is_preview", False))
        context.update(impact_page_context(self, figures, request))
        return context
