"""Admin areas of the catalog: trainers (translatable snippet) and training sessions; and
the catalog's section of the platform's home page."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    DeleteView,
    EditView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from accounts.models import User
from accounts.roles import ADMINISTRATOR
from cms.selectors import HOME_SECTIONS_HOOK, HomeSection
from courses.models import Trainer, TrainingSession
from courses.permission_policies import TrainingSessionPermissionPolicy
from courses.selectors import home_catalog_context


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
        if user.is_superuser or user.groups.filter(name=ADMINISTRATOR).exists():
            return
        linked = self.instance.user_id
        self.fields["user"].queryset = User.objects.filter(pk=linked or user.pk)


class TrainerViewSet(SnippetViewSet):
    model = Trainer
    icon = "user"
    menu_label = _("Trainers")
    list_display = ["name", "organisation", "country"]
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


class TrainingSessionEditView(OwnSessionOnly, EditView):
    pass


class TrainingSessionDeleteView(OwnSessionOnly, DeleteView):
    pass


class TrainingSessionViewSet(SnippetViewSet):
    model = TrainingSession
    edit_view_class = TrainingSessionEditView
    delete_view_class = TrainingSessionDeleteView
    icon = "date"
    menu_label = _("Training sessions")
    list_display = ["course", "starts_at", "kind", "mode", "language", "status", "site"]
    list_filter = ["status", "kind", "mode", "language", "site"]
    search_fields = ["course__title", "city", "venue"]
    ordering = ["-starts_at"]
    list_per_page = 50
    panels = [
        FieldPanel("course"),
        FieldPanel("site"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("mode"), FieldPanel("language")]),
        MultiFieldPanel(
            [
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
            ],
            heading=_("Enrollment"),
        ),
        FieldPanel("trainers"),
        FieldPanel("status"),
    ]


class CatalogViewSetGroup(SnippetViewSetGroup):
    items = (TrainingSessionViewSet, TrainerViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Catalog")
    menu_name = "catalog"


register_permission_policy(TrainingSession, TrainingSessionPermissionPolicy(TrainingSession))
register_snippet(CatalogViewSetGroup)


# --- the platform's home page -------------------------------------------------------------


@hooks.register(HOME_SECTIONS_HOOK)
def home_page_catalog_section(request, home):
    """The search box, the next sessions, featured courses and the themes."""
    return HomeSection(
        template_name="courses/home/catalog_section.html",
        data=home_catalog_context(request, home),
        order=10,
    )
