"""StreamField blocks of lessons: what a lesson shows, and the questions it asks.

Questions keep their block ids across the six translations of a lesson (wagtail-localize
copies the structure and translates only the text), so an answer given in French is graded
and counted with the same question in Arabic. Choices are identified by their position."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtailmedia.blocks import VideoChooserBlock

from courses.blocks import ResourceBlock

TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "blockquote"]


class FigureBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        required=False, label=_("Alternative text"), help_text=_("What the image shows.")
    )
    caption = blocks.CharBlock(required=False, label=_("Caption"))

    class Meta:
        icon = "image"
        template = "learning/blocks/figure.html"


class VideoBlock(blocks.StructBlock):
    video = VideoChooserBlock(label=_("Video"))
    title = blocks.CharBlock(required=False, label=_("Title"))

    class Meta:
        icon = "media"
        template = "learning/blocks/video.html"


class ResourcesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, label=_("Heading"))
    resources = blocks.ListBlock(ResourceBlock(), label=_("Resources"))

    class Meta:
        icon = "doc-full"
        template = "learning/blocks/resources.html"


class LessonBody(blocks.StreamBlock):
    text = blocks.RichTextBlock(features=TEXT_FEATURES, label=_("Text"))
    figure = FigureBlock(label=_("Image"))
    video = VideoBlock(label=_("Video"))
    resources = ResourcesBlock(label=_("Downloads"))


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Answer"))
    correct = blocks.BooleanBlock(required=False, label=_("Correct"))
    feedback = blocks.CharBlock(
        required=False, label=_("Feedback"), help_text=_("Shown after the learner submits.")
    )

    class Meta:
        icon = "tick"


class QuestionBase(blocks.StructBlock):
    prompt = blocks.RichTextBlock(features=["bold", "italic", "link"], label=_("Question"))
    explanation = blocks.TextBlock(
        required=False,
        label=_("Explanation"),
        help_text=_("Shown after the learner submits, whatever their answer."),
    )


class SingleChoiceQuestion(QuestionBase):
    choices = blocks.ListBlock(ChoiceBlock(), min_num=2, label=_("Answers"))

    class Meta:
        icon = "radio-full"
        label = _("Single choice")


class MultipleChoiceQuestion(QuestionBase):
    choices = blocks.ListBlock(ChoiceBlock(), min_num=2, label=_("Answers"))

    class Meta:
        icon = "list-ul"
        label = _("Multiple choice")


class TrueFalseQuestion(QuestionBase):
    answer = blocks.BooleanBlock(required=False, label=_("The statement is true"))
    feedback_true = blocks.CharBlock(required=False, label=_("Feedback for “true”"))
    feedback_false = blocks.CharBlock(required=False, label=_("Feedback for “false”"))

    class Meta:
        icon = "help"
        label = _("True or false")


class NumericQuestion(QuestionBase):
    answer = blocks.DecimalBlock(label=_("Answer"))
    tolerance = blocks.DecimalBlock(
        default=0, min_value=0, label=_("Tolerance"), help_text=_("Accepted above or below.")
    )
    unit = blocks.CharBlock(required=False, label=_("Unit"))

    class Meta:
        icon = "decimal"
        label = _("Number")


class ShortTextQuestion(QuestionBase):
    accepted = blocks.ListBlock(
        blocks.CharBlock(label=_("Accepted answer")),
        min_num=1,
        label=_("Accepted answers"),
        help_text=_("Compared without case, accents or extra spaces."),
    )

    class Meta:
        icon = "pilcrow"
        label = _("Short text")


class Questions(blocks.StreamBlock):
    single_choice = SingleChoiceQuestion()
    multiple_choice = MultipleChoiceQuestion()
    true_false = TrueFalseQuestion()
    numeric = NumericQuestion()
    short_text = ShortTextQuestion()
