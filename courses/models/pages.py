"""Pages editors write and translate: themes, curricula, courses and the catalog."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.page_cache import VISITORS, PublicPage
from courses.blocks import Objectives
from courses.models.translation_gaps import TranslationGaps
from courses.panels import CourseSessionsPanel


class CourseLevel(models.TextChoices):
    BEGINNER = "beginner", _("Beginner")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class Licence(models.TextChoices):
    CC_BY = "cc-by-4.0", "CC BY 4.0"
    CC_BY_SA = "cc-by-sa-4.0", "CC BY-SA 4.0"
    CC_BY_NC = "cc-by-nc-4.0", "CC BY-NC 4.0"
    CC_BY_NC_SA = "cc-by-nc-sa-4.0", "CC BY-NC-SA 4.0"
    ALL_RIGHTS_RESERVED = "all-rights-reserved", _("All rights reserved")

    @property
    def url(self) -> str:
        return LICENCE_URLS.get(self, "")


LICENCE_URLS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC_BY_NC: "https://creativecommons.org/licenses/by-nc/4.0/",
    Licence.CC_BY_NC_SA: "https://creativecommons.org/licenses/by-nc-sa/4.0/",
}


class ThemePage(PublicPage, Page, TranslationGaps):
    """A theme of the training base (big data, disaster risk reduction...)."""

    description = models.TextField(_("description"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    featured = models.BooleanField(
        _("featured on the home page"),
        default=False,
        help_text=_("Show this theme on the platform's home page (in every language)."),
    )

    content_panels = [*Page.content_panels, FieldPanel("description"), FieldPanel("image")]
    promote_panels = [*Page.promote_panels, FieldPanel("featured")]
    search_fields = [*Page.search_fields, index.SearchField("description")]
    api_fields = [APIField("description"), APIField("image")]
    translated_fields = ("title", "description")

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["courses.CoursePage", "courses.CurriculumPage"]

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import theme_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(theme_page_context(self))
        return context


class CoursePage(PublicPage, Page, TranslationGaps):
    """A course: what it teaches and how; its dated runs are TrainingSessions."""

    summary = models.TextField(_("summary"), blank=True)
    objectives = StreamField(Objectives(), blank=True, verbose_name=_("objectives"))
    level = models.CharField(
        _("level"), max_length=20, choices=CourseLevel.choices, default=CourseLevel.BEGINNER
    )
    duration_hours = models.PositiveSmallIntegerField(_("duration in hours"), default=0)
    prerequisites = models.TextField(_("prerequisites"), blank=True)
    instruction_languages = ParentalManyToManyField(
        "wagtailcore.Locale",
        blank=True,
        related_name="+",
        verbose_name=_("languages of instruction"),
    )
    licence = models.CharField(
        _("licence"), max_length=30, choices=Licence.choices, default=Licence.CC_BY
    )
    featured = models.BooleanField(
        _("featured on the home page"),
        default=False,
        help_text=_("Show this course on the platform's home page (in every language)."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("level"),
                FieldPanel("duration_hours"),
                FieldPanel("instruction_languages", widget=forms.CheckboxSelectMultiple),
                FieldPanel("licence"),
            ],
            heading=_("Facts"),
        ),
        FieldPanel("objectives"),
        FieldPanel("prerequisites"),
        InlinePanel("course_trainers", label=_("Trainers")),
        CourseSessionsPanel(),
    ]
    promote_panels = [*Page.promote_panels, FieldPanel("featured")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("objectives"),
        index.SearchField("prerequisites"),
        index.AutocompleteField("title"),
        index.FilterField("level"),
        index.FilterField("locale_id"),
        index.FilterField("path"),
    ]

    api_fields = [
        APIField("summary"),
        APIField("level"),
        APIField("duration_hours"),
        APIField(
            "instruction_languages",
            serializer=serializers.SlugRelatedField(
                many=True, read_only=True, slug_field="language_code"
            ),
        ),
        APIField("licence"),
        APIField("objectives"),
        APIField("prerequisites"),
        APIField("course_trainers"),
    ]

    translated_fields = ("title", "summary", "objectives", "prerequisites")
    # A logged-in reader sees their enrollments and ticked lessons on it.
    public_page_shared_with = VISITORS

    parent_page_types = ["courses.ThemePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    @property
    def licence_choice(self) -> Licence:
        return Licence(self.licence)

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import course_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(course_page_context(self, request))
        return context


class CourseTrainer(Orderable):
    page = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="course_trainers")
    trainer = models.ForeignKey(
        "courses.Trainer", verbose_name=_("trainer"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("trainer")]
    api_fields = [
        APIField("name", serializer=serializers.CharField(source="trainer.name")),
        APIField("organisation", serializer=serializers.CharField(source="trainer.organisation")),
    ]


class CurriculumPage(PublicPage, Page, TranslationGaps):
    """An ordered learning path through several courses."""

    summary = models.TextField(_("summary"), blank=True)
    audience = models.TextField(_("audience"), blank=True, help_text=_("Who the path is for."))

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("audience"),
        InlinePanel("curriculum_courses", label=_("Courses, in order"), min_num=1),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("audience"),
        index.FilterField("locale_id"),
        index.FilterField("path"),
    ]

    api_fields = [APIField("summary"), APIField("audience"), APIField("curriculum_courses")]
    translated_fields = ("title", "summary", "audience")

    parent_page_types = ["courses.ThemePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("curriculum")
        verbose_name_plural = _("curricula")

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import curriculum_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(curriculum_page_context(self))
        return context


class CurriculumCourse(Orderable):
    page = ParentalKey(CurriculumPage, on_delete=models.CASCADE, related_name="curriculum_courses")
    course = models.ForeignKey(
        CoursePage, verbose_name=_("course"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("course")]
    api_fields = [APIField("course")]


class CatalogPage(PublicPage, Page):
    """The searchable list of courses and their upcoming sessions. The master platform's
    catalog covers every sub-platform; a sub-platform's covers its own."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("catalog")
        verbose_name_plural = _("catalogs")

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import catalog_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(catalog_page_context(request))
        return context
