from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnrollmentConfig(AppConfig):
    name = "enrollment"
    verbose_name = _("Enrollment")

    def ready(self):
        from enrollment import receivers  # noqa: F401 - connects the signal receivers
