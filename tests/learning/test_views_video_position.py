"""The player remembers where a learner stopped the lesson's video, in every language of
the lesson; nobody else's lesson can be written to."""

import pytest

from accounts.factories import UserFactory
from cms.factories import translate
from courses.factories import TrainingSessionFactory
from enrollment.factories import EnrollmentFactory
from enrollment.models import EnrollmentStatus
from learning.models import LessonProgress
from tests.learning.videos import lesson_with_video, media_root, upload_video  # noqa: F401

pytestmark = pytest.mark.django_db


def position_url(lesson):
    return f"/en/learning/lessons/{lesson.pk}/video-position/"


@pytest.fixture
def lesson(home):
    return lesson_with_video(home, upload_video(b"source"))


@pytest.fixture
def learner(lesson):
    course = lesson.get_parent().get_parent()
    enrollment = EnrollmentFactory(session=TrainingSessionFactory(course=course.specific))
    return enrollment.user


def test_the_position_is_kept_and_a_row_made_when_needed(client, lesson, learner):
    """A learner's first pause at 1:30 is remembered, then the next one at 2:00."""
    client.force_login(learner)
    response = client.post(position_url(lesson), {"position": "90.4"})
    assert response.status_code == 204
    progress = LessonProgress.objects.get(user=learner)
    assert progress.video_position == 90
    assert progress.lesson_key == lesson.translation_key
    assert progress.course_key == lesson.get_parent().get_parent().translation_key
    assert progress.done_at is None
    client.post(position_url(lesson), {"position": "120"})
    assert LessonProgress.objects.get(user=learner).video_position == 120


def test_the_position_is_shared_by_the_lessons_translations(client, lesson, learner):
    """Stopping in the Arabic lesson is where the English one resumes."""
    ancestors = [p.specific for p in lesson.get_ancestors()[2:]]
    for page in [*ancestors, lesson]:
        translate(page, "ar")
    arabic = lesson.get_translation(lesson.locale.__class__.objects.get(language_code="ar"))
    client.force_login(learner)
    assert client.post(position_url(arabic), {"position": "42"}).status_code == 204
    progress = LessonProgress.objects.get(user=learner)
    assert progress.lesson_key == lesson.translation_key
    assert progress.video_position == 42


def test_a_lesson_the_user_may_not_read_is_not_found(client, lesson):
    """Someone not enrolled in the course gets 404, and nothing is recorded."""
    client.force_login(UserFactory())
    assert client.post(position_url(lesson), {"position": "10"}).status_code == 404
    assert not LessonProgress.objects.exists()


def test_a_cancelled_enrollment_no_longer_opens_the_lesson(client, lesson, learner):
    """A learner who cancelled gets 404."""
    learner.enrollments.update(status=EnrollmentStatus.CANCELLED)
    client.force_login(learner)
    assert client.post(position_url(lesson), {"position": "10"}).status_code == 404


def test_an_unknown_lesson_is_not_found(client, learner):
    """A lesson number that does not exist gives 404."""
    client.force_login(learner)
    assert (
        client.post("/en/learning/lessons/999999/video-position/", {"position": "1"}).status_code
        == 404
    )


def test_an_open_preview_lesson_keeps_anyones_position(client, lesson):
    """A signed-in visitor of an open preview lesson resumes where they stopped too."""
    lesson.preview = True
    lesson.save_revision().publish()
    visitor = UserFactory()
    client.force_login(visitor)
    assert client.post(position_url(lesson), {"position": "5"}).status_code == 204
    assert LessonProgress.objects.get(user=visitor).video_position == 5


@pytest.mark.parametrize("position", ["", "soon", "-3", "nan", "inf", "999999999"])
def test_a_position_that_is_not_a_time_is_refused(client, lesson, learner, position):
    """Nonsense positions get 400, never an error page, and change nothing."""
    client.force_login(learner)
    assert client.post(position_url(lesson), {"position": position}).status_code == 400
    assert not LessonProgress.objects.exists()


def test_reading_the_url_changes_nothing(client, lesson, learner):
    """A GET is refused (405): only the player's POST writes."""
    client.force_login(learner)
    assert client.get(position_url(lesson)).status_code == 405
    assert not LessonProgress.objects.exists()


def test_an_anonymous_visitor_is_sent_to_log_in(client, lesson):
    """Without an account nothing is kept."""
    response = client.post(position_url(lesson), {"position": "10"})
    assert response.status_code == 302
    assert not LessonProgress.objects.exists()
