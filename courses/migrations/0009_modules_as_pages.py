"""A course's modules and lessons are pages under it now (a later stage moved them there);
the course page drops the field that held them as blocks."""

from django.db import migrations


def forget_untranslated_modules(apps, schema_editor):
    CoursePage = apps.get_model("courses", "CoursePage")
    for course in CoursePage.objects.exclude(untranslated={}).iterator():
        fields = course.untranslated.get("fields", [])
        if "modules" not in fields:
            continue
        fields = [name for name in fields if name != "modules"]
        course.untranslated = {**course.untranslated, "fields": fields}
        course.save(update_fields=["untranslated"])


class Migration(migrations.Migration):
    dependencies = [("courses", "0008_runs")]

    operations = [
        migrations.RunPython(forget_untranslated_modules, migrations.RunPython.noop),
        migrations.RemoveField(model_name="coursepage", name="modules"),
    ]
