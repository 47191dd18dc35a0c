"""allauth glue: every new account starts as a learner; log-in lands on My learning, or the
page the reader came from, in the language the person chose (their learner profile,
answered by a later stage through the `user_preferred_language` hook), else the language
they were using."""

from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation
from django.utils.translation import get_language
from wagtail import hooks

from accounts.services import user_assign_role

# A hook function takes the user and returns a language code, or "" when it has none.
PREFERRED_LANGUAGE_HOOK = "user_preferred_language"


def preferred_language(user) -> str:
    """The first language a registered hook knows for this person, if it is one we serve."""
    served = {code for code, _name in settings.LANGUAGES}
    for answer in hooks.get_hooks(PREFERRED_LANGUAGE_HOOK):
        language = answer(user)
        if language in served:
            return language
    return ""


def in_language(url: str, language: str) -> str:
    """The same page under another language prefix; Django resolves the URL in the language
    of its own prefix, so that one must be active while translating it."""
    from_language = translation.get_language_from_path(urlsplit(url).path)
    if not from_language or from_language == language:
        return url
    with translation.override(from_language):
        return translate_url(url, language)


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return settings.SIGNUP_OPEN

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            user_assign_role(user=user)
        return user

    def post_login(self, request, user, **kwargs):
        """Switch to the person's language before allauth builds the redirect and the
        "signed in" message, send a `next` page in that language too, and remember the
        language in the cookie so `/` and later visits keep it."""
        language = preferred_language(user)
        if not language:
            return super().post_login(request, user, **kwargs)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = super().post_login(request, user, **kwargs)
        if isinstance(response, HttpResponseRedirect):
            response["Location"] = in_language(response["Location"], language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
        return response

    def get_login_redirect_url(self, request):
        """My learning when no safe `next` was given (allauth checks `next` first)."""
        try:
            return reverse("enrollment:my_learning")
        except NoReverseMatch:
            return f"/{get_language()}/"

    def get_signup_redirect_url(self, request):
        """A new account that is logged in straight away (its address verified by a
        partner's identity provider) lands where a log-in would."""
        return self.get_login_redirect_url(request)

    def get_logout_redirect_url(self, request):
        return f"/{get_language()}/"
