"""A course's quiz results for its trainers and the administrators: per quiz and per
question, on the page and as a CSV file."""

import uuid

import pytest
from django.urls import reverse

from accounts.factories import AdministratorFactory, TrainerFactory
from courses.factories import TrainerSnippetFactory, TrainingSessionFactory
from learning.services.quizzes import quiz_submit
from tests.learning.quiz_world import quiz_world

pytestmark = pytest.mark.django_db


def world_with_answers(home):
    world = quiz_world(home)
    quiz_submit(
        user=world.learner,
        lesson=world.lesson,
        answers=world.answers(single="0", short="=HYPERLINK(evil)"),
        token=uuid.uuid4(),
    )
    trainer = TrainerFactory()
    world.session.trainers.add(TrainerSnippetFactory(user=trainer))
    return world, trainer


def test_the_courses_trainer_reads_the_item_analysis(home, client):
    """The trainer of a session of the course sees attempts, pass rate, mean score, the
    share right per question and the most chosen wrong answer."""
    world, trainer = world_with_answers(home)
    client.force_login(trainer)
    response = client.get(reverse("learning:quiz_results", args=[world.course.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert world.lesson.title in html
    assert '<dd class="attempts">1</dd>' in html and '<dd class="pass-rate">0%</dd>' in html
    assert '<dd class="mean-score">60%</dd>' in html
    assert "Anemometer" in html and "Which gauge measures rain?" in html


def test_the_csv_has_a_row_per_question(home, client):
    """The CSV holds one row per question, and a learner's formula is kept as text."""
    world, trainer = world_with_answers(home)
    client.force_login(trainer)
    response = client.get(reverse("learning:quiz_results_csv", args=[world.course.pk]))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("Lesson,Graded,Attempts")
    assert len(lines) == 1 + 5
    assert "Anemometer" in lines[1]
    assert "'=HYPERLINK(evil)" in lines[5]


def test_who_reads_the_results(home, client):
    """Administrators and the course's trainers read them; a learner and a trainer of
    another course get 404, a visitor is asked to log in."""
    world, trainer = world_with_answers(home)
    url = reverse("learning:quiz_results", args=[world.course.pk])
    assert client.get(url).status_code == 302
    client.force_login(world.learner)
    assert client.get(url).status_code == 404
    other = TrainerFactory()
    TrainingSessionFactory(trainers=[TrainerSnippetFactory(user=other)])
    client.force_login(other)
    assert client.get(url).status_code == 404
    client.force_login(trainer)
    assert client.get(url).status_code == 200
    client.force_login(AdministratorFactory())
    assert client.get(url).status_code == 200
    assert client.get(reverse("learning:quiz_results", args=[999999])).status_code == 404


def test_trainers_find_the_results_from_my_sessions_and_the_progress_page(home, client):
    """My sessions links a self-paced run's quiz results, the learners' progress page links
    them for any session, and the results lead back to My sessions."""
    from courses.models import SessionMode

    world, trainer = world_with_answers(home)
    url = reverse("learning:quiz_results", args=[world.course.pk])
    client.force_login(trainer)
    progress = client.get(reverse("learning:course_progress", args=[world.course.pk]))
    assert f'<a href="{url}">Quiz results</a>' in progress.content.decode()
    my_sessions = reverse("enrollment:my_sessions")
    assert f'<a href="{url}">' not in client.get(my_sessions).content.decode()
    world.session.mode = SessionMode.SELF_PACED
    world.session.save()
    assert f'<a href="{url}">Quiz results</a>' in client.get(my_sessions).content.decode()
    assert f'<a href="{my_sessions}">My sessions</a>' in client.get(url).content.decode()
