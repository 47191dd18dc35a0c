"""Themes, curricula and courses (pages editors write and translate), trainers, and the
dated training sessions of each course."""

from courses.models.pages import (
    CatalogPage,
    CourseLevel,
    CoursePage,
    CourseTrainer,
    CurriculumCourse,
    CurriculumPage,
    Licence,
    ThemePage,
)
from courses.models.sessions import (
    ALWAYS_OPEN_ENDS_AT,
    SessionKind,
    SessionMode,
    SessionStatus,
    TrainingSession,
)
from courses.models.trainers import Trainer

__all__ = [
    "ALWAYS_OPEN_ENDS_AT",
    "CatalogPage",
    "CourseLevel",
    "CoursePage",
    "CourseTrainer",
    "CurriculumCourse",
    "CurriculumPage",
    "Licence",
    "SessionKind",
    "SessionMode",
    "SessionStatus",
    "ThemePage",
    "Trainer",
    "TrainingSession",
]
