import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.factories import UserFactory
from learning.models import Post, PostStatus
from learning.selectors.discussions import participation
from learning.services import discussions as services
from tests.learning.discussions import build_cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    return build_cast()


def page(client, lesson):
    response = client.get(lesson.url)
    assert response.status_code == 200
    return response.content.decode()


def write(user, lesson, text="Which depth is the water table?", **kwargs):
    return services.post_write(user=user, lesson=lesson, text=text, **kwargs)


def test_a_learner_asks_without_javascript_and_lands_on_the_question(client, cast):
    """The plain form posts, the lesson page opens at the new question, and the English
    and Arabic lessons show it too."""
    client.force_login(cast.asker)
    url = reverse("learning:discussion_post", args=[cast.lessons["fr"].pk])
    response = client.post(url, {"text": "Quelle profondeur ?"})
    post = Post.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{cast.lessons['fr'].url}#post-{post.pk}"
    body = page(client, cast.lesson)
    assert f'id="post-{post.pk}"' in body
    assert "Quelle profondeur ?" in body
    assert "Amina Zerhouni" in body
    assert "Quelle profondeur ?" in page(client, cast.lessons["ar"])


def test_an_empty_or_too_long_message_shows_the_form_again_with_why(client, cast):
    """The page comes back with the typed text and a clear error at the field."""
    client.force_login(cast.asker)
    url = reverse("learning:discussion_post", args=[cast.lesson.pk])
    response = client.post(url, {"text": "   "})
    assert response.status_code == 400
    assert "Write your message first." in response.content.decode()
    response = client.post(url, {"text": "x" * 2001})
    assert response.status_code == 400
    body = response.content.decode()
    assert "A message is at most 2000 characters." in body
    assert "x" * 2001 in body
    assert Post.objects.count() == 0


def test_a_reply_error_opens_that_questions_reply_form(client, cast):
    question = write(cast.asker, cast.lesson)
    client.force_login(cast.other)
    url = reverse("learning:discussion_post", args=[cast.lesson.pk])
    response = client.post(url, {"text": "", "parent": question.pk})
    body = response.content.decode()
    assert response.status_code == 400
    assert '<details class="reply-form" open>' in body
    assert f'aria-describedby="post-error-{question.pk}"' in body


def test_anonymous_readers_see_the_thread_and_a_prompt_to_log_in(client, cast):
    """Visitors read the discussion but get no form; posting asks them to log in."""
    write(cast.asker, cast.lesson, "A visible question")
    body = page(client, cast.lesson)
    assert "A visible question" in body
    assert "Log in to ask a question or reply." in body
    assert 'name="text"' not in body
    response = client.post(
        reverse("learning:discussion_post", args=[cast.lesson.pk]), {"text": "Hi"}
    )
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_learner_not_enrolled_reads_but_cannot_post(client, cast):
    outsider = UserFactory()
    client.force_login(outsider)
    body = page(client, cast.lesson)
    assert "Learners enrolled in the course and its trainers can ask" in body
    response = client.post(
        reverse("learning:discussion_post", args=[cast.lesson.pk]), {"text": "Hi"}
    )
    assert response.status_code == 404
    assert Post.objects.count() == 0


def test_the_trainers_answer_shows_the_trainer_badge(client, cast):
    question = write(cast.asker, cast.lesson)
    answer = write(cast.trainer, cast.lesson, "About ten metres.", parent_id=question.pk)
    body = page(client, cast.lesson)
    start = body.index(f'id="post-{answer.pk}"')
    assert "Trainer</span>" in body[start : start + 600]
    assert "Grace Otieno" in body[start : start + 600]


def test_an_anonymous_post_shows_no_name(client, cast):
    """A learner who posts without their name is shown as Anonymous, to trainers too."""
    write(cast.asker, cast.lesson, "A shy question", anonymous=True)
    client.force_login(cast.trainer)
    body = page(client, cast.lesson)
    assert "A shy question" in body
    assert "Zerhouni" not in body
    assert "Anonymous" in body


XSS = [
    '<script>alert("x")</script>',
    '<img src=x onerror="alert(1)">',
    "javascript:alert(1)",
    "[click](javascript:alert(1))",
    '"><svg onload=alert(1)>',
]


def test_posts_are_escaped_and_only_web_links_become_links(client, cast):
    """Script, event handlers and javascript: links stay plain text; a web address is a
    link that opens elsewhere; each post has dir="auto" and no direction override."""
    for text in XSS:
        write(cast.asker, cast.lesson, text)
    write(cast.asker, cast.lesson, "See https://example.org/notes \u202eevil\u202c")
    body = page(client, cast.lesson)
    assert "<script>alert" not in body
    assert "onerror=" not in body.replace("onerror=&quot;", "")
    assert "<svg" not in body
    assert 'href="javascript' not in body
    assert "&lt;script&gt;" in body
    assert 'href="https://example.org/notes"' in body
    assert 'rel="nofollow noopener noreferrer ugc"' in body
    assert "\u202e" not in body
    assert body.count('class="post-text"') == len(XSS) + 1
    for post in Post.objects.all():
        assert f'id="post-{post.pk}-text" dir="auto"' in body


def test_hidden_post_vanishes_for_learners_not_for_the_trainer(client, cast):
    question = write(cast.asker, cast.lesson, "Rude words here")
    client.force_login(cast.trainer)
    response = client.post(
        reverse("learning:discussion_moderate", args=[question.pk]), {"do": "hide"}
    )
    assert response.status_code == 302
    assert "Hidden from learners" in page(client, cast.lesson)
    client.force_login(cast.other)
    assert "Rude words here" not in page(client, cast.lesson)
    client.force_login(cast.asker)
    assert "Rude words here" not in page(client, cast.lesson)


def test_a_learner_cannot_hide_anothers_post(client, cast):
    question = write(cast.asker, cast.lesson)
    client.force_login(cast.other)
    response = client.post(
        reverse("learning:discussion_moderate", args=[question.pk]), {"do": "hide"}
    )
    assert response.status_code == 404
    assert Post.objects.get().status == PostStatus.VISIBLE


def test_voting_twice_through_the_form_takes_the_vote_back(client, cast):
    question = write(cast.asker, cast.lesson)
    client.force_login(cast.other)
    url = reverse("learning:discussion_vote", args=[question.pk])
    response = client.post(url)
    assert response["Location"].endswith(f"#post-{question.pk}")
    assert "Withdraw my vote" in page(client, cast.lesson)
    client.post(url)
    assert Post.objects.get().votes == 0


def test_a_report_is_thanked_once(client, cast):
    question = write(cast.asker, cast.lesson)
    client.force_login(cast.other)
    url = reverse("learning:discussion_report", args=[question.pk])
    assert "the trainers will look" in page_after(client, url, {"reason": "Off topic"}, cast)
    assert "You have already reported" in page_after(client, url, {}, cast)
    assert Post.objects.get().reports == 1


def page_after(client, url, data, cast):
    response = client.post(url, data, follow=True)
    return response.content.decode()


def test_the_lesson_page_runs_the_same_queries_whatever_the_number_of_posts(client, cast):
    """A fixed number of queries for 2 or 20 questions with replies and votes."""

    def queries():
        client.force_login(cast.other)
        with CaptureQueriesContext(connection) as captured:
            page(client, cast.lesson)
        return len(captured)

    def add(count):
        for n in range(count):
            question = write(cast.asker, cast.lesson, f"Question {n}")
            write(cast.trainer, cast.lesson, f"Answer {n}", parent_id=question.pk)
            services.post_vote(
                user=cast.other, post=question, role=participation(cast.other, question.course_key)
            )

    add(2)
    queries()  # caches of the site and its pages filled once
    few = queries()
    add(18)
    assert queries() == few


def test_reply_email_goes_to_the_asker_in_their_language_with_a_link(run_tasks, cast):
    """Amina, who reads in Arabic, gets the trainer's reply in Arabic with a link to the
    reply on the Arabic lesson; her own reply to her question sends nothing."""
    question = write(cast.asker, cast.lessons["fr"])
    write(cast.asker, cast.lesson, "Any idea?", parent_id=question.pk)
    reply = write(cast.trainer, cast.lesson, "About ten metres.", parent_id=question.pk)
    run_tasks()
    (message,) = mail.outbox
    assert message.to == [cast.asker.email]
    assert "قراءة سجل البئر" in message.subject
    assert "مرحبًا" in message.body
    html = message.alternatives[0][0]
    assert 'lang="ar"' in html
    assert f"{cast.lessons['ar'].full_url}#post-{reply.pk}" in message.body
    assert "About ten metres." in message.body


def test_reply_email_uses_the_language_asked_in_without_a_profile(run_tasks, cast):
    question = write(cast.other, cast.lessons["fr"])
    write(cast.asker, cast.lesson, "Moi aussi", parent_id=question.pk)
    run_tasks()
    (message,) = mail.outbox
    assert message.to == [cast.other.email]
    assert "Lire un log de puits" in message.subject
    assert "Bonjour" in message.body
    assert cast.lessons["fr"].full_url in message.body


def test_a_reply_hidden_before_the_email_goes_sends_nothing(run_tasks, cast):
    question = write(cast.asker, cast.lesson)
    reply = write(cast.other, cast.lesson, "Spam", parent_id=question.pk)
    Post.objects.filter(pk=reply.pk).update(status=PostStatus.HIDDEN)
    run_tasks()
    assert mail.outbox == []


def test_too_many_posts_in_a_minute_get_the_too_many_requests_page(
    client, cast, settings, rate_limit_clock
):
    """Past DISCUSSION_RATE_LIMIT forms a minute the learner is asked to wait; the next
    minute they may post again."""
    settings.DISCUSSION_RATE_LIMIT = 2
    client.force_login(cast.asker)
    url = reverse("learning:discussion_post", args=[cast.lesson.pk])
    statuses = [client.post(url, {"text": f"Question {n}"}).status_code for n in range(3)]
    assert statuses == [302, 302, 429]
    rate_limit_clock.value += 60
    assert client.post(url, {"text": "Later"}).status_code == 302
    assert Post.objects.count() == 3


def test_a_reply_to_a_question_hidden_meanwhile_says_so(client, cast):
    question = write(cast.asker, cast.lesson)
    Post.objects.filter(pk=question.pk).update(status=PostStatus.HIDDEN)
    client.force_login(cast.other)
    url = reverse("learning:discussion_post", args=[cast.lesson.pk])
    response = client.post(url, {"text": "Me too", "parent": question.pk})
    assert response.status_code == 400
    assert "This question no longer exists." in response.content.decode()
    assert Post.objects.count() == 1
