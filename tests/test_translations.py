from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils.translation import to_locale

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
LANGUAGES = [to_locale(code) for code, _name in settings.LANGUAGES if code != "en"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_ui_string_is_translated(language):
    """Every interface string has a reviewed translation in each of the five other languages."""
    catalogue = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []
    assert len(catalogue.translated_entries()) > 0


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_their_placeholders(language):
    """A translation keeps every %(name)s and {name} placeholder of its original."""
    catalogue = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))
    for entry in catalogue.translated_entries():
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for placeholder in _placeholders(entry.msgid):
            for translation in translations:
                assert placeholder in translation, (entry.msgid, translation)


def _placeholders(text: str) -> list[str]:
    import re

    return re.findall(r"%\(\w+\)[sd]|\{\w+\}", text)
