"""Admin areas of the catalog: trainers (translatable snippet) and training sessions; and
the catalog's section of the platform's home page."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    CreateView,
    DeleteView,
    EditView,
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from accounts.models import User
from accounts.permissions import is_administrator, may_act_on_session
from cms.exporting import ListingExport
from cms.selectors import HOME_SECTIONS_HOOK, HomeSection
from courses.models import ALWAYS_OPEN_ENDS_AT, CoursePage, SessionMode, Trainer, TrainingSession
from courses.models.sessions import timezone_choices_grouped
from courses.permission_policies import TrainingSessionPermissionPolicy
from courses.selectors import home_catalog_context, trainer_choices
from courses.widgets import FilterableCheckboxSelectMultiple, FilterableSelect


class TrainerForm(WagtailAdminModelForm):
    """The account a trainer profile logs in with. Only administrators choose among all
    accounts: a trainer offered every account would read every learner's name, and could
    take over another trainer's sessions by linking their profile to themselves. A trainer
    links an unlinked profile to their own account, or keeps the link it has."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if "user" not in self.fields or user is None:
            return
        if is_administrator(user):
            return
        linked = self.instance.user_id
        self.fields["user"].queryset = User.objects.filter(pk=linked or user.pk)


class TrainerIndexView(ListingExport, IndexView):
    pass


class TrainerViewSet(SnippetViewSet):
    model = Trainer
    icon = "user"
    menu_label = _("Trainers")
    index_view_class = TrainerIndexView
    list_display = ["name", "organisation", "country"]
    list_export = ["name", "organisation", "country"]
    export_filename = "trainers"
    list_filter = ["country"]
    search_fields = ["name", "organisation"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("photo"),
            FieldPanel("organisation"),
            FieldPanel("country"),
            FieldPanel("bio"),
            FieldPanel("user"),
        ],
        base_form_class=TrainerForm,
    )


class OwnSessionOnly:
    """Wagtail's edit and delete views check the permission on the model only: ask the
    policy about this session too (trainers reach the sessions they train)."""

    def get_object(self, queryset=None):
        session = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, self.permission_required, session
        ):
            raise PermissionDenied
        return session


class CourseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, course):
        return f"{course.title} ({course.locale.language_code})"


class TrainingSessionForm(WagtailAdminModelForm):
    """Long lists made searchable (courses, 599 time zones, every trainer), a session
    attached to a published course only, and the trainer who schedules it among its
    trainers from the start. A self-paced run is either always open (no end to give) or
    dated: open from its start to its end."""

    always_open = forms.BooleanField(
        label=_("Always open"),
        required=False,
        help_text=_(
            "Self-paced runs only: learners may enroll and follow the course at any time, "
            "from the start date (today if left empty); no end date."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("starts_at", "ends_at"):
            if name in self.fields:
                # Required unless the run is always open: checked in clean().
                self.fields[name].required = False
        if "lessons_required_percent" in self.fields:
            self.fields["lessons_required_percent"].required = False
        if self.instance.pk and self.instance.is_always_open:
            self.initial["always_open"] = True
            self.initial["ends_at"] = None
        if "course" in self.fields:
            current = self.instance.course_id if self.instance.pk else None
            self.fields["course"] = CourseChoiceField(
                label=self.fields["course"].label,
                queryset=CoursePage.objects.filter(Q(live=True) | Q(pk=current))
                .select_related("locale")
                .order_by("title", "locale__language_code"),
                widget=FilterableSelect(search_label=_("Search courses")),
                error_messages={
                    "invalid_choice": _(
                        "Choose a published course: sessions cannot be added to a draft."
                    )
                },
                initial=self.initial.get("course"),
            )
        if "timezone" in self.fields:
            field = self.fields["timezone"]
            field.choices = timezone_choices_grouped()
            field.widget = FilterableSelect(
                choices=field.choices, search_label=_("Search time zones, e.g. Nairobi")
            )
        if "trainers" in self.fields:
            field = self.fields["trainers"]
            chosen = self.instance.trainers.values_list("pk", flat=True) if self.instance.pk else ()
            field.queryset = trainer_choices(chosen)
            field.widget = FilterableCheckboxSelectMultiple(
                choices=field.choices, search_label=_("Search trainers")
            )
            if not self.instance.pk and "trainers" not in self.initial:
                self.initial["trainers"] = own_trainer_profiles(self.for_user)

    def clean(self):
        cleaned = super().clean()
        if "starts_at" not in self.fields or "ends_at" not in self.fields:
            return cleaned
        self_paced = cleaned.get("mode") == SessionMode.SELF_PACED
        if cleaned.get("always_open"):
            if not self_paced:
                self.add_error(
                    "always_open", _("Only a self-paced run can be always open: choose its mode.")
                )
                return cleaned
            cleaned["starts_at"] = cleaned.get("starts_at") or timezone.now()
            cleaned["ends_at"] = ALWAYS_OPEN_ENDS_AT
            return cleaned
        for name in ("starts_at", "ends_at"):
            if not cleaned.get(name) and name not in self.errors:
                message = (
                    _("A dated self-paced run needs its dates; or tick “Always open”.")
                    if self_paced
                    else _("This field is required.")
                )
                self.add_error(name, message)
        return cleaned

    def clean_lessons_required_percent(self):
        return self.cleaned_data.get("lessons_required_percent") or 0

    def clean_course(self):
        course = self.cleaned_data["course"]
        if not course.live and course.pk != self.instance.course_id:
            raise ValidationError(
                _("Choose a published course: sessions cannot be added to a draft.")
            )
        return course


def own_trainer_profiles(user) -> list[int]:
    if user is None or not user.is_authenticated:
        return []
    return list(user.trainer_profiles.order_by("pk").values_list("pk", flat=True))


class TrainingSessionCreateView(CreateView):
    """?course=<id> (the course editor's "Add a session") fills in the course, its
    platform and its language. A trainer who schedules a session trains it: without that
    they could not open it again, nor see it in My sessions."""

    def get_initial(self):
        initial = super().get_initial()
        course_id = self.request.GET.get("course", "")
        course = (
            CoursePage.objects.live().filter(pk=int(course_id)).select_related("locale").first()
            if course_id.isdigit()
            else None
        )
        if course is not None:
            initial["course"] = course.pk
            site = course.get_site()
            if site is not None:
                initial["site"] = site.pk
            initial["language"] = course.locale.language_code
        return initial

    def save_instance(self):
        session = super().save_instance()
        user = self.request.user
        if not may_act_on_session(user, session):
            profiles = own_trainer_profiles(user)
            if profiles:
                session.trainers.add(profiles[0])
        return session


class TrainingSessionEditView(OwnSessionOnly, EditView):
    pass


class TrainingSessionDeleteView(OwnSessionOnly, DeleteView):
    pass


class TrainingSessionIndexView(ListingExport, IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("course", "site")

    def to_row_dict(self, item):
        """An always-open self-paced run has no end: its cell stays empty rather than show
        the far-off date it is stored with."""
        row = super().to_row_dict(item)
        if "ends_at" in row and item.is_always_open:
            row["ends_at"] = ""
        return row


class TrainingSessionViewSet(SnippetViewSet):
    model = TrainingSession
    index_view_class = TrainingSessionIndexView
    add_view_class = TrainingSessionCreateView
    edit_view_class = TrainingSessionEditView
    delete_view_class = TrainingSessionDeleteView
    icon = "date"
    menu_label = _("Training sessions")
    list_display = ["course", "starts_at", "kind", "mode", "language", "status", "site"]
    list_filter = ["status", "kind", "mode", "language", "site"]
    list_export = [
        "course",
        "starts_at",
        "ends_at",
        "timezone",
        "kind",
        "mode",
        "language",
        "status",
        "site",
        "venue",
        "city",
        "country",
        "capacity",
    ]
    export_filename = "training-sessions"
    search_fields = ["course__title", "city", "venue"]
    ordering = ["-starts_at"]
    list_per_page = 50
    edit_handler = ObjectList(
        [
            FieldPanel("course"),
            FieldPanel("site"),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("mode"), FieldPanel("language")]),
            MultiFieldPanel(
                [
                    FieldPanel("always_open"),
                    FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                    FieldPanel("timezone"),
                ],
                heading=_("When"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("venue"),
                    FieldRowPanel([FieldPanel("city"), FieldPanel("country")]),
                    FieldPanel("join_url"),
                ],
                heading=_("Where"),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [FieldPanel("enrollment_opens_at"), FieldPanel("enrollment_closes_at")]
                    ),
                    FieldRowPanel([FieldPanel("capacity"), FieldPanel("requires_approval")]),
                    FieldPanel("lessons_required_percent"),
                ],
                heading=_("Enrollment"),
            ),
            FieldPanel("trainers"),
            FieldPanel("status"),
        ],
        base_form_class=TrainingSessionForm,
    )


class CatalogViewSetGroup(SnippetViewSetGroup):
    items = (TrainingSessionViewSet, TrainerViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Catalog")
    menu_name = "catalog"


register_permission_policy(TrainingSession, TrainingSessionPermissionPolicy(TrainingSession))
register_snippet(CatalogViewSetGroup)


@hooks.register("register_platform_pages")
def catalog_on_first_start():
    """`setup_platform` gives the master platform its catalog (cms/services.py)."""
    from cms.services import PlatformPage
    from courses.models import CatalogPage

    return [PlatformPage(CatalogPage, "catalog", _("Catalog"), {"show_in_menus": True})]


# --- the platform's home page -------------------------------------------------------------


@hooks.register(HOME_SECTIONS_HOOK)
def home_page_catalog_section(request, home):
    """The search box, the next sessions, featured courses and the themes."""
    return HomeSection(
        template_name="courses/home/catalog_section.html",
        data=home_catalog_context(request, home),
        order=10,
    )
