"""Staff must hold a second factor before entering the Wagtail admin, when required."""

from urllib.parse import urlencode

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _


class StaffMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        admin_root = reverse("wagtailadmin_home")
        if not request.path.startswith(admin_root):
            return self.get_response(request)

        # Wagtail's own log-in form would bypass allauth's second-factor step.
        if request.path == reverse("wagtailadmin_login"):
            next_url = request.GET.get("next", admin_root)
            return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")

        user = request.user
        if (
            settings.MFA_REQUIRED_FOR_STAFF
            and user.is_authenticated
            and user.has_perm("wagtailadmin.access_admin")
            and not is_mfa_enabled(user)
        ):
            messages.warning(
                request,
                _("Set up two-factor authentication before entering the administration."),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
