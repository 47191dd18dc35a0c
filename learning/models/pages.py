"""Modules and lessons: pages under a course, translated like it, read in tree order."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from courses.models.translation_gaps import TranslationGaps
from learning.blocks import LessonBody, Questions


class ModulePage(Page, TranslationGaps):
    """A part of a course: a few lessons that belong together."""

    summary = models.TextField(_("summary"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    translated_fields = ("title", "summary")

    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["learning.LessonPage"]

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    def get_context(self, request, *args, **kwargs):
        from learning.selectors.lessons import module_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(module_page_context(self, request))
        return context


class LessonPage(Page, TranslationGaps):
    """A unit a learner walks through: text, images, downloads, a video, and questions.

    With `graded` the questions are a quiz (a score, a passing score, an attempts limit);
    without, a knowledge check the learner may retry freely."""

    summary = models.TextField(_("summary"), blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("duration in minutes"), default=10)
    body = StreamField(LessonBody(), blank=True, verbose_name=_("content"))
    questions = StreamField(Questions(), blank=True, verbose_name=_("questions"))
    graded = models.BooleanField(
        _("graded quiz"),
        default=False,
        help_text=_(
            "A graded quiz counts towards the course's quiz score; without it the questions "
            "are a knowledge check."
        ),
    )
    passing_score = models.PositiveSmallIntegerField(
        _("passing score (%)"),
        default=70,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=3, help_text=_("0 for no limit.")
    )
    shuffle = models.BooleanField(_("questions in random order"), default=False)
    preview = models.BooleanField(
        _("open preview"),
        default=False,
        help_text=_("Anyone may read this lesson without enrolling."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("duration_minutes"),
        FieldPanel("body"),
        FieldPanel("questions"),
        MultiFieldPanel(
            [
                FieldPanel("graded"),
                FieldPanel("passing_score"),
                FieldPanel("max_attempts"),
                FieldPanel("shuffle"),
            ],
            heading=_("Quiz"),
        ),
    ]
    settings_panels = [*Page.settings_panels, FieldPanel("preview")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    translated_fields = ("title", "summary", "body", "questions")

    parent_page_types = ["learning.ModulePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(passing_score__lte=100), name="lesson_passing_score_max_100"
            )
        ]

    @property
    def done_by_passing_only(self) -> bool:
        """A graded quiz is done when passed: marking it done by hand would let a learner
        complete a course's quiz score without it."""
        return self.graded and bool(self.questions)

    def get_context(self, request, *args, **kwargs):
        from learning.selectors.lessons import lesson_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(lesson_page_context(self, request))
        return context
