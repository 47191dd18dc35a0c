"""Demo self-paced courses: three complete courses in six languages (modules, lessons,
knowledge checks and a graded quiz each), one of them with video lessons cut from a clip
the demo makes with ffmpeg and captioned in several languages, an always-open self-paced
run of each, and the demo learner half-way through the video course.

Safe to run again: pages, clips, documents, runs and ticks are made only when missing."""

import logging
import shutil
import subprocess
import tempfile
import time
import uuid
from datetime import timedelta
from functools import partial
from pathlib import Path

from django.apps import apps
from django.core.files import File
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Locale, Site
from wagtailmedia.models import get_media_model

from accounts.demo import DEMO_ACCOUNTS
from accounts.models import User
from cms.demo_content import LANGUAGE_CODES
from cms.factories import publish
from courses.demo import DEMO_TRAINER_EMAIL, PageTree
from courses.factories import TrainingSessionFactory
from courses.models import (
    ALWAYS_OPEN_ENDS_AT,
    CoursePage,
    CourseTrainer,
    SessionMode,
    ThemePage,
    Trainer,
    TrainingSession,
)
from enrollment.demo import DEMO_LEARNER_EMAIL
from enrollment.factories import EnrollmentFactory
from enrollment.models import Enrollment, EnrollmentStatus
from learning import demo_content_self_paced as content
from learning.factories import LessonPageFactory, ModulePageFactory
from learning.models import LessonPage, ModulePage
from learning.selectors.progress import course_lessons
from learning.services.progress import lesson_mark_done

logger = logging.getLogger(__name__)

# Block ids are derived from the course's slugs, so that every translation of a lesson, and
# every load of the demo, gives a question the same id: answers are graded and counted
# against one question whatever language it was read in.
BLOCK_IDS = uuid.UUID("6f1d3c2e-8a4b-4e5f-9c7d-2b1a0e9f8d7c")
# A self-paced run is open from a little before the first load for this long.
CLIP_SIZE = (640, 360)


def load(stdout) -> None:
    started = time.monotonic()
    locales = {code: Locale.objects.get(language_code=code) for code in LANGUAGE_CODES}
    clips, clip_note = _clips()
    documents = _documents()
    tree = LessonTree(locales)
    runs = 0
    courses = {}
    for spec in content.COURSES:
        theme = ThemePage.objects.get(slug=spec["theme"], locale=locales["en"])
        course = _course(tree, theme, spec, locales)
        for module_spec in spec["modules"]:
            module = tree.page(
                course, ModulePage, module_spec["slug"], partial(_module_fields, module_spec)
            )
            for lesson_spec in module_spec["lessons"]:
                fields_for = partial(_lesson_fields, lesson_spec, clips, documents)
                lesson = tree.page(
                    module,
                    LessonPage,
                    lesson_spec["slug"],
                    fields_for,
                    extra=_lesson_extra(lesson_spec),
                )
                _add_missing_video(lesson, fields_for)
        had_run = TrainingSession.objects.filter(course=course, mode=SessionMode.SELF_PACED)
        runs += not had_run.exists()
        run = self_paced_run(course, theme.get_site())
        courses[spec["slug"]] = (course, run)
    learner_note = _demo_learner_half_way(*courses[content.LEARNER_COURSE])
    trainer_note = _demo_trainer_note(courses[content.LEARNER_COURSE][1])
    stdout.write(
        f"Self-paced courses: {len(content.COURSES)} courses in {len(LANGUAGE_CODES)} "
        f"languages, {len(tree.created_ids)} pages and {runs} self-paced runs created "
        f"in {time.monotonic() - started:.1f} s{clip_note}."
    )
    if learner_note:
        stdout.write(learner_note)
    if trainer_note:
        stdout.write(trainer_note)


class LessonTree(PageTree):
    """The catalog's page tree, which also knows how to add modules and lessons."""

    FACTORIES = {**PageTree.FACTORIES, ModulePage: ModulePageFactory, LessonPage: LessonPageFactory}


def block_id(*parts: str) -> str:
    return str(uuid.uuid5(BLOCK_IDS, ":".join(parts)))


def _text(value, code: str) -> str:
    """A text of the content file: one for every language, or the same in all."""
    return value[code] if isinstance(value, dict) else value


# --- pages --------------------------------------------------------------------------------


def _course(tree: PageTree, theme: ThemePage, spec: dict, locales: dict) -> CoursePage:
    trainers = [Trainer.objects.get(name=name, locale=locales["en"]) for name in spec["trainers"]]
    extra = {
        "level": spec["level"],
        "duration_hours": spec["hours"],
        "licence": spec["licence"],
        "instruction_languages": list(locales.values()),
        "course_trainers": [
            CourseTrainer(trainer=trainer, sort_order=order)
            for order, trainer in enumerate(trainers)
        ],
    }
    return tree.page(theme, CoursePage, spec["slug"], partial(_course_fields, spec), extra=extra)


def _course_fields(spec: dict, code: str) -> dict:
    return {
        "title": spec["title"][code],
        "summary": spec["summary"][code],
        "objectives": [
            {
                "type": "objective",
                "value": objective[code],
                "id": block_id(spec["slug"], "objective", str(number)),
            }
            for number, objective in enumerate(spec["objectives"])
        ],
    }


def _module_fields(spec: dict, code: str) -> dict:
    return {"title": spec["title"][code], "summary": spec["summary"][code]}


def _lesson_extra(spec: dict) -> dict:
    extra = {"duration_minutes": spec["minutes"], "preview": spec.get("preview", False)}
    if spec.get("graded"):
        extra.update(graded=True, passing_score=70, max_attempts=3)
    return extra


def _lesson_fields(spec: dict, clips: dict, documents: dict, code: str) -> dict:
    return {
        "title": spec["title"][code],
        "summary": spec["summary"][code],
        "body": _body(spec, clips, documents, code),
        "questions": _questions(spec, code),
    }


def _add_missing_video(lesson: LessonPage, fields_for) -> None:
    """A lesson made while its clip could not be (ffmpeg missing) gets its video, in every
    language, once the clip exists."""
    has_video = any(block.block_type == "video" for block in lesson.body)
    if has_video or not any(block["type"] == "video" for block in fields_for("en")["body"]):
        return
    for translation in LessonPage.objects.filter(translation_key=lesson.translation_key):
        translation.body = fields_for(translation.locale.language_code)["body"]
        publish(translation, clean=False)


def _body(spec: dict, clips: dict, documents: dict, code: str) -> list[dict]:
    """The lesson's blocks in `code`; a video whose clip could not be made is left out."""
    blocks = []
    for number, (kind, value) in enumerate(spec["body"]):
        key = block_id(spec["slug"], "body", str(number))
        if kind == "text":
            blocks.append({"type": "text", "value": value[code], "id": key})
        elif kind == "video" and value["clip"] in clips:
            video = {"video": clips[value["clip"]].pk, "title": value["title"][code]}
            blocks.append({"type": "video", "value": video, "id": key})
        elif kind == "resources":
            resources = [
                {
                    "type": "item",
                    "value": {
                        "title": resource["title"][code],
                        "document": documents[resource["document"]][code].pk,
                        "url": "",
                    },
                    "id": block_id(spec["slug"], "body", str(number), str(item)),
                }
                for item, resource in enumerate(value["resources"])
            ]
            heading = value["heading"][code]
            blocks.append(
                {
                    "type": "resources",
                    "value": {"heading": heading, "resources": resources},
                    "id": key,
                }
            )
    return blocks


def _questions(spec: dict, code: str) -> list[dict]:
    """The lesson's questions in `code`, with the same block ids in every language."""
    blocks = []
    for number, question in enumerate(spec.get("questions", [])):
        key = block_id(spec["slug"], "question", str(number))
        kind = question["kind"]
        value = {
            "prompt": f"<p>{question['prompt'][code]}</p>",
            "explanation": question["explanation"][code],
        }
        if kind in ("single_choice", "multiple_choice"):
            value["choices"] = [
                {
                    "type": "item",
                    "value": {
                        "text": _text(choice["text"], code),
                        "correct": choice.get("correct", False),
                        "feedback": choice["feedback"][code],
                    },
                    "id": block_id(key, "choice", str(item)),
                }
                for item, choice in enumerate(question["choices"])
            ]
        elif kind == "true_false":
            value.update(
                answer=question["answer"],
                feedback_true=question["feedback_true"][code],
                feedback_false=question["feedback_false"][code],
            )
        elif kind == "numeric":
            value.update(
                answer=question["answer"],
                tolerance=question["tolerance"],
                unit=_text(question.get("unit", ""), code),
            )
        elif kind == "short_text":
            value["accepted"] = [
                {"type": "item", "value": answer, "id": block_id(key, "accepted", str(item))}
                for item, answer in enumerate(question["accepted"][code])
            ]
        blocks.append({"type": kind, "value": value, "id": key})
    return blocks


# --- runs ---------------------------------------------------------------------------------


def self_paced_run(course: CoursePage, site: Site) -> TrainingSession:
    """The course's self-paced run on `site`, taught in English by the course's trainers,
    with no capacity: it opened a little before the demo was first loaded and stays open
    (always open: no closing date)."""
    run = TrainingSession.objects.filter(course=course, mode=SessionMode.SELF_PACED).first()
    if run is not None:
        return run
    opened = timezone.now().replace(minute=0, second=0, microsecond=0) - timedelta(hours=1)
    return TrainingSessionFactory(
        course=course,
        site=site,
        mode=SessionMode.SELF_PACED,
        language="en",
        starts_at=opened,
        ends_at=ALWAYS_OPEN_ENDS_AT,
        timezone="UTC",
        capacity=None,
        trainers=[link.trainer for link in course.course_trainers.all()],
    )


# --- the demo learner ---------------------------------------------------------------------


def _demo_learner_half_way(course: CoursePage, run: TrainingSession) -> str:
    """The demo learner is enrolled in the course's run and has done the first half of its
    lessons, the first read in English and the others in French: the ticks show in every
    language. Returns what to tell whoever loads the demo."""
    email = DEMO_LEARNER_EMAIL
    password = next(password for address, password, *_rest in DEMO_ACCOUNTS if address == email)
    learner = User.objects.filter(email=email).first()
    if learner is None:
        return ""
    if not Enrollment.objects.filter(user=learner, session=run).exists():
        # Enrolled as the enrollment demo enrolls its learners; a run has no capacity.
        EnrollmentFactory(user=learner, session=run, status=EnrollmentStatus.CONFIRMED)
        TrainingSession.objects.filter(pk=run.pk).update(seats_taken=run.seats_taken + 1)
    lessons = list(course_lessons(course))
    done = lessons[: len(lessons) // 2]
    french = Locale.objects.get(language_code="fr")
    for number, lesson in enumerate(done):
        read = lesson if number == 0 else lesson.get_translation(french)
        lesson_mark_done(user=learner, lesson=read)
    quiz = next(lesson for lesson in lessons if lesson.graded)
    attempt = _first_quiz_attempt(learner, quiz.get_translation(french))
    tried = f", tried the quiz once in French ({attempt.score_percent}%)" if attempt else ""
    return (
        f"  The demo learner {email} ({password}) is half-way through the self-paced course "
        f"“{course.title}”: {len(done)} of {len(lessons)} lessons done, some read in French"
        f"{tried}."
    )


def _demo_trainer_note(run: TrainingSession) -> str:
    """Where the demo trainer, who runs the demo learner's course, follows its learners."""
    email = DEMO_TRAINER_EMAIL
    if not run.trainers.filter(user__email=email).exists():
        return ""
    password = next(password for address, password, *_rest in DEMO_ACCOUNTS if address == email)
    return (
        f'  The demo trainer {email} ({password}) runs it: "My sessions" links its '
        "learners' progress, quiz results and discussion queue."
    )


def _first_quiz_attempt(learner: User, quiz: LessonPage):
    """The learner's first try at the quiz, graded like any learner's; None where the
    platform grades no quizzes. The attempt's token is fixed, so a second load gives back
    the same attempt."""
    try:
        from learning.services.quizzes import quiz_submit
    except ImportError:
        return None
    answers = {
        block_id(quiz.slug, "question", str(number)): response
        for number, response in enumerate(content.LEARNER_QUIZ_ANSWERS)
    }
    token = uuid.uuid5(BLOCK_IDS, f"{learner.email}:{quiz.slug}:1")
    return quiz_submit(user=learner, lesson=quiz, answers=answers, token=token)


# --- clips and documents ------------------------------------------------------------------


def _clips() -> tuple[dict, str]:
    """The demo's video clips by key, made with ffmpeg's test sources the first time, with
    their captions; and what to say about them."""
    Media = get_media_model()
    clips = {}
    for spec in content.CLIPS:
        media = Media.objects.filter(title=spec["title"], type="video").first()
        if media is not None:
            clips[spec["key"]] = media
    missing = [spec for spec in content.CLIPS if spec["key"] not in clips]
    if not missing:
        return clips, ""
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        return clips, (
            "; ffmpeg is not installed, so the video course has no video lessons (install "
            "ffmpeg and load the demo again to add them)"
        )
    captions = 0
    for spec in missing:
        try:
            media = _clip(ffmpeg, spec)
        except (OSError, subprocess.SubprocessError) as error:
            logger.warning("The demo clip %s could not be made: %s", spec["key"], error)
            continue
        captions += attach_captions(media, spec["captions"])
        clips[spec["key"]] = media
    made = sum(spec["key"] in clips for spec in missing)
    if not made:
        return clips, (
            "; ffmpeg could not make the demo clips, so the video course has no video lessons"
        )
    return clips, f", {made} video clips made with ffmpeg and {captions} caption files added"


def _clip(ffmpeg: str, spec: dict):
    """A clip of ffmpeg's test pattern with a tone, in H.264 and AAC, saved through the
    storage like an upload; its renditions are made by the background task that a new
    video starts, not here."""
    width, height = CLIP_SIZE
    seconds = spec["seconds"]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{spec['key']}.mp4"
        subprocess.run(  # noqa: S603 - fixed arguments, no user input
            [
                ffmpeg,
                "-hide_banner",
                "-loglevel",
                "error",
                "-f",
                "lavfi",
                "-i",
                f"testsrc2=size={width}x{height}:rate=25:duration={seconds}",
                "-f",
                "lavfi",
                "-i",
                f"sine=frequency={spec['tone']}:sample_rate=44100:duration={seconds}",
                "-c:v",
                "libx264",
                "-preset",
                "veryfast",
                "-crf",
                "30",
                "-pix_fmt",
                "yuv420p",
                "-c:a",
                "aac",
                "-b:a",
                "64k",
                "-shortest",
                "-movflags",
                "+faststart",
                str(path),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        media = get_media_model()(
            title=spec["title"], type="video", duration=seconds, width=width, height=height
        )
        with path.open("rb") as clip:
            media.file.save(path.name, File(clip), save=False)
        media.save()
    return media


def attach_captions(media, captions: dict[str, str]) -> int:
    """The clip's WebVTT captions, one file per language code, saved through the storage
    like an editor's upload; how many were added."""
    try:
        Caption = apps.get_model("learning", "Caption")
    except LookupError:
        logger.info(
            "Captions in %s for %s are not attached: this platform keeps no captions.",
            ", ".join(sorted(captions)),
            media.title,
        )
        return 0
    added = 0
    for code, text in captions.items():
        if Caption.objects.filter(media=media, language=code).exists():
            continue
        caption = Caption(media=media, language=code)
        caption.file.save(f"{code}.vtt", ContentFile(text.encode()), save=False)
        caption.save()
        added += 1
    return added


def _documents() -> dict[str, dict]:
    """The demo's downloadable documents by key, one per language, made the first time."""
    Document = get_document_model()
    documents = {}
    for spec in content.DOCUMENTS:
        documents[spec["key"]] = {}
        for code in LANGUAGE_CODES:
            title = spec["title"][code]
            document = Document.objects.filter(title=title).first()
            if document is None:
                document = Document(title=title)
                text = spec["text"][code].strip() + "\n"
                name = f"{spec['key']}-{code}.txt"
                document.file.save(name, ContentFile(text.encode()), save=False)
                document.save()
            documents[spec["key"]][code] = document
    return documents
