"""Reactions to changes in the page tree."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published

from courses.models.translation_gaps import TranslationGaps
from courses.services import section_extend_to_translation, translation_gaps_record


@receiver(post_save)
def extend_sections_to_new_translations(sender, instance, created, **kwargs):
    if created and isinstance(instance, Page) and instance.depth > 2 and not kwargs.get("raw"):
        section_extend_to_translation(page=instance)


@receiver(page_published)
def record_translation_gaps(sender, instance, **kwargs):
    if isinstance(instance, TranslationGaps):
        translation_gaps_record(page=instance)
