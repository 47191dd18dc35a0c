"""StreamField blocks of course pages: objectives, and the resources later stages list."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock


class ResourceBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"))
    document = DocumentChooserBlock(required=False, label=_("Document"))
    url = blocks.URLBlock(required=False, label=_("Link"))

    class Meta:
        icon = "doc-full"


class Objectives(blocks.StreamBlock):
    objective = blocks.CharBlock(label=_("Objective"))
