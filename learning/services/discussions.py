"""Every change to a lesson's discussion: writing, voting, reporting and moderating posts.
Text is cleaned and votes counted by the same code as the live room's (cms.usertext,
cms.votes); a reply's author is notified by email once the reply is committed."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from background.services import enqueue_on_commit
from cms import usertext, votes
from learning.models import Post, PostReport, PostStatus, PostVote
from learning.models.discussions import POST_MAX_LENGTH
from learning.selectors.discussions import Participation, lesson_course_key, participation


class DiscussionError(Exception):
    """A refused change: `code` for programs, `message` (translated) for people."""

    def __init__(self, code: str, message):
        super().__init__(str(message))
        self.code = code
        self.message = message


class NotAllowed(DiscussionError):
    """The person may not do this here: views answer 404, as for anyone else's object."""

    def __init__(self):
        super().__init__("forbidden", _("You cannot do this."))


def post_too_long_message() -> str:
    return _("A message is at most %(limit)d characters.") % {"limit": POST_MAX_LENGTH}


def post_write(*, user, lesson, text: str, parent_id: int | None = None, anonymous=False) -> Post:
    """A question on the lesson, or a reply to one of its questions (a reply to a reply
    joins the same question). Trainers' posts carry the trainer mark and their name."""
    course_key = lesson_course_key(lesson)
    role = participation(user, course_key) if course_key else None
    if role is None or not role.may_post:
        raise NotAllowed
    cleaned = usertext.clean(text or "")
    if not cleaned:
        raise DiscussionError("empty", _("Write your message first."))
    if len(cleaned) > POST_MAX_LENGTH:
        raise DiscussionError("too_long", post_too_long_message())
    parent = None
    if parent_id:
        parent = _visible(
            Post.objects.filter(pk=parent_id, lesson_key=lesson.translation_key), role.moderator
        )
        if parent is None:
            raise DiscussionError("no_parent", _("This question no longer exists."))
        if parent.parent_id:
            parent = parent.parent
    with transaction.atomic():
        post = Post.objects.create(
            course_key=course_key,
            lesson_key=lesson.translation_key,
            parent=parent,
            author=user,
            text=cleaned,
            by_trainer=role.moderator,
            anonymous=bool(anonymous) and not role.moderator,
            language=lesson.locale.language_code,
        )
        if parent is not None and parent.author_id != user.pk:
            from learning.tasks import send_reply_email

            enqueue_on_commit(send_reply_email, post.pk)
    return post


def post_vote(*, user, post: Post, role: Participation) -> Post:
    """The person's vote for the post, or its withdrawal if they had voted: counted once
    however often the form is sent at the same time. `role` is the person's part in the
    post's course (learning.selectors.discussions.post_shown_to)."""
    if not role.may_post:
        raise NotAllowed
    if post.author_id == user.pk:
        raise DiscussionError("own_post", _("You cannot vote for your own message."))
    with transaction.atomic():
        # Taken in turn per post, so two clicks sent together add a vote and take it back
        # rather than both adding one.
        Post.objects.select_for_update().filter(pk=post.pk).values_list("pk").first()
        had = PostVote.objects.filter(post=post, user=user).exists()
        votes.vote_cast(ballot=PostVote, target=post, target_field="post", voter=user, withdraw=had)
    post.refresh_from_db(fields=["votes"])
    return post


def post_report(*, user, post: Post, role: Participation, reason: str = "") -> bool:
    """Report the post to the trainers, once per person; a post that reaches
    DISCUSSION_REPORTS_TO_HIDE reports is hidden until a trainer reviews it. False when the
    person had reported it already."""
    if not role.may_post:
        raise NotAllowed
    if post.author_id == user.pk:
        raise DiscussionError("own_post", _("You cannot report your own message."))
    try:
        with transaction.atomic():
            PostReport.objects.create(
                post=post, user=user, reason=usertext.clean(reason or "")[:200]
            )
            Post.objects.filter(pk=post.pk).update(reports=F("reports") + 1)
            # Only on reaching the threshold: a post a trainer chose to show again is not
            # hidden by the next report.
            Post.objects.filter(pk=post.pk, reports=settings.DISCUSSION_REPORTS_TO_HIDE).update(
                status=PostStatus.HIDDEN
            )
    except IntegrityError:
        return False
    return True


def post_moderate(*, user, post: Post, role: Participation, action: str) -> Post:
    """`hide` or `unhide` (the course's trainers and administrators: the post's reports are
    then reviewed), `accept` or `unaccept` a reply as the answer (the same, or the person
    who asked the question). One accepted answer per question."""
    if action in ("hide", "unhide"):
        if not role.moderator:
            raise NotAllowed
        status = PostStatus.HIDDEN if action == "hide" else PostStatus.VISIBLE
        Post.objects.filter(pk=post.pk).update(status=status, reports=0)
    elif action in ("accept", "unaccept"):
        asker = post.parent is not None and post.parent.author_id == user.pk and role.may_post
        if post.parent_id is None or not (role.moderator or asker):
            raise NotAllowed
        with transaction.atomic():
            if action == "accept":
                Post.objects.filter(parent_id=post.parent_id, accepted=True).update(accepted=False)
            Post.objects.filter(pk=post.pk).update(accepted=action == "accept")
    else:
        raise DiscussionError("unknown_action", _("This action does not exist."))
    post.refresh_from_db()
    return post


def _visible(posts, moderator: bool) -> Post | None:
    if not moderator:
        posts = posts.filter(status=PostStatus.VISIBLE)
    return posts.select_related("parent").first()
