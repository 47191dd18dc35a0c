from django.db import migrations

from accounts.roles import ADMINISTRATOR, grant_model_permissions

RULES = [("certificates", f"{action}_completionrule") for action in ("add", "change", "delete", "view")]
# "change" is what revoking and issuing by hand ask for; trainers get neither.
CERTIFICATES = [("certificates", f"{action}_certificate") for action in ("change", "view")]

GRANTS = {ADMINISTRATOR: [*RULES, *CERTIFICATES]}


def grant(apps, schema_editor):
    grant_model_permissions(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [("certificates", "0001_initial")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
