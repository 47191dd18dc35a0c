import pytest
from django.test import override_settings

from accounts.factories import AdministratorFactory, UserFactory
from learning.models import Post, PostReport, PostStatus
from learning.selectors.discussions import participation, post_shown_to, thread
from learning.services import discussions as services
from learning.services.discussions import DiscussionError, NotAllowed
from tests.learning.discussions import build_cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    return build_cast()


def write(user, lesson, text="Which depth is the water table?", **kwargs):
    return services.post_write(user=user, lesson=lesson, text=text, **kwargs)


def role(user, post):
    return participation(user, post.course_key)


def test_a_question_asked_in_french_is_answered_in_arabic_and_read_in_english(cast):
    """One thread per lesson whatever language it is read in."""
    question = write(cast.asker, cast.lessons["fr"], "Quelle profondeur ?")
    reply = write(cast.trainer, cast.lessons["ar"], "عشرة أمتار", parent_id=question.pk)
    (item,) = thread(cast.lesson.translation_key, cast.other, moderator=False)
    assert item.post == question
    assert [r.post for r in item.replies] == [reply]
    assert (question.language, reply.language) == ("fr", "ar")
    assert question.course_key == cast.course.translation_key


def test_a_trainers_reply_is_marked_and_a_learners_is_not(cast):
    """The trainer's answer carries the trainer mark; a learner's reply does not."""
    question = write(cast.asker, cast.lesson)
    assert not question.by_trainer
    assert write(cast.trainer, cast.lesson, "Ten metres.", parent_id=question.pk).by_trainer
    assert write(AdministratorFactory(), cast.lesson, "Yes.", parent_id=question.pk).by_trainer
    assert not write(cast.other, cast.lesson, "Same here", parent_id=question.pk).by_trainer


def test_a_reply_to_a_reply_joins_its_question(cast):
    """Replies are one level deep: answering a reply adds to the same question."""
    question = write(cast.asker, cast.lesson)
    reply = write(cast.other, cast.lesson, "Good question", parent_id=question.pk)
    assert write(cast.trainer, cast.lesson, "Ten", parent_id=reply.pk).parent == question


def test_text_is_cleaned_and_empty_or_too_long_is_refused(cast):
    """Direction overrides are removed; an empty or too long message says why."""
    post = write(cast.asker, cast.lesson, "  evil\u202etxt.exe  ")
    assert post.text == "eviltxt.exe"
    with pytest.raises(DiscussionError) as empty:
        write(cast.asker, cast.lesson, " \u200f\n ")
    assert empty.value.code == "empty"
    assert len(write(cast.asker, cast.lesson, "a" * 2000).text) == 2000
    with pytest.raises(DiscussionError) as long:
        write(cast.asker, cast.lesson, "b" * 2001)
    assert long.value.message == "A message is at most 2000 characters."


def test_only_enrolled_learners_and_trainers_post(cast):
    """Someone not enrolled, or whose enrollment was cancelled, cannot post."""
    with pytest.raises(NotAllowed):
        write(UserFactory(), cast.lesson)
    enrollment = cast.other.enrollments.get()
    enrollment.status = "cancelled"
    enrollment.save()
    with pytest.raises(NotAllowed):
        write(cast.other, cast.lesson)


def test_a_vote_toggles_and_counts_once(cast):
    """Voting twice takes the vote back; the count follows the rows."""
    post = write(cast.asker, cast.lesson)
    assert services.post_vote(user=cast.other, post=post, role=role(cast.other, post)).votes == 1
    assert services.post_vote(user=cast.other, post=post, role=role(cast.other, post)).votes == 0
    services.post_vote(user=cast.other, post=post, role=role(cast.other, post))
    services.post_vote(user=cast.trainer, post=post, role=role(cast.trainer, post))
    post.refresh_from_db()
    assert post.votes == post.vote_set.count() == 2


def test_nobody_votes_for_their_own_post(cast):
    post = write(cast.asker, cast.lesson)
    with pytest.raises(DiscussionError):
        services.post_vote(user=cast.asker, post=post, role=role(cast.asker, post))
    assert Post.objects.get(pk=post.pk).votes == 0


@override_settings(DISCUSSION_REPORTS_TO_HIDE=2)
def test_reports_count_once_per_person_and_hide_the_post_at_the_threshold(cast):
    """A second report by the same learner changes nothing; the second learner's hides the
    post from learners until a trainer shows it again, and a later report does not hide it
    again."""
    post = write(cast.asker, cast.lesson)
    assert services.post_report(user=cast.other, post=post, role=role(cast.other, post))
    assert not services.post_report(user=cast.other, post=post, role=role(cast.other, post))
    assert Post.objects.get(pk=post.pk).status == PostStatus.VISIBLE
    third = UserFactory()
    third.enrollments.create(session=cast.other.enrollments.get().session, status="confirmed")
    services.post_report(user=third, post=post, role=role(third, post), reason="Spam")
    post.refresh_from_db()
    assert (post.status, post.reports) == (PostStatus.HIDDEN, 2)
    assert PostReport.objects.filter(post=post).count() == 2
    assert thread(cast.lesson.translation_key, cast.other, moderator=False) == []

    services.post_moderate(
        user=cast.trainer, post=post, role=role(cast.trainer, post), action="unhide"
    )
    post.refresh_from_db()
    assert (post.status, post.reports) == (PostStatus.VISIBLE, 0)
    fourth = UserFactory()
    fourth.enrollments.create(session=cast.other.enrollments.get().session, status="confirmed")
    services.post_report(user=fourth, post=post, role=role(fourth, post))
    assert Post.objects.get(pk=post.pk).status == PostStatus.VISIBLE


def test_hidden_posts_vanish_for_learners_and_stay_for_trainers(cast):
    """A hidden question and its replies are gone for learners, even by address."""
    question = write(cast.asker, cast.lesson)
    reply = write(cast.trainer, cast.lesson, "Ten", parent_id=question.pk)
    services.post_moderate(
        user=cast.trainer, post=question, role=role(cast.trainer, question), action="hide"
    )
    assert thread(cast.lesson.translation_key, cast.asker, moderator=False) == []
    assert post_shown_to(cast.other, reply.pk) is None
    (item,) = thread(cast.lesson.translation_key, cast.trainer, moderator=True)
    assert item.post.status == PostStatus.HIDDEN
    assert post_shown_to(cast.trainer, reply.pk) is not None


def test_a_learner_cannot_hide_anothers_post(cast):
    post = write(cast.asker, cast.lesson)
    with pytest.raises(NotAllowed):
        services.post_moderate(
            user=cast.other, post=post, role=role(cast.other, post), action="hide"
        )
    assert Post.objects.get(pk=post.pk).status == PostStatus.VISIBLE


def test_the_asker_accepts_one_answer(cast):
    """The asker marks a reply as the answer; marking another moves the mark; another
    learner cannot."""
    question = write(cast.asker, cast.lesson)
    first = write(cast.other, cast.lesson, "Five", parent_id=question.pk)
    second = write(cast.trainer, cast.lesson, "Ten", parent_id=question.pk)
    with pytest.raises(NotAllowed):
        services.post_moderate(
            user=cast.other, post=second, role=role(cast.other, second), action="accept"
        )
    for post in (first, second):
        services.post_moderate(
            user=cast.asker, post=post, role=role(cast.asker, post), action="accept"
        )
    assert list(Post.objects.filter(accepted=True)) == [second]
    (item,) = thread(cast.lesson.translation_key, cast.other, moderator=False)
    assert [reply.post for reply in item.replies] == [second, first]


def test_questions_come_by_votes_then_time(cast):
    first = write(cast.asker, cast.lesson, "First")
    second = write(cast.asker, cast.lesson, "Second")
    third = write(cast.asker, cast.lesson, "Third")
    services.post_vote(user=cast.other, post=third, role=role(cast.other, third))
    items = thread(cast.lesson.translation_key, cast.other, moderator=False)
    assert [item.post for item in items] == [third, first, second]
