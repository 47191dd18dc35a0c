"""Reactions to allauth's signals."""

from allauth.account.signals import user_logged_in
from django.dispatch import receiver
from django.utils.translation import get_language
from wagtail.users.models import UserProfile


@receiver(user_logged_in)
def remember_admin_language(sender, request, user, **kwargs):
    """The Wagtail admin speaks the language the person logged in with, until they pick one."""
    profile = UserProfile.get_for_user(user)
    if not profile.preferred_language:
        profile.preferred_language = get_language()
        profile.save(update_fields=["preferred_language"])
