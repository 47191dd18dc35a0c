"""What a translated page still shows of its original, recorded when it is published."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TranslationGaps(models.Model):
    """A page whose translations may still show parts of the original: publishing any
    translation records here which of its `translated_fields` are not translated yet
    (`courses.translations` holds the rule), so that lists can say so without reading the
    original."""

    untranslated = models.JSONField(
        _("untranslated fields"), default=dict, blank=True, editable=False
    )

    translated_fields: tuple[str, ...] = ("title",)

    class Meta:
        abstract = True

    @property
    def untranslated_fields(self) -> list[str]:
        return self.untranslated.get("fields", [])

    @property
    def untranslated_language(self) -> str:
        """The language the untranslated fields are shown in: the original's."""
        return self.untranslated.get("language", "")

    @property
    def is_partly_translated(self) -> bool:
        return bool(self.untranslated_fields)
