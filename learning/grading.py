"""How a lesson's questions are graded: the rules for each of the five kinds, as pure
functions of a question and the learner's answer, so the quiz form, the attempt review and
item analysis all agree.

An answer is kept as a short string whatever the kind: the index of the choice ("2"), the
indices ticked ("0,3"), "true" or "false", the number ("2.5"), or the text typed. Choices
are known by their index in the lesson, never by where they were shown on the page.

Multiple choice gives partial credit: each right tick counts for, each wrong tick against,
credit = max(0, (right ticks - wrong ticks) / number of right choices); the answer is
correct only when the ticks are exactly the right choices."""

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext_lazy as _

SINGLE_CHOICE = "single_choice"
MULTIPLE_CHOICE = "multiple_choice"
TRUE_FALSE = "true_false"
NUMERIC = "numeric"
SHORT_TEXT = "short_text"
CHOICE_KINDS = (SINGLE_CHOICE, MULTIPLE_CHOICE)

RESPONSE_MAX_LENGTH = 500
NUMBER_MAX_LENGTH = 40
TRUE, FALSE = "true", "false"
TRUE_FALSE_LABELS = {TRUE: _("True"), FALSE: _("False")}

# Spaces used between groups of digits (1 000 or 1 000 in French and Russian).
_GROUP_SPACES = re.compile(r"[\s\u00a0\u202f\u2009'’]")
_SPACES = re.compile(r"\s+")
# 2.5 or 2,5; then 1,000,000 or 1.000.000 with the other sign before the decimals.
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")
_GROUPED_NUMBER = re.compile(
    r"[+-]?\d{1,3}(?:(?P<separator>[.,])\d{3})(?:(?P=separator)\d{3})*(?:(?!(?P=separator))[.,]\d+)?"
)
# The Arabic decimal and thousands separators.
_ARABIC_SEPARATORS = str.maketrans({"\u066b": ".", "\u066c": ""})


@dataclass(frozen=True)
class Choice:
    index: int
    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Question:
    """One question of a lesson in one language; `id` is the block id all its
    translations share."""

    id: str
    kind: str
    value: object  # the block's StructValue: prompt, explanation and the kind's fields
    number: int  # its place in the lesson, from 1
    choices: tuple[Choice, ...] = ()

    @property
    def prompt(self):
        return self.value["prompt"]

    @property
    def explanation(self) -> str:
        return self.value.get("explanation") or ""

    @property
    def unit(self) -> str:
        return (self.value.get("unit") or "") if self.kind == NUMERIC else ""

    @property
    def right_indices(self) -> frozenset[int]:
        return frozenset(choice.index for choice in self.choices if choice.correct)

    @property
    def kind_label(self) -> str:
        return str(self.value.block.meta.label)


@dataclass
class Grade:
    """The grading of one answer: the credit (0 to 1), whether it is fully right, and the
    feedback the editor wrote for what the learner chose."""

    credit: Fraction
    correct: bool
    feedback: list[str] = field(default_factory=list)


def lesson_questions(lesson) -> list[Question]:
    """The lesson's questions in the lesson's language, in the editor's order."""
    questions = []
    for number, block in enumerate(lesson.questions, start=1):
        choices = ()
        if block.block_type in CHOICE_KINDS:
            choices = tuple(
                Choice(index, choice["text"], bool(choice["correct"]), choice["feedback"] or "")
                for index, choice in enumerate(block.value["choices"])
            )
        questions.append(Question(block.id, block.block_type, block.value, number, choices))
    return questions


# --- reading answers ----------------------------------------------------------------------


def parse_number(text: str) -> Decimal:
    """A number as a learner types it: a point or a comma before the decimals (2.5, 2,5,
    or the Arabic decimal separator), spaces between groups of digits, full-width or
    Arabic-Indic digits. With both a point and a comma, the last one marks the decimals
    (1,000.5 and 1.000,5). Several commas or several points alone separate groups
    (1,000,000). ValueError for anything else."""
    text = unicodedata.normalize("NFKC", text).translate(_ARABIC_SEPARATORS)
    text = _GROUP_SPACES.sub("", text).replace("\u2212", "-")
    if len(text) > NUMBER_MAX_LENGTH:
        raise ValueError(text)
    if _PLAIN_NUMBER.fullmatch(text):
        text = text.replace(",", ".")
    elif grouped := _GROUPED_NUMBER.fullmatch(text):
        separator = grouped["separator"]
        text = text.replace(separator, "").replace("," if separator == "." else ".", ".")
    else:
        raise ValueError(text)
    return Decimal(text)


def number_response(number: Decimal) -> str:
    """The number as it is stored: plain digits, no exponent, no trailing zeros."""
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "") else text


def normalize_text(text: str) -> str:
    """A short answer as it is compared: NFKC, without case, accents (combining marks, so
    Arabic vowel signs too) or extra spaces. Chinese and Arabic letters stay as they are."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def tidy_text(text: str) -> str:
    """A short answer as it is stored and shown back: spaces collapsed, cut to length."""
    return _SPACES.sub(" ", text).strip()[:RESPONSE_MAX_LENGTH]


def choice_indices(response: str) -> list[int]:
    indices = []
    for part in response.split(","):
        if part.strip().isdigit():
            indices.append(int(part))
    return sorted(set(indices))


def stored_response(question: Question, response: str) -> str:
    """The answer in the one form it is stored and counted in: choices in index order, a
    number without its decimal comma, a text with its spaces tidied."""
    response = str(response or "").strip()
    if question.kind == MULTIPLE_CHOICE:
        return ",".join(str(index) for index in choice_indices(response))
    if question.kind == NUMERIC and response:
        try:
            return number_response(parse_number(response))
        except ValueError:
            return response[:NUMBER_MAX_LENGTH]
    return tidy_text(response)


# --- grading ------------------------------------------------------------------------------


def grade(question: Question, response: str) -> Grade:
    """The credit for `response` (an empty string: not answered, no credit)."""
    if not response:
        return Grade(Fraction(0), False)
    grader = {
        SINGLE_CHOICE: _grade_single,
        MULTIPLE_CHOICE: _grade_multiple,
        TRUE_FALSE: _grade_true_false,
        NUMERIC: _grade_numeric,
        SHORT_TEXT: _grade_short_text,
    }[question.kind]
    return grader(question, response)


def _grade_single(question: Question, response: str) -> Grade:
    picked = [question.choices[i] for i in choice_indices(response) if i < len(question.choices)]
    if len(picked) != 1:
        return Grade(Fraction(0), False)
    choice = picked[0]
    return Grade(Fraction(int(choice.correct)), choice.correct, _feedback(choice.feedback))


def _grade_multiple(question: Question, response: str) -> Grade:
    picks = {i for i in choice_indices(response) if i < len(question.choices)}
    right = question.right_indices
    feedback = [question.choices[i].feedback for i in sorted(picks) if question.choices[i].feedback]
    if not right:
        # A question whose right answer is to tick nothing is answered by leaving it blank.
        return Grade(Fraction(0), False, feedback)
    credit = Fraction(len(picks & right) - len(picks - right), len(right))
    return Grade(max(Fraction(0), credit), picks == right, feedback)


def _grade_true_false(question: Question, response: str) -> Grade:
    if response not in (TRUE, FALSE):
        return Grade(Fraction(0), False)
    said_true = response == TRUE
    correct = said_true == bool(question.value["answer"])
    feedback = question.value["feedback_true" if said_true else "feedback_false"] or ""
    return Grade(Fraction(int(correct)), correct, _feedback(feedback))


def _grade_numeric(question: Question, response: str) -> Grade:
    try:
        number = parse_number(response)
    except ValueError:
        return Grade(Fraction(0), False)
    answer = Decimal(question.value["answer"])
    tolerance = abs(Decimal(question.value["tolerance"] or 0))
    correct = abs(number - answer) <= tolerance
    return Grade(Fraction(int(correct)), correct)


def _grade_short_text(question: Question, response: str) -> Grade:
    accepted = {normalize_text(text) for text in question.value["accepted"]}
    correct = normalize_text(response) in accepted
    return Grade(Fraction(int(correct)), correct)


def _feedback(text: str) -> list[str]:
    return [text] if text else []


def score_percent(credits: list[Fraction], question_count: int) -> int:
    """The score out of 100, rounded down, computed exactly (three thirds make 100)."""
    if not question_count:
        return 0
    return int(sum(credits, Fraction(0)) * 100 // question_count)


# --- showing answers ----------------------------------------------------------------------


def response_label(question: Question, response: str) -> str:
    """The answer as the reader reads it: the choices' text in the question's language,
    "True"/"False" in theirs, the number with its unit, the text typed."""
    if not response:
        return ""
    if question.kind in CHOICE_KINDS:
        texts = [
            question.choices[i].text for i in choice_indices(response) if i < len(question.choices)
        ]
        return " · ".join(texts)
    if question.kind == TRUE_FALSE:
        return str(TRUE_FALSE_LABELS.get(response, response))
    if question.kind == NUMERIC and question.unit:
        return f"{response} {question.unit}"
    return response


def right_answer_label(question: Question) -> str:
    """The right answer, shown once the learner may see it."""
    if question.kind in CHOICE_KINDS:
        return " · ".join(choice.text for choice in question.choices if choice.correct)
    if question.kind == TRUE_FALSE:
        return str(TRUE_FALSE_LABELS[TRUE if question.value["answer"] else FALSE])
    if question.kind == NUMERIC:
        answer = number_response(Decimal(question.value["answer"]))
        tolerance = Decimal(question.value["tolerance"] or 0)
        if tolerance:
            answer = f"{answer} ± {number_response(tolerance)}"
        return f"{answer} {question.unit}".strip()
    return " · ".join(question.value["accepted"])
