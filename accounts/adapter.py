"""allauth glue: every new account starts as a learner, and the reader stays in the
language they were using when they log in or out."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils.translation import get_language

from accounts.services import user_assign_role


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return getattr(settings, "SIGNUP_OPEN", True)

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            user_assign_role(user=user)
        return user

    def get_login_redirect_url(self, request):
        return f"/{get_language()}/"

    def get_logout_redirect_url(self, request):
        return f"/{get_language()}/"
