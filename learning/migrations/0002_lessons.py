"""Course modules written as blocks of the course page become module and lesson pages under
the course, in each language; translations of the same module or lesson share one
translation key. The tree is built by hand (Wagtail's paths: steps of four characters from
0-9A-Z), as migrations cannot use the pages' own methods. Runs before courses drops the
field."""

import uuid

from django.db import migrations
from django.utils.text import slugify

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4
# Translation keys of the new pages are derived from the course's and the block's, so the
# six translations of a module (the same block id) get the same key.
NAMESPACE = uuid.UUID("6f4b1d3e-8a57-4a43-9d55-2f2f6a1c0e61")


def encode_step(number: int) -> str:
    digits = ""
    while number:
        number, digit = divmod(number, len(ALPHABET))
        digits = ALPHABET[digit] + digits
    return digits.rjust(STEPLEN, "0")


def decode_step(step: str) -> int:
    number = 0
    for character in step:
        number = number * len(ALPHABET) + ALPHABET.index(character)
    return number


def unique_slug(title: str, fallback: str, taken: set[str]) -> str:
    base = slugify(title, allow_unicode=True)[:200] or fallback
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


def items(value) -> list[dict]:
    """A ListBlock's items, whether stored as plain values or as {type, value, id}."""
    result = []
    for item in value or []:
        if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
            result.append(item)
        else:
            result.append({"type": "item", "value": item, "id": str(uuid.uuid4())})
    return result


def lesson_body(lesson: dict) -> list[dict]:
    body = []
    if lesson.get("text"):
        body.append({"type": "text", "value": lesson["text"], "id": str(uuid.uuid4())})
    url = lesson.get("video_url")
    if url:
        link = f'<p><a href="{url}">{url}</a></p>'
        body.append({"type": "text", "value": link, "id": str(uuid.uuid4())})
    resources = items(lesson.get("resources"))
    if resources:
        value = {"heading": "", "resources": resources}
        body.append({"type": "resources", "value": value, "id": str(uuid.uuid4())})
    return body


def pages_from_modules(apps, course, blocks: list[dict]) -> int:
    """Module and lesson pages under `course` from its modules' raw block data; the number
    of pages made."""
    Page = apps.get_model("wagtailcore", "Page")
    ModulePage = apps.get_model("learning", "ModulePage")
    LessonPage = apps.get_model("learning", "LessonPage")
    ContentType = apps.get_model("contenttypes", "ContentType")
    module_type = ContentType.objects.get_or_create(app_label="learning", model="modulepage")[0]
    lesson_type = ContentType.objects.get_or_create(app_label="learning", model="lessonpage")[0]

    children = Page.objects.filter(path__startswith=course.path, depth=course.depth + 1)
    last = children.order_by("-path").values_list("path", flat=True).first()
    number = decode_step(last[-STEPLEN:]) if last else 0
    taken = set(children.values_list("slug", flat=True))
    published = course.last_published_at or course.first_published_at
    common = {
        "live": True,
        "has_unpublished_changes": False,
        "locale_id": course.locale_id,
        "first_published_at": published,
        "last_published_at": published,
        "numchild": 0,
    }
    made = 0
    modules = [block for block in blocks if block.get("type") == "module"]
    for index, block in enumerate(modules):
        value = block.get("value") or {}
        block_key = block.get("id") or f"module-{index}"
        number += 1
        title = value.get("title") or f"Module {index + 1}"
        slug = unique_slug(title, f"module-{index + 1}", taken)
        module = ModulePage.objects.create(
            title=title,
            draft_title=title,
            slug=slug,
            summary=value.get("summary") or "",
            content_type=module_type,
            path=course.path + encode_step(number),
            depth=course.depth + 1,
            url_path=f"{course.url_path}{slug}/",
            translation_key=uuid.uuid5(NAMESPACE, f"{course.translation_key}/{block_key}"),
            **common,
        )
        made += 1
        lesson_slugs: set[str] = set()
        lessons = [item["value"] for item in items(value.get("lessons"))]
        for position, lesson in enumerate(lessons, start=1):
            title = lesson.get("title") or f"Lesson {position}"
            slug = unique_slug(title, f"lesson-{position}", lesson_slugs)
            LessonPage.objects.create(
                title=title,
                draft_title=title,
                slug=slug,
                body=lesson_body(lesson),
                content_type=lesson_type,
                path=module.path + encode_step(position),
                depth=module.depth + 1,
                url_path=f"{module.url_path}{slug}/",
                translation_key=uuid.uuid5(
                    NAMESPACE, f"{course.translation_key}/{block_key}/{position}"
                ),
                **common,
            )
            made += 1
        Page.objects.filter(pk=module.pk).update(numchild=len(lessons))
    if modules:
        Page.objects.filter(pk=course.pk).update(numchild=children.count())
    return made


def lessons_from_course_modules(apps, schema_editor):
    CoursePage = apps.get_model("courses", "CoursePage")
    for course in CoursePage.objects.order_by("path"):
        blocks = [dict(block) for block in course.modules.raw_data]
        if blocks:
            pages_from_modules(apps, course, blocks)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("courses", "0007_self_paced_mode"),
        ("learning", "0001_initial"),
    ]
    run_before = [("courses", "0009_modules_as_pages")]

    operations = [
        migrations.RunPython(lessons_from_course_modules, migrations.RunPython.noop),
    ]
