"""The quiz as a learner meets it on the lesson page, without JavaScript: the form, its
errors, the review of an attempt, and who may open what."""

import re

import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from learning.models import QuizAttempt
from tests.learning.quiz_world import quiz_world

pytestmark = pytest.mark.django_db


def form_data(world, page_html: str, **changes) -> dict:
    """What the browser sends: the token of the form on the page, and the answers."""
    token = re.search(r'name="token" value="([^"]+)"', page_html)[1]
    data = {"token": token}
    for question_id, response in world.answers(**changes).items():
        multiple = question_id == world.ids["multiple"]
        data[f"q-{question_id}"] = response.split(",") if multiple else response
    return data


def lesson_html(client, world) -> str:
    response = client.get(world.lesson.url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_holds_no_answers_nor_feedback(home, client):
    """Before submitting, the page shows the questions and choices, and nothing of which is
    right, the accepted answers, the feedback or the explanations."""
    world = quiz_world(home)
    client.force_login(world.learner)
    html = lesson_html(client, world)
    assert "Which gauge measures rain?" in html and "Rain gauge" in html
    for secret in [
        "correct",
        "Indeed.",
        "That one is for wind.",
        "A rain gauge collects",
        "Coal burns once.",
        "Too low by half.",
        "Right, 100",
        "It boils at 100",
        "9.81",
        "Nairobi",
        "Naïrobi",
    ]:
        assert secret not in html, secret
    assert html.count("<fieldset") == 5
    assert 'type="checkbox"' in html and 'inputmode="decimal"' in html and "m/s²" in html


def test_submitting_shows_the_review_with_feedback(home, client):
    """After submitting, the learner reads their score, the feedback of what they chose and
    the explanations; the lesson shows their last attempt."""
    world = quiz_world(home)
    client.force_login(world.learner)
    data = form_data(world, lesson_html(client, world), single="0", numeric="9,83")
    response = client.post(reverse("learning:quiz_submit", args=[world.lesson.pk]), data)
    attempt = QuizAttempt.objects.get()
    assert response.url == reverse("learning:quiz_attempt", args=[attempt.pk])
    review = client.get(response.url).content.decode()
    assert "Score: 80%" in review and "You passed this quiz." in review
    assert "That one is for wind." in review and "A rain gauge collects" in review
    assert "Right, 100 °C." in review
    assert "9.83 m/s²" in review  # the comma decimal was read as a number
    assert "Your last attempt: 80%." in lesson_html(client, world)


def test_a_double_post_counts_once(home, client):
    """The same form posted twice (a double click, a resent request) records one attempt
    and shows the same review."""
    world = quiz_world(home)
    client.force_login(world.learner)
    data = form_data(world, lesson_html(client, world))
    url = reverse("learning:quiz_submit", args=[world.lesson.pk])
    first, second = client.post(url, data), client.post(url, data)
    assert first.url == second.url
    assert QuizAttempt.objects.count() == 1


def test_a_reload_shows_the_same_shuffled_order(home, client):
    """With random order, the same form shows the same order on every reload, and grading
    follows the questions, not their places."""
    world = quiz_world(home, shuffle=True)
    client.force_login(world.learner)
    first, again = lesson_html(client, world), lesson_html(client, world)
    order = re.findall(r'fieldset class="quiz-question" id="([^"]+)"', first)
    assert order == re.findall(r'fieldset class="quiz-question" id="([^"]+)"', again)
    data = form_data(world, first)
    client.post(reverse("learning:quiz_submit", args=[world.lesson.pk]), data)
    assert QuizAttempt.objects.get().score_percent == 100


def test_not_a_number_is_a_form_error_in_the_learners_language(home, client):
    """A word in a number field shows the lesson again with an error in French, the other
    answers kept, and records nothing."""
    world = quiz_world(home)
    client.force_login(world.learner)
    data = form_data(world, lesson_html(client, world), numeric="neuf", short="Mombasa")
    url = reverse("learning:quiz_submit", args=[world.lesson.pk]).replace("/en/", "/fr/", 1)
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Saisissez un nombre" in html or "Enter a number" in html
    assert 'value="neuf"' in html and 'value="Mombasa"' in html
    assert QuizAttempt.objects.count() == 0


def test_past_the_limit_the_learner_reads_why(home, client):
    """Once the attempts are used, the lesson says so and a further form is refused with
    a clear message, recording nothing."""
    world = quiz_world(home, max_attempts=1)
    client.force_login(world.learner)
    html = lesson_html(client, world)
    url = reverse("learning:quiz_submit", args=[world.lesson.pk])
    client.post(url, form_data(world, html, single="0"))
    assert "You have used the 1 attempt this quiz allows." in lesson_html(client, world)
    stale = form_data(world, html, single="1")
    stale["token"] = "0" * 8 + "-0000-4000-8000-" + "0" * 12
    response = client.post(url, stale, follow=True)
    assert "You have used all 1 attempts allowed for this quiz" in response.content.decode()
    assert QuizAttempt.objects.count() == 1


def test_quiz_text_and_answers_are_escaped(home, client):
    """Choice text, feedback and the learner's own short answer reach the page as text,
    never as markup."""
    world = quiz_world(home)
    raw = list(world.lesson.questions.raw_data)
    choice = raw[0]["value"]["choices"][0]["value"]
    choice["text"] = "<script>alert('choice')</script>"
    choice["feedback"] = "<img src=x onerror=alert(1)>"
    world.lesson.questions = raw
    world.lesson.save_revision().publish()
    client.force_login(world.learner)
    html = lesson_html(client, world)
    assert "<script>alert('choice')" not in html
    assert "&lt;script&gt;alert(&#x27;choice&#x27;)&lt;/script&gt;" in html
    data = form_data(world, html, single="0", short="<b onmouseover=alert(2)>x</b>")
    response = client.post(reverse("learning:quiz_submit", args=[world.lesson.pk]), data)
    review = client.get(response.url).content.decode()
    assert "<img src=x" not in review and "&lt;img src=x onerror=alert(1)&gt;" in review
    assert "<b onmouseover" not in review and "&lt;b onmouseover=alert(2)&gt;x&lt;/b&gt;" in review


def test_another_learners_attempt_is_not_found(home, client):
    """Opening someone else's attempt by its number gives 404."""
    world = quiz_world(home)
    client.force_login(world.learner)
    data = form_data(world, lesson_html(client, world))
    response = client.post(reverse("learning:quiz_submit", args=[world.lesson.pk]), data)
    client.force_login(UserFactory())
    assert client.get(response.url).status_code == 404


def test_visitors_and_strangers_are_told_how_to_answer(home, client):
    """On an open preview lesson a visitor is asked to log in; on any lesson a learner not
    enrolled is asked to enroll; neither gets a form."""
    world = quiz_world(home, preview=True)
    html = lesson_html(client, world)
    assert "Log in to answer the questions." in html and "<fieldset" not in html
    client.force_login(UserFactory())
    world.lesson.preview = False
    world.lesson.save_revision().publish()
    html = lesson_html(client, world)
    assert "<fieldset" not in html and "Submit my answers" not in html


def test_the_quiz_costs_a_fixed_number_of_queries(home, client, django_assert_max_num_queries):
    """Many earlier attempts do not make the lesson page ask more of the database."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    world = quiz_world(home, max_attempts=0)
    client.force_login(world.learner)
    url = reverse("learning:quiz_submit", args=[world.lesson.pk])
    client.post(url, form_data(world, lesson_html(client, world)))
    with CaptureQueriesContext(connection) as few:
        lesson_html(client, world)
    for _ in range(5):
        client.post(url, form_data(world, lesson_html(client, world)))
    with CaptureQueriesContext(connection) as many:
        lesson_html(client, world)
    assert len(many) == len(few)
