"""A course with one lesson of questions, one of each kind, and a learner enrolled in a run
of it: what the quiz tests build on."""

from dataclasses import dataclass

from accounts.factories import UserFactory
from courses.factories import CoursePageFactory, ThemePageFactory, TrainingSessionFactory
from enrollment.factories import EnrollmentFactory
from learning.factories import LessonPageFactory, ModulePageFactory

RIGHT = {
    "single": "1",
    "multiple": "0,2",
    "true_false": "false",
    "numeric": "9.81",
    "short": "Nairobi",
}


def questions():
    return [
        (
            "single_choice",
            {
                "prompt": "<p>Which gauge measures rain?</p>",
                "explanation": "A rain gauge collects the rain that falls.",
                "choices": [
                    {"text": "Anemometer", "correct": False, "feedback": "That one is for wind."},
                    {"text": "Rain gauge", "correct": True, "feedback": "Indeed."},
                    {"text": "Barometer", "correct": False, "feedback": "Air pressure."},
                ],
            },
        ),
        (
            "multiple_choice",
            {
                "prompt": "<p>Which are renewable?</p>",
                "explanation": "",
                "choices": [
                    {"text": "Solar", "correct": True, "feedback": ""},
                    {"text": "Coal", "correct": False, "feedback": "Coal burns once."},
                    {"text": "Wind", "correct": True, "feedback": ""},
                    {"text": "Gas", "correct": False, "feedback": ""},
                ],
            },
        ),
        (
            "true_false",
            {
                "prompt": "<p>Water boils at 50 °C at sea level.</p>",
                "explanation": "It boils at 100 °C.",
                "answer": False,
                "feedback_true": "Too low by half.",
                "feedback_false": "Right, 100 °C.",
            },
        ),
        (
            "numeric",
            {
                "prompt": "<p>Gravity at the surface?</p>",
                "explanation": "",
                "answer": "9.81",
                "tolerance": "0.05",
                "unit": "m/s²",
            },
        ),
        (
            "short_text",
            {
                "prompt": "<p>Capital of Kenya?</p>",
                "explanation": "",
                "accepted": ["Nairobi", "Naïrobi"],
            },
        ),
    ]


@dataclass
class QuizWorld:
    course: object
    module: object
    lesson: object
    session: object
    learner: object

    @property
    def ids(self) -> dict[str, str]:
        """The question ids by the short names of RIGHT."""
        return dict(zip(RIGHT, [block.id for block in self.lesson.questions], strict=True))

    def answers(self, **changes) -> dict[str, str]:
        """Answer strings by question id: all right, but for `changes`."""
        return {self.ids[name]: changes.get(name, value) for name, value in RIGHT.items()}


def quiz_world(parent, **lesson_fields) -> QuizWorld:
    course = CoursePageFactory(parent=ThemePageFactory(parent=parent))
    module = ModulePageFactory(parent=course)
    fields = {"questions": questions(), "graded": True, "passing_score": 70, "max_attempts": 3}
    fields.update(lesson_fields)
    lesson = LessonPageFactory(parent=module, **fields)
    session = TrainingSessionFactory(course=course)
    learner = UserFactory()
    EnrollmentFactory(user=learner, session=session)
    return QuizWorld(course, module, lesson, session, learner)
