"""Grading rules at their edges, as pure functions of a question and an answer."""

from decimal import Decimal
from fractions import Fraction

import pytest

from learning.grading import (
    Choice,
    Question,
    grade,
    normalize_text,
    parse_number,
    score_percent,
)


def choices(*rights):
    return tuple(Choice(i, f"choice {i}", right, f"feedback {i}") for i, right in enumerate(rights))


def multiple():
    return Question("m", "multiple_choice", {}, 1, choices(True, False, True, False))


def numeric(answer="10", tolerance="0.5"):
    value = {"answer": Decimal(answer), "tolerance": Decimal(tolerance), "unit": "km"}
    return Question("n", "numeric", value, 1)


def short(*accepted):
    return Question("s", "short_text", {"accepted": list(accepted)}, 1)


@pytest.mark.parametrize(
    ("response", "credit", "correct"),
    [
        ("0,2", 1, True),  # exactly the right ones
        ("0", Fraction(1, 2), False),  # half of the right ones
        ("0,1", 0, False),  # one right, one wrong: they cancel
        ("0,1,2", Fraction(1, 2), False),  # both right and one wrong
        ("0,1,2,3", 0, False),  # everything ticked earns nothing
        ("1,3", 0, False),  # never below zero
        ("", 0, False),  # nothing ticked
        ("9", 0, False),  # a choice that does not exist
    ],
)
def test_multiple_choice_partial_credit(response, credit, correct):
    """A learner who ticks some right answers gets part of the mark, less for wrong ticks,
    never below zero; only the exact set is right."""
    result = grade(multiple(), response)
    assert (result.credit, result.correct) == (credit, correct)


def test_multiple_choice_feedback_for_each_tick():
    """The learner reads the feedback of every answer they ticked."""
    assert grade(multiple(), "0,1").feedback == ["feedback 0", "feedback 1"]


@pytest.mark.parametrize(
    ("response", "correct"),
    [("10", True), ("10.5", True), ("9.5", True), ("10.51", False), ("9.49", False)],
)
def test_numeric_tolerance_edges_are_inclusive(response, correct):
    """An answer exactly at the tolerance's edge is right; a hair beyond it is wrong."""
    assert grade(numeric(), response).correct is correct


def test_numeric_without_tolerance_wants_the_exact_value():
    """With no tolerance, 3.14 is right and 3.141 is not."""
    question = numeric("3.14", "0")
    assert grade(question, "3.140").correct
    assert not grade(question, "3.141").correct


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("2,5", "2.5"),
        (" 2.5 ", "2.5"),
        ("-0,75", "-0.75"),
        ("1 000,5", "1000.5"),
        ("1\u202f000", "1000"),
        ("1,000.5", "1000.5"),
        ("1.000,5", "1000.5"),
        ("1,000,000", "1000000"),
        ("\u0662\u066b\u0665", "2.5"),  # Arabic-Indic digits and decimal separator
        ("\uff12\uff0e\uff15", "2.5"),  # full-width digits
    ],
)
def test_numbers_as_learners_type_them(typed, number):
    """French, Russian and Spanish learners type a comma before the decimals; Arabic and
    Chinese keyboards may give their own digits."""
    assert parse_number(typed) == Decimal(number)


@pytest.mark.parametrize("typed", ["", "abc", "2..5,", "NaN", "Infinity", "1e", "½", "1" * 50])
def test_what_is_not_a_number(typed):
    """Words, NaN and infinity are not numbers."""
    with pytest.raises(ValueError):
        parse_number(typed)


@pytest.mark.parametrize(
    ("typed", "accepted", "correct"),
    [
        ("nairobi", "Nairobi", True),
        ("  NAIROBI ", "Nairobi", True),
        ("Bogota", "Bogotá", True),
        ("bogotá", "Bogota", True),
        ("São  Paulo", "Sao Paulo", True),
        ("Straße", "STRASSE", True),
        ("北京", "北京", True),
        ("北京市", "北京", False),
        ("الماء", "الْمَاءُ", True),  # vowel signs are not required
        ("Nairob", "Nairobi", False),
        ("", "Nairobi", False),
    ],
)
def test_short_text_without_case_accents_or_spaces(typed, accepted, correct):
    """A short answer is compared without case, accents or extra spaces, in any script."""
    assert grade(short(accepted), typed).correct is correct


def test_normalized_full_width_letters():
    """Full-width Latin letters count as the ordinary ones (NFKC)."""
    assert normalize_text("ＡＢＣ") == "abc"


def test_true_false_and_single_choice():
    """True/false and single choice are right or wrong, with the chosen answer's feedback."""
    statement = Question(
        "t", "true_false", {"answer": False, "feedback_true": "No", "feedback_false": "Yes"}, 1
    )
    assert grade(statement, "false").correct and grade(statement, "false").feedback == ["Yes"]
    assert not grade(statement, "true").correct and grade(statement, "true").feedback == ["No"]
    assert not grade(statement, "maybe").correct
    single = Question("c", "single_choice", {}, 1, choices(False, True))
    assert grade(single, "1").correct and not grade(single, "0").correct
    assert not grade(single, "0,1").correct  # two picks for a single choice


def test_score_is_rounded_down_and_exact():
    """Three thirds of a mark make 100%; two of three questions make 66%."""
    assert score_percent([Fraction(1, 3)] * 3, 1) == 100
    assert score_percent([Fraction(1), Fraction(1), Fraction(0)], 3) == 66
    assert score_percent([], 0) == 0
