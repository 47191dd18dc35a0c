"""The three roles of the platform, as groups, and the permissions each one holds.

Migrations carry a frozen copy of these lists (a migration never imports application
code); `setup_platform` syncs a running platform with them. Later stages grant their own
permissions to these groups in their own migrations.
"""

from django.utils.translation import gettext_lazy as _

LEARNER = "Learners"
TRAINER = "Trainers"
ADMINISTRATOR = "Administrators"

ROLE_LABELS = {
    LEARNER: _("Learners"),
    TRAINER: _("Trainers"),
    ADMINISTRATOR: _("Administrators"),
}

# (app_label, codename) pairs; page and collection permissions are granted on the trees.
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

# Page permissions on the root of the page tree: administrators manage every page.
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

# Image and document permissions on the root collection.
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


def sync_roles(apps) -> None:
    """Create the role groups and grant their permissions; safe to run again."""
    ensure_permissions_exist(apps)
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)
    for role, permissions in MODEL_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        group.permissions.add(*(_permission(apps, *pair) for pair in permissions))
        for pair in ROOT_PAGE_PERMISSIONS.get(role, []):
            GroupPagePermission.objects.get_or_create(
                group=group, page=root_page, permission=_permission(apps, *pair)
            )
        for pair in ROOT_COLLECTION_PERMISSIONS.get(role, []):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=_permission(apps, *pair)
            )
    _replace_wagtail_default_groups(apps)


def _replace_wagtail_default_groups(apps) -> None:
    """Wagtail starts with Editors and Moderators; the platform speaks of its own roles."""
    Group = apps.get_model("auth", "Group")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    administrators = Group.objects.get(name=ADMINISTRATOR)
    defaults = Group.objects.filter(name__in=["Editors", "Moderators"])
    for task in GroupApprovalTask.objects.filter(groups__in=defaults).distinct():
        task.groups.add(administrators)
    defaults.delete()


def ensure_permissions_exist(apps) -> None:
    """Django creates permissions after all migrations ran; roles need them during."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None


def _permission(apps, app_label: str, codename: str):
    Permission = apps.get_model("auth", "Permission")
    try:
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)
    except Permission.DoesNotExist:
        raise LookupError(f"permission {app_label}.{codename} does not exist") from None
