from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Surveys")

    def ready(self):
        post_migrate.connect(
            create_standard_template, sender=self, dispatch_uid="surveys.standard_template"
        )


def create_standard_template(sender, using, **kwargs):
    """Every install has the standard satisfaction survey in each of its languages."""
    # Skipped while the tables are missing, e.g. after `migrate surveys zero`.
    tables = set(connections[using].introspection.table_names())
    if not {"surveys_surveytemplate", "wagtailcore_locale"} <= tables:
        return
    from surveys.standard import ensure_standard_template

    ensure_standard_template(using=using)
