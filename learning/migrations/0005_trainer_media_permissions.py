from django.db import migrations

# The role group accounts' migrations create.
TRAINER = "Trainers"

# Trainers author courses: they upload lesson videos and choose them in lessons, and keep
# the videos' captions. wagtailmedia checks its permissions on collections, as Wagtail does
# for images and documents; it has no "choose" permission: its chooser lists the media a
# person may change, hence change_media on the root collection.
ROOT_COLLECTION_PERMISSIONS = [
    ("wagtailmedia", "add_media"),
    ("wagtailmedia", "change_media"),
]
MODEL_PERMISSIONS = [("learning", f"{action}_caption") for action in ("add", "change", "view")]


def permission(apps, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def grant(apps, schema_editor):
    """Give Trainers these permissions (creating them first: Django would only after all
    migrations ran)."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    trainers = Group.objects.get(name=TRAINER)
    trainers.permissions.add(*(permission(apps, *pair) for pair in MODEL_PERMISSIONS))
    root_collection = Collection.objects.get(depth=1)
    for pair in ROOT_COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=trainers, collection=root_collection, permission=permission(apps, *pair)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    trainers = Group.objects.filter(name=TRAINER).first()
    if trainers is None:
        return
    for app_label, codename in MODEL_PERMISSIONS:
        trainers.permissions.remove(
            *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        )
    for app_label, codename in ROOT_COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.filter(
            group=trainers,
            collection__depth=1,
            permission__content_type__app_label=app_label,
            permission__codename=codename,
        ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0004_video"),
        ("wagtailmedia", "0005_alter_media_options"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
