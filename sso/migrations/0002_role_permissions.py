from django.db import migrations

# The role groups accounts' migrations create.
ADMINISTRATOR = "Administrators"

GRANTS = {
    ADMINISTRATOR: [
        ("sso", f"{action}_identityprovider") for action in ("add", "change", "delete", "view")
    ]
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
    dependencies = [("sso", "0001_initial"), ("accounts", "0002_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
