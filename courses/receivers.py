"""Reactions to changes in the page tree, and to sessions and trainers that public pages show."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published

from cms import page_cache
from courses.models import CourseTrainer, CurriculumCourse, Trainer, TrainingSession
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


@receiver(post_save, sender=TrainingSession)
@receiver(post_delete, sender=TrainingSession)
@receiver(post_save, sender=Trainer)
@receiver(post_delete, sender=Trainer)
@receiver(post_save, sender=CourseTrainer)
@receiver(post_delete, sender=CourseTrainer)
@receiver(post_save, sender=CurriculumCourse)
@receiver(post_delete, sender=CurriculumCourse)
def refresh_public_pages(sender, **kwargs):
    """A session's dates, place or seats, a trainer, a course's trainers or a learning
    path's courses show on cached public pages."""
    page_cache.invalidate()
