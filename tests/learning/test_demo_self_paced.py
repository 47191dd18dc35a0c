"""The demo's self-paced courses after `manage.py load_demo`: three courses in six languages
with modules, lessons, knowledge checks and graded quizzes, a video course, a self-paced run
of each, and the demo learner half-way through one. Loaded once for the module, since it
takes a while."""

import shutil
from datetime import timedelta
from html import unescape
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page, Revision
from wagtailmedia.models import get_media_model

from accounts.models import User
from courses.models import CoursePage, SessionMode, TrainingSession
from enrollment.demo import DEMO_LEARNER_EMAIL
from enrollment.models import Enrollment, EnrollmentStatus
from learning import demo_content_self_paced as content
from learning import demo_self_paced
from learning.models import LessonPage, LessonProgress, ModulePage, QuizAttempt
from learning.selectors.progress import lessons_done_percent

LANGUAGES = {"ar", "zh-hans", "en", "fr", "ru", "es"}
SLUGS = [spec["slug"] for spec in content.COURSES]
KINDS = {"single_choice", "multiple_choice", "true_false", "numeric", "short_text"}
HAS_FFMPEG = shutil.which("ffmpeg") is not None


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """Loads the demo once for the module's tests, in a transaction rolled back at the end
    (each test runs in a savepoint inside it), its clips and documents in a folder of its own."""
    media_root = tmp_path_factory.mktemp("media")
    with (
        override_settings(MEDIA_ROOT=str(media_root)),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        output = StringIO()
        call_command("load_demo", stdout=output)
        yield output.getvalue()
        transaction.set_rollback(True)


def english_course(slug: str) -> CoursePage:
    return CoursePage.objects.get(slug=slug, locale__language_code="en")


def translations(page: Page):
    return type(page).objects.filter(translation_key=page.translation_key)


def question_ids(lesson: LessonPage) -> list:
    """Every block id of the lesson's questions, with those of their choices and answers."""
    ids = []
    for block in lesson.questions.raw_data:
        ids.append(block["id"])
        for name in ("choices", "accepted"):
            ids += [item["id"] for item in block["value"].get(name, [])]
    return ids


def test_three_self_paced_courses_read_in_six_languages(demo, db):
    """Each self-paced course, its two modules and their lessons read in the six languages,
    published, with nothing left in English in the translations."""
    assert len(SLUGS) >= 3
    for slug in SLUGS:
        course = english_course(slug)
        assert {page.locale.language_code for page in translations(course)} == LANGUAGES
        modules = ModulePage.objects.child_of(course)
        lessons = LessonPage.objects.descendant_of(course)
        assert modules.count() == 2
        assert all(2 <= LessonPage.objects.child_of(module).count() <= 3 for module in modules)
        for page in [course, *modules, *lessons]:
            versions = translations(page).live()
            assert {version.locale.language_code for version in versions} == LANGUAGES
            for version in versions.exclude(pk=page.pk):
                assert version.untranslated == {}, version.url_path
                assert version.title != page.title, version.url_path
        assert course.duration_hours and course.objectives and course.summary


def test_every_course_has_a_graded_quiz_and_a_knowledge_check(demo, db):
    """Each course ends with a quiz (70% to pass, three attempts) asking all five kinds of
    question, and another lesson asks ungraded knowledge-check questions."""
    for slug in SLUGS:
        lessons = LessonPage.objects.descendant_of(english_course(slug))
        quizzes = lessons.filter(graded=True)
        assert quizzes.count() == 1
        quiz = quizzes.get()
        assert (quiz.passing_score, quiz.max_attempts) == (70, 3)
        assert {block.block_type for block in quiz.questions} == KINDS
        checks = [lesson for lesson in lessons.filter(graded=False) if lesson.questions]
        assert checks


def test_questions_keep_their_ids_and_read_in_each_language(demo, db):
    """A question, its choices and accepted answers carry the same ids in every language
    (an answer given in French counts for the Arabic question), with translated text."""
    for lesson in LessonPage.objects.filter(locale__language_code="en", slug__in=_quiz_slugs()):
        ids = question_ids(lesson)
        prompts = [block.value["prompt"].source for block in lesson.questions]
        for version in translations(lesson).exclude(pk=lesson.pk):
            assert question_ids(version) == ids
            translated = [block.value["prompt"].source for block in version.questions]
            assert all(a != b for a, b in zip(translated, prompts, strict=True))
    numeric = [
        block.value
        for lesson in LessonPage.objects.filter(locale__language_code="en")
        for block in lesson.questions
        if block.block_type == "numeric"
    ]
    assert any(value["tolerance"] > 0 for value in numeric)
    for lesson in LessonPage.objects.filter(slug__in=_quiz_slugs()):
        for block in lesson.questions:
            if block.block_type in ("single_choice", "multiple_choice"):
                assert all(choice["feedback"] for choice in block.value["choices"])
            assert block.value["explanation"]


def _quiz_slugs() -> list[str]:
    return [
        lesson["slug"]
        for course in content.COURSES
        for module in course["modules"]
        for lesson in module["lessons"]
        if lesson.get("questions")
    ]


def test_every_course_has_a_self_paced_run_open_now(demo, db):
    """Each course has one self-paced run on its platform, in English, without a seat limit,
    begun and open for a long while yet."""
    now = timezone.now()
    for slug in SLUGS:
        course = english_course(slug)
        runs = TrainingSession.objects.for_course(course).filter(mode=SessionMode.SELF_PACED)
        assert runs.count() == 1
        run = runs.get()
        assert run.language == "en" and run.capacity is None
        assert run.starts_at <= now and run.ends_at > now + timedelta(days=365)
        assert course.url_path.startswith(run.site.root_page.url_path)
        assert run.trainers.exists()


@pytest.mark.skipif(not HAS_FFMPEG, reason="ffmpeg makes the demo clip")
def test_the_video_course_shows_its_clip_in_two_lessons(demo, db):
    """Two lessons of the video course show a clip the demo made (640x360), titled in the
    lesson's language, the same clip in every translation."""
    course = english_course(content.LEARNER_COURSE)
    lessons = [
        lesson
        for lesson in LessonPage.objects.descendant_of(course)
        if any(block.block_type == "video" for block in lesson.body)
    ]
    assert len(lessons) == 2
    for lesson in lessons:
        video = next(block.value for block in lesson.body if block.block_type == "video")
        media = video["video"]
        assert (media.type, media.width, media.height) == ("video", 640, 360)
        assert media.file.storage.exists(media.file.name)
        assert 20 <= media.duration <= 30
        arabic = translations(lesson).get(locale__language_code="ar")
        arabic_video = next(block.value for block in arabic.body if block.block_type == "video")
        assert arabic_video["video"].pk == media.pk
        assert arabic_video["title"] != video["title"]
    assert get_media_model().objects.filter(type="video").count() == len(content.CLIPS)


@pytest.mark.skipif(not HAS_FFMPEG, reason="ffmpeg makes the demo clip")
def test_the_clips_are_captioned_where_the_platform_keeps_captions(demo, db):
    """Each clip the demo made has its captions attached in every language written for it."""
    try:
        caption_model = apps.get_model("learning", "Caption")
    except LookupError:
        pytest.skip("this platform keeps no captions")
    for clip in content.CLIPS:
        media = get_media_model().objects.get(title=clip["title"])
        languages = set(
            caption_model.objects.filter(media=media).values_list("language", flat=True)
        )
        assert languages == set(clip["captions"])


def test_the_clips_have_captions_in_english_arabic_and_french(demo, db):
    """Each clip's captions are WebVTT in at least English, Arabic and French, and end
    within the clip."""
    for clip in content.CLIPS:
        assert {"en", "ar", "fr"} <= set(clip["captions"])
        for text in clip["captions"].values():
            assert text.startswith("WEBVTT\n\n")
            last_end = text.strip().split("\n\n")[-1].split("\n")[0].split(" --> ")[1]
            assert last_end == f"00:00:{clip['seconds']:02d}.000"


def test_the_risk_course_offers_a_checklist_to_download_in_each_language(demo, db):
    """The lesson on exposure offers the household checklist in the reader's language."""
    lesson = LessonPage.objects.get(
        slug="measuring-exposure-and-vulnerability", locale__language_code="en"
    )
    for version in translations(lesson):
        resources = next(block.value for block in version.body if block.block_type == "resources")
        document = resources["resources"][0]["document"]
        title = content.DOCUMENTS[0]["title"][version.locale.language_code]
        assert document.title == title
        with document.file.open() as file:
            assert file.read().decode().startswith(title)


def test_the_demo_learner_is_half_way_through_the_video_course(demo, db):
    """The demo learner, enrolled in the video course's run, has done half of its lessons,
    some read in French, and sees half done in every language."""
    learner = User.objects.get(email=DEMO_LEARNER_EMAIL)
    course = english_course(content.LEARNER_COURSE)
    run = TrainingSession.objects.get(course=course, mode=SessionMode.SELF_PACED)
    enrollment = Enrollment.objects.get(user=learner, session=run)
    assert enrollment.status == EnrollmentStatus.CONFIRMED
    for version in translations(course):
        assert lessons_done_percent(learner, version) == 50
    done = LessonProgress.objects.filter(user=learner, course_key=course.translation_key)
    assert done.filter(done_at__isnull=False).count() == 2
    assert f"{DEMO_LEARNER_EMAIL} (demo-learner-pass) is half-way" in demo


def test_the_demo_learner_tried_the_quiz_once_in_french(demo, db):
    """The demo learner's first try at the video course's quiz, in French, scored 60%: not
    passed yet, two attempts left."""
    pytest.importorskip("learning.services.quizzes")
    quiz = LessonPage.objects.descendant_of(english_course(content.LEARNER_COURSE)).get(graded=True)
    attempt = QuizAttempt.objects.get(
        user__email=DEMO_LEARNER_EMAIL, lesson_key=quiz.translation_key
    )
    assert (attempt.score_percent, attempt.passed, attempt.language) == (60, False, "fr")
    assert "tried the quiz once in French (60%)" in demo


def test_the_demo_runs_certify_a_passed_quiz_not_ticked_lessons(demo, db):
    """With every other lesson of the video course ticked but the quiz failed at 60%, the
    demo learner's certificate still waits: the quiz's lesson cannot be ticked by hand, and
    the run asks a quiz score of 70%."""
    from certificates.services import completion_check
    from learning.selectors.progress import course_lessons
    from learning.services.progress import LessonNotMarkable, lesson_mark_done

    learner = User.objects.get(email=DEMO_LEARNER_EMAIL)
    course = english_course(content.LEARNER_COURSE)
    lessons = list(course_lessons(course))
    for lesson in lessons:
        if lesson.done_by_passing_only:
            with pytest.raises(LessonNotMarkable):
                lesson_mark_done(user=learner, lesson=lesson)
        else:
            lesson_mark_done(user=learner, lesson=lesson)
    enrollment = Enrollment.objects.get(user=learner, session__course=course)
    evaluation = completion_check(enrollment)
    quizzes = sum(lesson.done_by_passing_only for lesson in lessons)
    assert quizzes >= 1
    assert evaluation.lessons_percent == (len(lessons) - quizzes) * 100 // len(lessons)
    assert not evaluation.lessons_met
    assert evaluation.quiz_percent == 60 and not evaluation.quiz_met
    assert not evaluation.met
    assert "self-paced runs ask for every lesson done and a quiz score of 70%" in demo


def test_the_demo_trainer_follows_the_demo_learner(demo, db, client):
    """The demo trainer runs the video course: My sessions links its learners' progress,
    where the demo learner shows half-way, and its quiz results."""
    from django.urls import reverse

    from courses.demo import DEMO_TRAINER_EMAIL

    course = english_course(content.LEARNER_COURSE)
    client.force_login(User.objects.get(email=DEMO_TRAINER_EMAIL))
    progress_url = reverse("learning:course_progress", args=[course.pk])
    my_sessions = client.get(reverse("enrollment:my_sessions")).content.decode()
    assert f'href="{progress_url}"' in my_sessions
    progress = client.get(progress_url)
    assert progress.status_code == 200
    assert "Learner Demo" in progress.content.decode()
    quizzes = client.get(reverse("learning:quiz_results", args=[course.pk]))
    assert quizzes.status_code == 200
    assert f"{DEMO_TRAINER_EMAIL} (demo-trainer-pass) runs it" in demo


@pytest.mark.parametrize("code", ["fr", "ar"])
def test_a_lesson_reads_in_french_and_arabic(demo, db, client, code):
    """The first lesson of the video course opens in French and in Arabic, in that language."""
    lesson = LessonPage.objects.get(
        slug="six-dimensions-of-data-quality", locale__language_code=code
    )
    response = client.get(lesson.url)
    assert response.status_code == 200
    page = unescape(response.content.decode())
    assert lesson.title in page
    text = next(block.value.source for block in lesson.body if block.block_type == "text")
    assert unescape(text.split("<b>")[0].removeprefix("<p>")) in page


def test_loading_again_creates_nothing(demo, db):
    """Loading the self-paced demo a second time adds no page, run, clip, document,
    enrollment or tick."""
    models = (
        Page,
        Revision,
        TrainingSession,
        Enrollment,
        LessonProgress,
        get_media_model(),
        get_document_model(),
    )
    counts = [model.objects.count() for model in models]
    output = StringIO()
    demo_self_paced.load(output)
    assert [model.objects.count() for model in models] == counts
    assert "0 pages and 0 self-paced runs created" in output.getvalue()


def test_without_ffmpeg_the_demo_says_the_video_lessons_are_missing(demo, db, monkeypatch):
    """Whoever loads the demo on a machine without ffmpeg is told the video course has no
    video lessons, and why."""
    unmade = {**content.CLIPS[0], "title": "A clip not made yet"}
    monkeypatch.setattr(content, "CLIPS", [unmade])
    monkeypatch.setattr(demo_self_paced.shutil, "which", lambda name: None)
    output = StringIO()
    demo_self_paced.load(output)
    assert "ffmpeg is not installed, so the video course has no video lessons" in (
        output.getvalue()
    )
