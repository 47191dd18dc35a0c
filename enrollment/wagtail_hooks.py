"""Wagtail hooks: the admin's way to the rosters (a "My sessions" menu item for trainers and
administrators, leading to the public-side list of the sessions they may run), and the
learner's chosen language for log-in."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from enrollment.models import LearnerProfile
from enrollment.permissions import runs_sessions


class MySessionsMenuItem(MenuItem):
    def is_shown(self, request):
        return runs_sessions(request.user)


@hooks.register("register_admin_menu_item")
def register_my_sessions_menu_item():
    # Lazy: the link takes the language of the admin page it is shown on.
    return MySessionsMenuItem(
        _("My sessions"),
        reverse_lazy("enrollment:my_sessions"),
        name="my-sessions",
        icon_name="group",
        order=250,
    )


@hooks.register("user_preferred_language")
def learner_preferred_language(user) -> str:
    """Log-in switches to the language the learner chose in their profile."""
    return (
        LearnerProfile.objects.filter(user=user)
        .values_list("preferred_language", flat=True)
        .first()
        or ""
    )
