from django.db import migrations

from accounts.roles import ADMINISTRATOR, grant_model_permissions

GRANTS = {
    # Administrators write survey templates (and their translations) and set each
    # session's survey; trainers read their sessions' results on the site.
    ADMINISTRATOR: [
        ("surveys", f"{action}_{model}")
        for model in ("surveytemplate", "survey")
        for action in ("add", "change", "delete", "view")
    ],
}


def grant(apps, schema_editor):
    grant_model_permissions(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
