"""The three roles as groups, with the permissions they held when this migration was written.

A frozen copy of accounts.roles at that point: a migration never imports application code,
so later changes to the roles go in later migrations (or `setup_platform`, which syncs them).
"""

from django.db import migrations

LEARNER = "Learners"
TRAINER = "Trainers"
ADMINISTRATOR = "Administrators"

MODEL_PERMISSIONS = {
    LEARNER: [],
    TRAINER: [("wagtailadmin", "access_admin")],
    ADMINISTRATOR: [
        ("wagtailadmin", "access_admin"),
        ("wagtailcore", "add_site"),
        ("wagtailcore", "change_site"),
        ("wagtailcore", "delete_site"),
        ("wagtailcore", "add_locale"),
        ("wagtailcore", "change_locale"),
        ("wagtailcore", "add_workflow"),
        ("wagtailcore", "change_workflow"),
        ("wagtailcore", "add_task"),
        ("wagtailcore", "change_task"),
        ("wagtailredirects", "add_redirect"),
        ("wagtailredirects", "change_redirect"),
        ("wagtailredirects", "delete_redirect"),
        ("cms", "change_platformsettings"),
        ("accounts", "add_user"),
        ("accounts", "change_user"),
        ("accounts", "view_user"),
        ("auth", "change_group"),
        ("wagtail_localize", "submit_translation"),
    ],
}

ROOT_PAGE_PERMISSIONS = {
    ADMINISTRATOR: [
        ("wagtailcore", "add_page"),
        ("wagtailcore", "change_page"),
        ("wagtailcore", "publish_page"),
        ("wagtailcore", "lock_page"),
        ("wagtailcore", "unlock_page"),
        ("wagtailcore", "bulk_delete_page"),
    ],
}

ROOT_COLLECTION_PERMISSIONS = {
    TRAINER: [
        ("wagtailimages", "add_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "choose_document"),
    ],
    ADMINISTRATOR: [
        (app, f"{action}_{model}")
        for app, model in (("wagtailimages", "image"), ("wagtaildocs", "document"))
        for action in ("add", "change", "delete", "choose")
    ],
}


def ensure_permissions_exist(apps):
    """Django creates permissions after all migrations ran; roles need them during."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None


def permission(apps, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def create_roles(apps, schema_editor):
    ensure_permissions_exist(apps)
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)
    for role, permissions in MODEL_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        group.permissions.add(*(permission(apps, *pair) for pair in permissions))
        for pair in ROOT_PAGE_PERMISSIONS.get(role, []):
            GroupPagePermission.objects.get_or_create(
                group=group, page=root_page, permission=permission(apps, *pair)
            )
        for pair in ROOT_COLLECTION_PERMISSIONS.get(role, []):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission(apps, *pair)
            )

    # Wagtail starts with Editors and Moderators; the platform speaks of its own roles.
    administrators = Group.objects.get(name=ADMINISTRATOR)
    defaults = Group.objects.filter(name__in=["Editors", "Moderators"])
    for task in GroupApprovalTask.objects.filter(groups__in=defaults).distinct():
        task.groups.add(administrators)
    defaults.delete()


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=[LEARNER, TRAINER, ADMINISTRATOR]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("cms", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
