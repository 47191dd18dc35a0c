"""The form a learner fills in, built from a survey template's questions: one field per
question, named after the question's id, and the answers as the services store them."""

from dataclasses import dataclass

from django import forms

from surveys.models import SurveyTemplate
from surveys.scales import RATING_SCALE

TEXT_MAX_LENGTH = 5000
FIELD_PREFIX = "q-"


@dataclass(frozen=True)
class QuestionField:
    field: forms.BoundField
    kind: str
    low_label: str = ""
    high_label: str = ""


class SurveyForm(forms.Form):
    """One field per question, in the template's order. `answers` after validation:
    {question id: rating (int) | option index (int) | option indexes ([int]) | text}."""

    def __init__(self, template: SurveyTemplate, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.template = template
        self.questions = {}
        for block in template.questions:
            field = self.field_for(block.block_type, block.value)
            if field is None:
                continue
            name = FIELD_PREFIX + block.id
            self.fields[name] = field
            self.questions[name] = block

    @staticmethod
    def field_for(kind: str, value) -> forms.Field | None:
        common = {
            "label": value["label"],
            "help_text": value.get("help_text") or "",
            "required": bool(value.get("required")),
        }
        if kind == "rating":
            return forms.TypedChoiceField(
                choices=[(point, str(point)) for point in RATING_SCALE],
                coerce=int,
                empty_value=None,
                widget=forms.RadioSelect,
                **common,
            )
        if kind in ("single_choice", "multiple_choice"):
            choices = [(index, option) for index, option in enumerate(value["options"])]
            if kind == "single_choice":
                return forms.TypedChoiceField(
                    choices=choices,
                    coerce=int,
                    empty_value=None,
                    widget=forms.RadioSelect,
                    **common,
                )
            return forms.TypedMultipleChoiceField(
                choices=choices,
                coerce=int,
                widget=forms.CheckboxSelectMultiple,
                **common,
            )
        if kind == "text":
            return forms.CharField(
                widget=forms.Textarea(attrs={"rows": 5}), max_length=TEXT_MAX_LENGTH, **common
            )
        return None

    def question_fields(self) -> list[QuestionField]:
        """Each question's bound field with what the page shows around it, in order."""
        return [
            QuestionField(
                field=self[name],
                kind=block.block_type,
                low_label=block.value.get("low_label", ""),
                high_label=block.value.get("high_label", ""),
            )
            for name, block in self.questions.items()
        ]

    @property
    def answers(self) -> dict:
        """The given answers keyed by question id; unanswered questions are left out."""
        answers = {}
        for name, block in self.questions.items():
            value = self.cleaned_data.get(name)
            if value is None or value == "" or value == []:
                continue
            answers[block.id] = value
        return answers

    @property
    def has_required(self) -> bool:
        return any(field.required for field in self.fields.values())
