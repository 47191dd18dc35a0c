"""The gate of the Wagtail admin: logged-in people without access are sent home (Wagtail
would send them to log in, which sends them back: a loop), and staff must hold a second
factor first when that is required."""

from urllib.parse import urlencode

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.permissions import may_open_admin


class AdminGateMiddleware:
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
        if user.is_authenticated and not may_open_admin(user):
            messages.error(request, _("Your account has no access to the administration."))
            return redirect(f"/{get_language()}/")
        if (
            settings.MFA_REQUIRED_FOR_STAFF
            and user.is_authenticated
            and may_open_admin(user)
            and not is_mfa_enabled(user)
        ):
            messages.warning(
                request,
                _("Set up two-factor authentication before entering the administration."),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
