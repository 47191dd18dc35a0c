"""A learner's progress: ticks kept across languages, "Resume where I stopped", the beacon
of the lesson page and the video player, and the bar of My learning."""

import json

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from cms.factories import locale
from enrollment.factories import EnrollmentFactory
from learning.models import LessonProgress
from tests.learning.lessons_world import build_course, stranger

pytestmark = pytest.mark.django_db


def done(client, lesson):
    return client.post(reverse("learning:lesson_done", args=[lesson.pk]))


def seen(client, lesson, **data):
    return client.post(reverse("learning:lesson_seen", args=[lesson.pk]), data)


def resume_link(html: str) -> str:
    part = html.split('class="course-lessons"')[1]
    return part.split('<a class="button" href="')[1].split('"')[0]


def test_a_learner_switching_from_french_to_arabic_keeps_their_ticks(client, home):
    """Lessons ticked in French show as done on the Arabic lesson, module and course pages."""
    world = build_course(home, languages=("fr", "ar"))
    client.force_login(world.learner)
    french = [lesson.get_translation(locale("fr")) for lesson in world.lessons]
    assert done(client, french[0]).status_code == 302
    assert done(client, french[1]).status_code == 302

    arabic_lesson = world.lessons[0].get_translation(locale("ar"))
    html = client.get(arabic_lesson.url).content.decode()
    assert arabic_lesson.url.startswith("/ar/")
    with translation.override("ar"):
        assert gettext("Mark as not done") in html
    with translation.override("en"):
        assert gettext("Mark as not done") not in html  # the Arabic page, not the English
    assert html.count('<span class="tick" aria-hidden="true">✓</span>') == 2
    arabic_course = world.course.get_translation(locale("ar"))
    course_html = client.get(arabic_course.url).content.decode()
    assert '<progress max="100" value="50"' in course_html
    assert LessonProgress.objects.filter(user=world.learner).count() == 2


def test_a_newcomer_is_offered_to_start_at_the_first_lesson(client, home):
    """A learner who has not begun sees "Start the course" leading to the first lesson."""
    world = build_course(home)
    client.force_login(world.learner)
    html = client.get(world.course.url).content.decode()
    assert "Start the course" in html
    assert resume_link(html) == world.lessons[0].url


def test_resume_leads_to_the_lesson_last_seen(client, home):
    """After the lesson page's beacon on lesson 3, "Resume where I stopped" leads there."""
    world = build_course(home)
    client.force_login(world.learner)
    done(client, world.lessons[0])
    assert seen(client, world.lessons[2]).status_code == 204
    html = client.get(world.course.url).content.decode()
    assert "Resume where I stopped" in html
    assert resume_link(html) == world.lessons[2].url


def test_resume_after_a_done_lesson_leads_to_the_next_one_not_done(client, home):
    """Once the lesson last seen is done, "Resume" leads to the next lesson not done."""
    world = build_course(home)
    client.force_login(world.learner)
    done(client, world.lessons[0])
    done(client, world.lessons[2])  # ticking a lesson also makes it the last seen
    html = client.get(world.course.url).content.decode()
    assert resume_link(html) == world.lessons[3].url


def test_the_video_player_records_its_position_as_form_or_json(client, home):
    """The player's position is kept, sent as a form field or as JSON."""
    world = build_course(home)
    client.force_login(world.learner)
    lesson = world.lessons[1]
    assert seen(client, lesson, position="95").status_code == 204
    assert LessonProgress.objects.get(user=world.learner).video_position == 95
    url = reverse("learning:lesson_seen", args=[lesson.pk])
    response = client.post(url, json.dumps({"position": 130.6}), content_type="application/json")
    assert response.status_code == 204
    row = LessonProgress.objects.get(user=world.learner)
    assert row.video_position == 130 and not row.is_done
    assert seen(client, lesson).status_code == 204  # the page's own beacon keeps the position
    assert LessonProgress.objects.get(user=world.learner).video_position == 130


@pytest.mark.parametrize("position", ["-3", "ten", "1e9", "99999999"])
def test_a_wrong_position_is_refused_with_a_message(client, home, position):
    """A position that is not a plausible number of seconds answers 400 and records nothing."""
    world = build_course(home)
    client.force_login(world.learner)
    response = seen(client, world.lessons[0], position=position)
    assert response.status_code == 400
    assert "whole number of seconds" in response.content.decode()
    assert not LessonProgress.objects.exists()


def test_the_beacon_for_a_lesson_one_may_not_read_is_not_found(client, home):
    """Someone not enrolled gets 404 from the beacon; a GET is not allowed."""
    world = build_course(home)
    client.force_login(stranger())
    assert seen(client, world.lessons[0], position="5").status_code == 404
    client.force_login(world.learner)
    beacon = reverse("learning:lesson_seen", args=[world.lessons[0].pk])
    assert client.get(beacon).status_code == 405
    assert not LessonProgress.objects.exists()


def test_my_learning_shows_a_progress_bar_per_course_with_lessons(client, home):
    """My learning shows "1 of 4 lessons done" with a bar at 25% for the course."""
    world = build_course(home)
    client.force_login(world.learner)
    done(client, world.lessons[0])
    html = client.get(reverse("enrollment:my_learning")).content.decode()
    assert '<progress max="100" value="25"' in html
    assert "1 of 4 lessons done" in html


def test_my_learning_runs_the_same_queries_for_one_or_several_courses(
    client, home, django_assert_max_num_queries
):
    """My learning's queries do not grow with the learner's courses with lessons."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    world = build_course(home)
    client.force_login(world.learner)
    done(client, world.lessons[0])
    url = reverse("enrollment:my_learning")
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    other = build_course(home, title="Drought monitoring")
    EnrollmentFactory(user=world.learner, session=other.session)
    done(client, other.lessons[1])
    with CaptureQueriesContext(connection) as two:
        html = client.get(url).content.decode()
    assert html.count("<progress") == 2
    assert len(two) == len(one)
