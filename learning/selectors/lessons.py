"""Reads of the lesson pages: the course outline, previous and next, the learner's ticks."""

from dataclasses import dataclass, field

from courses.models import CoursePage
from learning.models import LessonPage, LessonProgress, ModulePage
from learning.selectors.discussions import discussion_context
from learning.selectors.progress import learner_progress, may_read_lesson
from learning.selectors.quizzes import quiz_context

OUTLINE_FIELDS = ("id", "title", "slug", "url_path", "path", "depth", "translation_key")


@dataclass
class OutlineLesson:
    page: LessonPage
    number: int
    done: bool = False
    current: bool = False


@dataclass
class OutlineModule:
    page: ModulePage
    lessons: list[OutlineLesson] = field(default_factory=list)


@dataclass
class Outline:
    """A course's modules and lessons in reading order, with one learner's ticks."""

    course: CoursePage
    modules: list[OutlineModule]
    lessons: list[OutlineLesson]
    progress: dict  # lesson translation key -> LessonProgress
    current: OutlineLesson | None = None

    @property
    def done_count(self) -> int:
        return sum(1 for lesson in self.lessons if lesson.done)

    @property
    def percent(self) -> int:
        return self.done_count * 100 // len(self.lessons) if self.lessons else 0

    @property
    def started(self) -> bool:
        return bool(self.progress)

    @property
    def resume(self) -> OutlineLesson | None:
        """Where the learner stopped: the lesson last seen, or the first one not done after
        it when it is done; the first lesson for a learner who has not started."""
        if not self.lessons:
            return None
        by_key = {lesson.page.translation_key: lesson for lesson in self.lessons}
        seen = [row for key, row in self.progress.items() if key in by_key]
        if not seen:
            return self.lessons[0]
        last = by_key[max(seen, key=lambda row: row.seen_at).lesson_key]
        if not last.done:
            return last
        after = self.lessons[self.lessons.index(last) + 1 :]
        undone = [lesson for lesson in after + self.lessons if not lesson.done]
        return undone[0] if undone else last

    def neighbours(self, lesson: OutlineLesson) -> tuple[OutlineLesson | None, ...]:
        index = self.lessons.index(lesson)
        previous = self.lessons[index - 1] if index > 0 else None
        following = self.lessons[index + 1] if index + 1 < len(self.lessons) else None
        return previous, following

    def module_of(self, page) -> OutlineModule | None:
        return next((m for m in self.modules if page.path.startswith(m.page.path)), None)


def course_outline(course: CoursePage, user, *, current=None) -> Outline:
    """The outline in the language of `course`: three queries whatever the number of
    modules, lessons and learners (modules, lessons, the learner's ticks)."""
    modules = [
        OutlineModule(page)
        for page in ModulePage.objects.child_of(course)
        .live()
        .only(*OUTLINE_FIELDS)
        .order_by("path")
    ]
    by_path = {module.page.path: module for module in modules}
    progress = learner_progress(user, course)
    lessons = []
    depth = course.depth + 2
    pages = LessonPage.objects.descendant_of(course).live().filter(depth=depth)
    for page in pages.only(*OUTLINE_FIELDS, "duration_minutes", "preview").order_by("path"):
        module = by_path.get(page.path[: -ModulePage.steplen])
        if module is None:  # under a module not published
            continue
        row = progress.get(page.translation_key)
        lesson = OutlineLesson(page, number=len(lessons) + 1, done=bool(row and row.done_at))
        lesson.current = current is not None and page.pk == current.pk
        module.lessons.append(lesson)
        lessons.append(lesson)
    outline = Outline(course, modules, lessons, progress)
    outline.current = next((lesson for lesson in lessons if lesson.current), None)
    return outline


def lesson_page_context(lesson, request) -> dict:
    course = CoursePage.objects.ancestor_of(lesson).first() if lesson.path else None
    if course is None:  # an editor's preview of a lesson not yet in the tree
        return {"may_read": True, "outline": None}
    user = request.user
    outline = course_outline(course, user, current=lesson)
    previous, following = (None, None)
    if outline.current is not None:
        previous, following = outline.neighbours(outline.current)
    may_read = may_read_lesson(user, lesson, course)
    context = {
        "course": course,
        "module": outline.module_of(lesson),
        "outline": outline,
        "previous_lesson": previous,
        "next_lesson": following,
        "may_read": may_read,
        "lesson_progress": outline.progress.get(lesson.translation_key),
    }
    if may_read:
        context.update(quiz_context(lesson, request))
        context.update(discussion_context(lesson, request))
    return context


def module_page_context(module, request) -> dict:
    course = CoursePage.objects.ancestor_of(module).first() if module.path else None
    if course is None:
        return {"outline": None}
    outline = course_outline(course, request.user)
    return {
        "course": course,
        "outline": outline,
        "module_outline": next(
            (item for item in outline.modules if item.page.pk == module.pk), None
        ),
    }


def lesson_for_reader(lesson_id: int) -> LessonPage | None:
    """A live lesson by id, or None."""
    return LessonPage.objects.live().defer_streamfields().filter(pk=lesson_id).first()


def lesson_progress_row(user, lesson: LessonPage) -> LessonProgress | None:
    return LessonProgress.objects.filter(user=user, lesson_key=lesson.translation_key).first()
