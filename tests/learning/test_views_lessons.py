"""The lesson page a learner walks through: its content, the outline with ticks, previous
and next, marking done and undoing, and who may read it."""

import pytest
from django.urls import reverse

from learning.models import LessonProgress
from tests.learning.lessons_world import administrator, build_course, stranger

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(home):
    return build_course(home)


def test_enrolled_learner_reads_the_lesson_with_breadcrumbs_and_outline(client, world):
    """An enrolled learner sees course and module in the breadcrumbs, the body, the outline."""
    client.force_login(world.learner)
    html = client.get(world.lessons[1].url).content.decode()
    assert "Body of lesson 1.2" in html
    assert f'href="{world.course.url}"' in html
    assert f'href="{world.modules[0].url}"' in html
    assert "Lesson 2 of 4" in html
    assert html.count('aria-current="page"') == 1
    current = 'aria-current="page"><span class="tick" aria-hidden="true">○</span> <bdi>Lesson 1.2'
    assert current in html
    assert "Mark as done and continue" in html


def test_previous_and_next_follow_reading_order_across_modules(client, world):
    """The last lesson of module 1 leads to the first lesson of module 2, and back."""
    client.force_login(world.learner)
    html = client.get(world.lessons[1].url).content.decode()
    assert f'rel="prev" href="{world.lessons[0].url}"' in html
    assert f'rel="next" href="{world.lessons[2].url}"' in html
    first = client.get(world.lessons[0].url).content.decode()
    assert 'rel="prev"' not in first
    last = client.get(world.lessons[3].url).content.decode()
    assert 'rel="next"' not in last
    assert "Mark as done</button>" in last


def test_mark_done_then_continue_leads_to_the_next_lesson_and_ticks_it(client, world):
    """ "Mark as done and continue" ticks the lesson and opens the next one."""
    client.force_login(world.learner)
    response = client.post(
        reverse("learning:lesson_done", args=[world.lessons[1].pk]), {"then": "next"}
    )
    assert response.status_code == 302 and response["Location"] == world.lessons[2].url
    html = client.get(world.lessons[1].url).content.decode()
    assert "You marked this lesson as done." in html
    assert '<span class="tick" aria-hidden="true">✓</span> <bdi>Lesson 1.2' in html


def test_mark_done_on_the_last_lesson_comes_back_and_undo_removes_the_tick(client, world):
    """On the last lesson the learner comes back to it; "Mark as not done" takes the tick off."""
    client.force_login(world.learner)
    last = world.lessons[-1]
    response = client.post(reverse("learning:lesson_done", args=[last.pk]), {"then": "next"})
    assert response["Location"] == last.url
    assert LessonProgress.objects.get(user=world.learner).is_done
    response = client.post(reverse("learning:lesson_not_done", args=[last.pk]))
    assert response["Location"] == last.url
    assert not LessonProgress.objects.get(user=world.learner).is_done
    assert "Mark as done</button>" in client.get(last.url).content.decode()


def test_a_get_of_the_lesson_page_writes_nothing(client, world, django_assert_max_num_queries):
    """Reading a lesson records nothing: only the beacon (a POST) does."""
    client.force_login(world.learner)
    client.get(world.lessons[0].url)
    client.get(world.modules[0].url)
    client.get(world.course.url)
    assert not LessonProgress.objects.exists()


def test_someone_not_enrolled_sees_title_summary_and_an_invitation_to_enroll(client, world):
    """A signed-in visitor without an enrollment gets the title, summary and a way to enroll."""
    client.force_login(stranger())
    response = client.get(world.lessons[0].url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Lesson 1.1" in html and "What lesson 1.1 teaches" in html
    assert "Body of lesson 1.1" not in html
    assert "Enroll to follow this course" in html
    assert f'href="{world.course.url}#sessions"' in html
    assert "Mark as done" not in html


def test_anonymous_visitor_is_offered_to_log_in_and_come_back(client, world):
    """An anonymous visitor sees a log-in link that brings them back to the lesson."""
    html = client.get(world.lessons[0].url).content.decode()
    assert "Body of lesson 1.1" not in html
    assert f"/en/accounts/login/?next={world.lessons[0].url}" in html


@pytest.mark.parametrize("who", ["trainer", "administrator"])
def test_trainers_of_the_course_and_administrators_read_lessons(client, world, who):
    """The course's trainer and an administrator read lessons without enrolling."""
    client.force_login(world.trainer if who == "trainer" else administrator())
    assert "Body of lesson 1.1" in client.get(world.lessons[0].url).content.decode()


def test_an_open_preview_lesson_is_read_by_anyone(client, world):
    """A lesson flagged as open preview is readable by an anonymous visitor."""
    lesson = world.lessons[0]
    lesson.preview = True
    lesson.save_revision().publish()
    assert "Body of lesson 1.1" in client.get(lesson.url).content.decode()


def test_a_cancelled_enrollment_no_longer_opens_lessons(client, world):
    """A learner who cancelled is invited to enroll again."""
    world.learner.enrollments.update(status="cancelled")
    client.force_login(world.learner)
    assert "Enroll to follow this course" in client.get(world.lessons[0].url).content.decode()


def test_an_unpublished_lesson_is_not_found(client, world):
    """A draft lesson answers 404, even to an enrolled learner."""
    world.lessons[0].unpublish()
    client.force_login(world.learner)
    assert client.get(world.lessons[0].url).status_code == 404


def test_the_module_page_lists_its_lessons_with_ticks(client, world):
    """The module page lists its lessons in order, with the learner's ticks."""
    client.force_login(world.learner)
    client.post(reverse("learning:lesson_done", args=[world.lessons[0].pk]))
    html = client.get(world.modules[0].url).content.decode()
    assert html.index("Lesson 1.1") < html.index("Lesson 1.2")
    assert "Lesson 2.1" not in html.split('class="module-lessons"')[1]
    assert '<li class="done">' in html


def test_marking_a_lesson_one_may_not_read_is_not_found(client, world):
    """Someone not enrolled who posts a tick gets 404 and nothing is recorded."""
    client.force_login(stranger())
    response = client.post(reverse("learning:lesson_done", args=[world.lessons[0].pk]))
    assert response.status_code == 404
    assert not LessonProgress.objects.exists()


def test_a_graded_quiz_is_done_by_passing_it_not_by_a_tick(client, home):
    """A graded quiz's lesson offers no "Mark as done"; a tick posted anyway is refused with
    a message and leaves the lesson not done (the course's quiz score cannot be skipped)."""
    from learning.models import LessonProgress
    from tests.learning.quiz_world import quiz_world

    world = quiz_world(home)
    client.force_login(world.learner)
    html = client.get(world.lesson.url).content.decode()
    assert "Pass the quiz to complete this lesson." in html
    assert "Mark as done" not in html
    response = client.post(f"/en/learning/lessons/{world.lesson.pk}/done/", follow=True)
    assert "Pass the quiz to complete this lesson." in response.content.decode()
    assert not LessonProgress.objects.filter(done_at__isnull=False).exists()
