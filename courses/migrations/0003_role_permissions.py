from django.db import migrations

# The role groups accounts' migrations create.
ADMINISTRATOR = "Administrators"
TRAINER = "Trainers"

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
    """Give the roles these model permissions (creating them first: Django would only
    after all migrations ran)."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, permissions in GRANTS.items():
        group = Group.objects.get(name=role)
        group.permissions.add(
            *(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
                for app_label, codename in permissions
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0002_editorial_workflow"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
