"""Records, on the translations that exist before `untranslated` did, which texts are still
the original's, as publishing does from now on (courses.translations holds the rule; it is
copied here so that this migration keeps working whatever becomes of it)."""

from django.db import migrations

FIELDS = {
    "ThemePage": ("title", "description"),
    "CoursePage": ("title", "summary", "objectives", "prerequisites", "modules"),
    "CurriculumPage": ("title", "summary", "audience"),
}


def comparable(value):
    raw = getattr(value, "raw_data", None)
    if raw is not None:
        value = list(raw)
    if isinstance(value, dict):
        return {key: comparable(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list | tuple):
        return [comparable(item) for item in value]
    if isinstance(value, str):
        return value.strip()
    return value


def record(apps, schema_editor):
    for name, fields in FIELDS.items():
        model = apps.get_model("courses", name)
        families = {}
        for page in model.objects.select_related("locale").order_by("pk"):
            families.setdefault(page.translation_key, []).append(page)
        for original, *translations in families.values():
            for translation in translations:
                missing = []
                for field in fields:
                    source = comparable(getattr(original, field))
                    if source in ("", None, [], {}):
                        continue
                    text = comparable(getattr(translation, field))
                    if text in ("", None, [], {}) or text == source:
                        missing.append(field)
                if missing:
                    found = {"language": original.locale.language_code, "fields": missing}
                    model.objects.filter(pk=translation.pk).update(untranslated=found)


class Migration(migrations.Migration):
    dependencies = [("courses", "0004_untranslated_fields_of_translated_pages")]

    operations = [migrations.RunPython(record, migrations.RunPython.noop)]
