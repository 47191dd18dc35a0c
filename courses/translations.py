"""The one rule for "this translation still shows parts of its original": a translated
field is missing when it is empty where the original has text, or still reads exactly as
the original. Publishing a page records the answer on it (`courses.services`), so lists of
courses show it without reading the originals."""

from django.db import models
from wagtail.blocks import StreamValue


def _comparable(value):
    """A field's text as written, without what changes on every copy (StreamField block ids)."""
    if isinstance(value, StreamValue):
        value = list(value.raw_data)
    if isinstance(value, dict):
        return {key: _comparable(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list | tuple):
        return [_comparable(item) for item in value]
    if isinstance(value, str):
        return value.strip()
    return value


def _is_empty(value) -> bool:
    return value in ("", None, [], {})


def untranslated_fields(translation: models.Model, original: models.Model, fields) -> list[str]:
    """The names of `fields` that `translation` has not translated from `original`."""
    missing = []
    for name in fields:
        source = _comparable(getattr(original, name))
        if _is_empty(source):
            continue
        translated = _comparable(getattr(translation, name))
        if _is_empty(translated) or translated == source:
            missing.append(name)
    return missing


def gaps(translation: models.Model, original: models.Model, fields) -> dict:
    """What a page stores in `untranslated`: the fields still in the original's language,
    and that language; empty when everything is translated (or this is the original)."""
    if translation.pk == original.pk:
        return {}
    missing = untranslated_fields(translation, original, fields)
    if not missing:
        return {}
    return {"language": original.locale.language_code, "fields": missing}
