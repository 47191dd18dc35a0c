"""The quiz form: one field per question, in the order this attempt shows them, read back
as the answer strings learning.grading grades."""

import random
import uuid
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from learning.grading import (
    CHOICE_KINDS,
    FALSE,
    MULTIPLE_CHOICE,
    NUMBER_MAX_LENGTH,
    NUMERIC,
    RESPONSE_MAX_LENGTH,
    SHORT_TEXT,
    TRUE,
    TRUE_FALSE,
    TRUE_FALSE_LABELS,
    Question,
    number_response,
    parse_number,
    tidy_text,
)


@dataclass(frozen=True)
class ShownChoice:
    """A choice as the form shows it: its index (what is sent back) and text, nothing of
    whether it is right."""

    value: str
    text: str
    checked: bool


@dataclass
class ShownQuestion:
    """A question as this attempt shows it: its place, its choices in their shown order,
    and what the learner has entered so far (after a form error)."""

    question: Question
    position: int
    name: str
    choices: list[ShownChoice]
    value: str
    errors: list[str]


def shown_order(questions: list[Question], token: uuid.UUID, shuffle: bool):
    """The questions and their choices in the order of this attempt: the editor's, or
    shuffled with the form's token as seed, so the same form always shows the same order."""
    generator = random.Random(token.int)  # noqa: S311 (an order, not a secret)
    ordered = list(questions)
    if shuffle:
        generator.shuffle(ordered)
    shown = []
    for question in ordered:
        choices = list(question.choices)
        if shuffle:
            generator.shuffle(choices)
        shown.append((question, choices))
    return shown


class QuizForm(forms.Form):
    token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, questions: list[Question], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[self.field_name(question)] = self.field_for(question)

    @staticmethod
    def field_name(question: Question) -> str:
        return f"q-{question.id}"

    @staticmethod
    def field_for(question: Question) -> forms.Field:
        if question.kind == MULTIPLE_CHOICE:
            return forms.TypedMultipleChoiceField(
                choices=[(str(c.index), c.text) for c in question.choices], required=False
            )
        if question.kind in CHOICE_KINDS:
            return forms.ChoiceField(
                choices=[(str(c.index), c.text) for c in question.choices], required=False
            )
        if question.kind == TRUE_FALSE:
            return forms.ChoiceField(
                choices=[(value, label) for value, label in TRUE_FALSE_LABELS.items()],
                required=False,
            )
        if question.kind == NUMERIC:
            return forms.CharField(max_length=NUMBER_MAX_LENGTH, required=False)
        return forms.CharField(max_length=RESPONSE_MAX_LENGTH, required=False, strip=True)

    def clean(self):
        cleaned = super().clean()
        for question in self.questions:
            name = self.field_name(question)
            if question.kind != NUMERIC or not cleaned.get(name):
                continue
            try:
                cleaned[name] = number_response(parse_number(cleaned[name]))
            except ValueError:
                self.add_error(name, _("Enter a number, such as 2.5 or 2,5."))
        return cleaned

    @property
    def answers(self) -> dict[str, str]:
        """The answer string of each question, by question id ("" when left blank)."""
        answers = {}
        for question in self.questions:
            value = self.cleaned_data.get(self.field_name(question))
            if question.kind == MULTIPLE_CHOICE:
                value = ",".join(sorted(value or [], key=int))
            elif question.kind == SHORT_TEXT:
                value = tidy_text(value or "")
            elif question.kind == TRUE_FALSE:
                value = value if value in (TRUE, FALSE) else ""
            answers[question.id] = value or ""
        return answers

    def shown(self, token: uuid.UUID, shuffle: bool) -> list[ShownQuestion]:
        shown = []
        for position, (question, choices) in enumerate(
            shown_order(self.questions, token, shuffle), start=1
        ):
            name = self.field_name(question)
            values = self.data.getlist(name) if self.is_bound else []
            options = [
                ShownChoice(str(choice.index), choice.text, str(choice.index) in values)
                for choice in choices
            ]
            if question.kind == TRUE_FALSE:
                options = [
                    ShownChoice(value, str(label), value in values)
                    for value, label in TRUE_FALSE_LABELS.items()
                ]
            value = values[0] if values and question.kind in (NUMERIC, SHORT_TEXT) else ""
            errors = list(self.errors.get(name, [])) if self.is_bound else []
            shown.append(ShownQuestion(question, position, name, options, value, errors))
        return shown
