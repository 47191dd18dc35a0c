"""The way to a learner's data from their account pages and My learning, and privacy's
periodic job: the retention purge, once a day."""

from datetime import timedelta

from django.urls import reverse
from django.utils.translation import gettext
from wagtail import hooks

from accounts.links import ACCOUNT_LINKS_HOOK, AccountLink
from background.schedule import PERIODIC_TASKS_HOOK, PeriodicJob
from privacy import tasks


@hooks.register(ACCOUNT_LINKS_HOOK)
def your_data_link(request):
    return AccountLink(label=gettext("Your data"), url=reverse("privacy:your_data"))


@hooks.register(PERIODIC_TASKS_HOOK)
def privacy_periodic_tasks():
    return [PeriodicJob(tasks.purge_inactive_accounts, every=timedelta(days=1))]
