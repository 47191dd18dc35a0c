"""Admin areas of surveys: the templates editors write and translate (wagtail-localize
translates them as it does any translatable snippet), each session's survey settings, and
links to a session's results; on the site, the survey's link on My learning and the
results' link on the trainer's My sessions and roster."""

from datetime import timedelta

from django.contrib import messages
from django.db.models import F
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from background.schedule import PERIODIC_TASKS_HOOK, PeriodicJob
from cms.dashboard import DashboardRow
from courses.models import TrainingSession
from enrollment.dashboard import SessionsPanel
from enrollment.parts import (
    MY_LEARNING_PARTS_HOOK,
    TRAINER_SESSION_LINKS_HOOK,
    MyLearningPart,
    SessionLink,
)
from enrollment.steps import STEPS_HOOK, SURVEY, Step
from surveys import selectors, tasks
from surveys.models import Survey, SurveyCompletion, SurveyTemplate

NO_HEADLINE_WARNING = _(
    "“%(title)s” has no headline question: sessions using it will have no satisfaction rate, "
    "so their results will not compare with the standard survey's."
)


class LinkColumn(Column):
    """A cell holding one link, e.g. to the session's results on the site."""

    cell_template_name = "surveys/admin/link_cell.html"

    def __init__(self, name, *, text, get_url, **kwargs):
        super().__init__(name, **kwargs)
        self.text = text
        self.get_url = get_url

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context.update(text=self.text, url=self.get_url(instance))
        return context


def results_url(session_id: int) -> str:
    return reverse("surveys:results", kwargs={"session_id": session_id})


def headline_label(template: SurveyTemplate) -> str:
    question = template.headline_question
    if question is None:
        return str(_("None: no satisfaction rate"))
    return question.value["label"]


class SurveyTemplateViewSet(SnippetViewSet):
    model = SurveyTemplate
    icon = "form"
    menu_label = _("Survey templates")
    list_display = [
        "title",
        Column("is_standard", label=_("Standard"), accessor="is_standard"),
        Column("headline", label=_("Headline question"), accessor=headline_label),
        "updated_at",
    ]
    list_filter = ["is_standard"]
    search_fields = ["title"]
    panels = [
        FieldPanel("title"),
        FieldPanel("intro"),
        FieldPanel("is_standard"),
        HelpPanel(
            content=_(
                "Questions keep their identity across translations: translate a template "
                "with “Translate” rather than writing a new one, so that answers given in "
                "every language count together. Mark one rating question as the headline "
                "(overall satisfaction): the satisfaction rate is the share of 4s and 5s "
                "to it."
            )
        ),
        FieldPanel("questions"),
    ]


class SurveyViewSet(SnippetViewSet):
    model = Survey
    icon = "clipboard-list"
    menu_label = _("Session surveys")
    list_display = [
        "session",
        Column("template", label=_("Template"), accessor=lambda s: s.template or _("Standard")),
        Column("anonymous", label=pgettext_lazy("survey", "Anonymous"), accessor="anonymous"),
        "opens_at",
        "closes_at",
        LinkColumn(
            "results",
            label=_("Results"),
            text=_("Results"),
            get_url=lambda survey: results_url(survey.session_id),
        ),
    ]
    list_filter = ["anonymous"]
    search_fields = ["session__course__title"]
    panels = [
        HelpPanel(
            content=_(
                "A session needs settings here only to differ from the defaults: the "
                "standard survey, anonymous, open from the session's last day for a set "
                "number of days after it ends."
            )
        ),
        FieldPanel("session"),
        FieldPanel("template"),
        FieldPanel("anonymous"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")])],
            heading=_("When learners may answer"),
        ),
    ]

    def get_queryset(self, request):
        return Survey.objects.select_related("session__course", "template")


class SurveysViewSetGroup(SnippetViewSetGroup):
    items = (SurveyViewSet, SurveyTemplateViewSet)
    menu_icon = "clipboard-list"
    menu_label = _("Surveys")
    menu_name = "surveys"


register_snippet(SurveysViewSetGroup)


@hooks.register("register_snippet_listing_buttons")
def session_results_button(snippet, user, next_url=None):
    """Each training session in the admin links to its survey results."""
    if isinstance(snippet, TrainingSession):
        yield ListingButton(
            _("Survey results"), results_url(snippet.pk), icon_name="clipboard-list", priority=50
        )


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def warn_without_headline(request, instance):
    """A template without a headline question is allowed, but its sessions get no
    satisfaction rate: say so when it is saved, and when a session picks it."""
    template = instance if isinstance(instance, SurveyTemplate) else None
    if isinstance(instance, Survey):
        template = instance.template
    if template is not None and template.headline_question is None:
        messages.warning(request, NO_HEADLINE_WARNING % {"title": template.title})


# --- the dashboard ------------------------------------------------------------------------

SURVEYS_CLOSING_WITHIN = timedelta(days=3)


class SurveysClosingPanel(SessionsPanel):
    name = "surveys-closing"
    heading = _("Surveys closing soon")
    order = 55

    def session_rows(self, sessions):
        closing = selectors.surveys_closing_soon(
            sessions, timezone.now(), within=SURVEYS_CLOSING_WITHIN
        )
        return [
            DashboardRow(
                label=session.course.title,
                url=reverse("surveys:results", kwargs={"session_id": session.pk}),
                detail=_("Closes %(when)s")
                % {
                    "when": formats.date_format(
                        closes_at.astimezone(session.tzinfo), "SHORT_DATETIME_FORMAT"
                    )
                },
            )
            for session, closes_at in closing
        ]


@hooks.register("construct_homepage_panels")
def add_surveys_closing_panel(request, panels):
    panels.append(SurveysClosingPanel())


# --- the site's enrollment pages ---------------------------------------------------------


@hooks.register(STEPS_HOOK)
def survey_step():
    """The survey is answered once its completion is recorded (whatever the anonymity)."""
    return Step(SURVEY, lambda: SurveyCompletion.objects.annotate(done_at=F("answered_at")))


@hooks.register(MY_LEARNING_PARTS_HOOK)
def my_learning_survey_link():
    return MyLearningPart(
        "surveys/includes/my_learning_link.html",
        order=40,
        prepare=selectors.with_survey_state,
        data=selectors.my_learning_survey,
    )


@hooks.register(TRAINER_SESSION_LINKS_HOOK)
def survey_results_link(session, *, page, now):
    """On My sessions once the session has started; always on its roster."""
    if page == "my_sessions" and session.starts_at > now:
        return None
    url = reverse("surveys:results", kwargs={"session_id": session.pk})
    return SessionLink(label=gettext("Survey results"), url=url, order=40)


# --- periodic jobs (background.schedule) ---------------------------------------------------


@hooks.register(PERIODIC_TASKS_HOOK)
def surveys_periodic_tasks():
    return [
        # Survey invitations once a session ends, and their one reminder.
        PeriodicJob(tasks.send_survey_invitations, every=timedelta(hours=1)),
    ]
