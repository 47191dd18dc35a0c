from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class XapiConfig(AppConfig):
    name = "xapi"
    verbose_name = _("Learning records")

    def ready(self):
        from xapi import receivers  # noqa: F401 - connects the receivers
