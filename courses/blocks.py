"""StreamField blocks of course pages: modules made of lessons."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock


class ResourceBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"))
    document = DocumentChooserBlock(required=False, label=_("Document"))
    url = blocks.URLBlock(required=False, label=_("Link"))

    class Meta:
        icon = "doc-full"


class LessonBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"))
    text = blocks.RichTextBlock(
        required=False, features=["bold", "italic", "link", "ol", "ul"], label=_("Text")
    )
    video_url = blocks.URLBlock(
        required=False,
        label=_("Video link"),
        help_text=_("A link to the recording; readers choose whether to open it."),
    )
    resources = blocks.ListBlock(ResourceBlock(), default=[], label=_("Resources"))

    class Meta:
        icon = "media"


class ModuleBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"))
    summary = blocks.TextBlock(required=False, label=_("Summary"))
    lessons = blocks.ListBlock(LessonBlock(), label=_("Lessons"))

    class Meta:
        icon = "list-ul"
        template = "courses/blocks/module.html"


class CourseModules(blocks.StreamBlock):
    module = ModuleBlock(label=_("Module"))


class Objectives(blocks.StreamBlock):
    objective = blocks.CharBlock(label=_("Objective"))
