"""allauth glue: every new account starts as a learner."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

from accounts.services import user_assign_role


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return getattr(settings, "SIGNUP_OPEN", True)

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            user_assign_role(user=user)
        return user
