from django.db import migrations

from accounts.roles import ADMINISTRATOR, TRAINER, grant_model_permissions

SESSION = [("courses", f"{action}_trainingsession") for action in ("add", "change", "view")]
TRAINER_PROFILE = [("courses", f"{action}_trainer") for action in ("add", "change", "view")]

GRANTS = {
    # Trainers schedule sessions, keep trainer profiles and ask for translations.
    TRAINER: [*SESSION, *TRAINER_PROFILE, ("wagtail_localize", "submit_translation")],
    ADMINISTRATOR: [
        *SESSION,
        ("courses", "delete_trainingsession"),
        *TRAINER_PROFILE,
        ("courses", "delete_trainer"),
    ],
}


def grant(apps, schema_editor):
    grant_model_permissions(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0002_editorial_workflow"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
