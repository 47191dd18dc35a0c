from django.db import migrations

from accounts.roles import ADMINISTRATOR, grant_model_permissions

GRANTS = {
    ADMINISTRATOR: [
        ("background", "view_outgoingemail"),
        # "change" is what "Retry now" asks for.
        ("background", "change_outgoingemail"),
        ("django_tasks_database", "view_dbtaskresult"),
    ]
}


def grant(apps, schema_editor):
    grant_model_permissions(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("background", "0001_initial"),
        ("accounts", "0002_roles"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
