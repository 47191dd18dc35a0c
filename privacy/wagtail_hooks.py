"""The way to a learner's data from their account pages and My learning."""

from django.urls import reverse
from django.utils.translation import gettext
from wagtail import hooks

from accounts.links import ACCOUNT_LINKS_HOOK, AccountLink


@hooks.register(ACCOUNT_LINKS_HOOK)
def your_data_link(request):
    return AccountLink(label=gettext("Your data"), url=reverse("privacy:your_data"))
