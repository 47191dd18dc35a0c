from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = _("Learning")

    def ready(self):
        from courses.models import CoursePage

        # A course's lessons live under it, grouped in modules; the course page names no
        # later stage, so the learning stage adds its page type here.
        if "learning.ModulePage" not in CoursePage.subpage_types:
            CoursePage.subpage_types = [*CoursePage.subpage_types, "learning.ModulePage"]

        from learning import receivers  # noqa: F401
