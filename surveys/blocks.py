"""The kinds of question a survey template holds. Each block keeps its id across
translations (wagtail-localize copies the stream), so answers are keyed by that id and
compare across the six languages."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class QuestionBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("question"), max_length=300)
    help_text = blocks.CharBlock(label=_("help text"), required=False, max_length=300)
    required = blocks.BooleanBlock(label=_("an answer is required"), required=False, default=True)


class RatingQuestionBlock(QuestionBlock):
    low_label = blocks.CharBlock(label=_("label of 1"), max_length=60, default=_("Very poor"))
    high_label = blocks.CharBlock(label=_("label of 5"), max_length=60, default=_("Excellent"))
    headline = blocks.BooleanBlock(
        label=_("headline question (overall satisfaction)"),
        required=False,
        help_text=_(
            "The satisfaction rate is the share of respondents answering 4 or 5 to it. "
            "One per template."
        ),
    )

    class Meta:
        icon = "pick"
        label = _("Rating 1 to 5")


class ChoiceQuestionBlock(QuestionBlock):
    options = blocks.ListBlock(
        blocks.CharBlock(label=_("option"), max_length=200), label=_("options"), min_num=2
    )

    class Meta:
        icon = "list-ul"


class SingleChoiceQuestionBlock(ChoiceQuestionBlock):
    class Meta:
        label = _("Single choice")


class MultipleChoiceQuestionBlock(ChoiceQuestionBlock):
    class Meta:
        label = _("Multiple choice")


class TextQuestionBlock(QuestionBlock):
    class Meta:
        icon = "openquote"
        label = _("Free text")


class QuestionsBlock(blocks.StreamBlock):
    rating = RatingQuestionBlock()
    single_choice = SingleChoiceQuestionBlock()
    multiple_choice = MultipleChoiceQuestionBlock()
    text = TextQuestionBlock()

    class Meta:
        min_num = 1

    def clean(self, value):
        value = super().clean(value)
        headlines = [
            child for child in value if child.block_type == "rating" and child.value.get("headline")
        ]
        if len(headlines) > 1:
            raise blocks.StreamBlockValidationError(
                non_block_errors=ValidationError(
                    _("Only one question can be the headline question.")
                )
            )
        return value
