"""Learners' progress for trainers and administrators: on screen, as CSV, and the link
from My sessions."""

import pytest
from django.urls import reverse

from accounts.factories import TrainerFactory
from courses.factories import TrainerSnippetFactory, TrainingSessionFactory
from enrollment.factories import EnrollmentFactory
from learning.services.progress import lesson_mark_done
from tests.learning.lessons_world import administrator, build_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(home):
    world = build_course(home)
    lesson_mark_done(user=world.learner, lesson=world.lessons[0])
    lesson_mark_done(user=world.learner, lesson=world.lessons[1])
    return world


def test_the_trainer_sees_each_learners_share_of_lessons_done(client, world):
    """The course's trainer sees Lina Haddad at 2 of 4 lessons, 50%, with her last activity."""
    client.force_login(world.trainer)
    response = client.get(reverse("learning:course_progress", args=[world.course.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<bdi>Lina Haddad</bdi>" in html
    assert "2 / 4" in html and "50%" in html


def test_another_runs_trainer_sees_only_their_own_learners(client, world):
    """A trainer of another run of the course does not see this run's learners."""
    other = TrainerFactory()
    session = TrainingSessionFactory(
        course=world.course, trainers=[TrainerSnippetFactory(user=other, name="Other")]
    )
    EnrollmentFactory(session=session)
    client.force_login(other)
    html = client.get(reverse("learning:course_progress", args=[world.course.pk])).content
    assert b"Lina Haddad" not in html
    assert html.count(b"<tr>") == 2  # the heading and their own learner


def test_the_progress_csv_lists_learners_with_their_figures(client, world):
    """The CSV download has one line per learner: name, email, lessons done, share."""
    client.force_login(administrator())
    response = client.get(reverse("learning:course_progress_csv", args=[world.course.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0] == "Learner,Email,Lessons done,Lessons,Done (%),Last activity"
    assert lines[1].startswith(f"Lina Haddad,{world.learner.email},2,4,50,")
    assert len(lines) == 2


def test_a_learner_gets_not_found(client, world):
    """A learner asking for the course's progress page gets 404."""
    client.force_login(world.learner)
    response = client.get(reverse("learning:course_progress", args=[world.course.pk]))
    assert response.status_code == 404


def test_my_sessions_links_to_learners_progress(client, world):
    """The trainer's My sessions links each session to its course's learners' progress."""
    client.force_login(world.trainer)
    html = client.get(reverse("enrollment:my_sessions")).content.decode()
    assert reverse("learning:course_progress", args=[world.course.pk]) in html
    assert "Learners&#x27; progress" in html or "Learners' progress" in html


def test_progress_page_queries_do_not_grow_with_learners(client, world):
    """The progress page runs as many queries for 1 learner as for 20."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world.trainer)
    url = reverse("learning:course_progress", args=[world.course.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(19):
        learner = EnrollmentFactory(session=world.session).user
        lesson_mark_done(user=learner, lesson=world.lessons[2])
    with CaptureQueriesContext(connection) as many:
        html = client.get(url).content.decode()
    assert html.count("<tr>") == 21
    assert len(many) == len(few)


def test_the_trainers_pages_of_a_course_link_to_each_other(client, world):
    """Progress, quiz results and the discussion queue each lead to the other two, the
    page shown marked as current."""
    client.force_login(world.trainer)
    pages = {
        "progress": reverse("learning:course_progress", args=[world.course.pk]),
        "quizzes": reverse("learning:quiz_results", args=[world.course.pk]),
        "discussions": reverse("learning:discussion_queue", args=[world.course.pk]),
    }
    for current, url in pages.items():
        html = client.get(url).content.decode()
        for other in pages.values():
            assert f'href="{other}"' in html
        assert f'href="{url}" aria-current="page"' in html, current
