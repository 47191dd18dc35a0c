import pytest
from django.urls import reverse

from accounts.factories import TrainerFactory
from learning.models import Post, PostStatus
from learning.selectors.discussions import participation
from learning.services import discussions as services
from tests.learning.discussions import build_cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    return build_cast()


def write(user, lesson, text="Which depth is the water table?", **kwargs):
    return services.post_write(user=user, lesson=lesson, text=text, **kwargs)


def queue_url(cast):
    return reverse("learning:discussion_queue", args=[cast.course.pk])


def test_the_trainer_sees_reported_and_unanswered_questions(client, cast):
    """Reported messages and questions without a trainer's answer wait in the queue; an
    answered question does not."""
    waiting = write(cast.asker, cast.lesson, "Still waiting")
    answered = write(cast.asker, cast.lesson, "Answered already")
    write(cast.trainer, cast.lesson, "Here you are", parent_id=answered.pk)
    rude = write(cast.other, cast.lesson, "Rude reply", parent_id=answered.pk)
    services.post_report(
        user=cast.asker, post=rude, role=participation(cast.asker, rude.course_key)
    )
    client.force_login(cast.trainer)
    body = client.get(queue_url(cast)).content.decode()
    reported = body.split("Reported messages")[1].split("Unanswered questions")[0]
    unanswered = body.split("Unanswered questions")[1]
    assert "Rude reply" in reported
    assert "Still waiting" in unanswered
    assert "Answered already" not in unanswered
    assert f"{cast.lesson.url}#post-{waiting.pk}" in unanswered


def test_the_trainer_hides_from_the_queue_and_returns_to_it(client, cast):
    post = write(cast.asker, cast.lesson)
    client.force_login(cast.trainer)
    response = client.post(
        reverse("learning:discussion_moderate", args=[post.pk]),
        {"do": "hide", "queue": cast.course.pk},
    )
    assert response["Location"] == f"{queue_url(cast)}#queue-{post.pk}"
    assert Post.objects.get().status == PostStatus.HIDDEN


def test_learners_and_other_courses_trainers_get_no_queue(client, cast):
    """The queue does not exist for a learner or for a trainer of another course."""
    for user in (cast.asker, TrainerFactory()):
        client.force_login(user)
        assert client.get(queue_url(cast)).status_code == 404
        csv = reverse("learning:discussion_queue_csv", args=[cast.course.pk])
        assert client.get(csv).status_code == 404


def test_the_export_lists_every_message_safely(client, cast):
    """The CSV has one row per message; a formula typed as a message stays text."""
    question = write(cast.asker, cast.lesson, '=HYPERLINK("http://evil")')
    write(cast.trainer, cast.lesson, "Ten metres", parent_id=question.pk)
    write(cast.other, cast.lesson, "Shy", anonymous=True)
    client.force_login(cast.trainer)
    response = client.get(reverse("learning:discussion_queue_csv", args=[cast.course.pk]))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert len(lines) == 4
    assert "'=HYPERLINK" in text
    assert "Grace Otieno" in text
    assert "Castillo" not in text


def test_trainers_find_the_queue_from_the_lesson_and_my_sessions(client, cast):
    """The lesson's discussion links the queue for its trainers (not for learners), and a
    self-paced run lists it on My sessions."""
    from courses.models import SessionMode

    client.force_login(cast.trainer)
    assert f'href="{queue_url(cast)}"' in client.get(cast.lesson.url).content.decode()
    session = cast.asker.enrollments.get().session
    session.mode = SessionMode.SELF_PACED
    session.save()
    my_sessions = client.get(reverse("enrollment:my_sessions")).content.decode()
    assert f'<a href="{queue_url(cast)}">Discussion queue</a>' in my_sessions
    client.force_login(cast.asker)
    assert queue_url(cast) not in client.get(cast.lesson.url).content.decode()


def test_the_queue_runs_the_same_queries_whatever_its_length(client, cast):
    """A fixed number of queries for 2 or 12 waiting questions and reports."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(count):
        for n in range(count):
            post = write(cast.asker, cast.lesson, f"Question {n}")
            services.post_report(
                user=cast.other, post=post, role=participation(cast.other, post.course_key)
            )

    def queries():
        client.force_login(cast.trainer)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(queue_url(cast)).status_code == 200
        return len(captured)

    add(2)
    queries()
    few = queries()
    add(10)
    assert queries() == few
