"""Operations on the catalog's editorial structure."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission, Page

from accounts.models import User
from accounts.roles import TRAINER
from courses.models.translation_gaps import TranslationGaps
from courses.translations import gaps

# A trainer writes and revises pages of their section; publishing goes through the
# editorial workflow, approved by administrators.
SECTION_PERMISSIONS = ["add_page", "change_page"]


def section_group_name(section: Page) -> str:
    return f"Section {section.pk}: {section.title}"[:150]


@transaction.atomic
def section_assign_trainer(*, section: Page, user: User) -> Group:
    """Let a trainer create and edit the courses of one section (a theme or a platform)."""
    group = section_group(section=section)
    user.groups.add(group, Group.objects.get(name=TRAINER))
    return group


def section_group(*, section: Page) -> Group:
    """The group whose members edit the section; created with its permissions when missing."""
    existing = (
        GroupPagePermission.objects.filter(
            page=section, group__name__startswith=f"Section {section.pk}:"
        )
        .select_related("group")
        .first()
    )
    if existing:
        return existing.group
    group = Group.objects.create(name=section_group_name(section))
    for translation in section.get_translations(inclusive=True):
        section_grant_page(group=group, page=translation)
    return group


def section_grant_page(*, group: Group, page: Page) -> None:
    """A section covers every translation of its page, so its trainers translate it too."""
    for codename in SECTION_PERMISSIONS:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=codename
        )
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def section_extend_to_translation(*, page: Page) -> None:
    """Give a new translation of a section page the section's groups."""
    sections = GroupPagePermission.objects.filter(
        page__translation_key=page.translation_key, group__name__startswith="Section "
    ).exclude(page=page)
    for group in Group.objects.filter(page_permissions__in=sections).distinct():
        section_grant_page(group=group, page=page)


@transaction.atomic
def translation_gaps_record(*, page: TranslationGaps) -> None:
    """After `page` is published, record on each translation of it which fields are still
    the original's (the first translation created); the page itself may be the original,
    whose edits change what its translations lack."""
    model = type(page)
    family = list(
        model.objects.filter(translation_key=page.translation_key)
        .select_related("locale")
        .order_by("pk")
    )
    if not family:
        return
    original = family[0]
    for translation in family:
        found = gaps(translation, original, model.translated_fields)
        if found != translation.untranslated:
            model.objects.filter(pk=translation.pk).update(untranslated=found)
        if translation.pk == page.pk:
            page.untranslated = found
