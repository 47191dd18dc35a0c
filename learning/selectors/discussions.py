"""Reads of lesson discussions: the thread of a lesson as its reader may see it, who may
take part and who moderates, and the trainers' queue. A thread is keyed by the lesson's
translation key, so it is the same whatever language the lesson is read in."""

from dataclasses import dataclass, field
from uuid import UUID

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import get_language

from courses.models import CoursePage
from learning.models import LessonPage, Post, PostReport, PostStatus, PostVote
from learning.models.discussions import POST_MAX_LENGTH
from learning.selectors.progress import is_enrolled, may_act_on_course

QUEUE_LENGTH = 50


@dataclass(frozen=True)
class Participation:
    """What a person may do in the discussions of one course."""

    may_post: bool = False
    moderator: bool = False


def may_moderate(user, course_key: UUID) -> bool:
    """Those who act on the course moderate its discussions: they answer as trainers, hide
    and show posts, and read the queue."""
    return may_act_on_course(user, course_key)


def participation(user, course_key: UUID) -> Participation:
    """Learners with an active enrollment in a run of the course may post, vote and report;
    the course's trainers and administrators may post and moderate. Reading is the lesson
    page's own rule: whoever may read the lesson reads its thread."""
    if not user.is_authenticated or not user.is_active:
        return Participation()
    if may_moderate(user, course_key):
        return Participation(may_post=True, moderator=True)
    return Participation(may_post=is_enrolled(user, course_key))


def author_name(post: Post) -> str:
    """The name others read: the one the author gave, never an address; none when the post
    is anonymous."""
    if post.anonymous:
        return ""
    return post.author.get_full_name()


@dataclass
class PostItem:
    post: Post
    name: str
    mine: bool
    voted: bool
    reported: bool
    may_accept: bool = False
    replies: list["PostItem"] = field(default_factory=list)


def _by_votes_then_time(post: Post):
    return (-post.votes, post.created_at, post.pk)


def thread(lesson_key: UUID, user, *, moderator: bool) -> list[PostItem]:
    """The lesson's questions, most voted first, each with its replies (the accepted one
    first, then by votes and time). Hidden posts are left out except for moderators.
    Three queries whatever the number of posts."""
    posts = Post.objects.filter(lesson_key=lesson_key).select_related("author")
    if not moderator:
        posts = posts.filter(status=PostStatus.VISIBLE)
    posts = list(posts)
    voted, reported = set(), set()
    if user.is_authenticated:
        ids = [post.pk for post in posts]
        if ids:
            voted = set(
                PostVote.objects.filter(user=user, post_id__in=ids).values_list(
                    "post_id", flat=True
                )
            )
            reported = set(
                PostReport.objects.filter(user=user, post_id__in=ids).values_list(
                    "post_id", flat=True
                )
            )

    def item(post):
        return PostItem(
            post=post,
            name=author_name(post),
            mine=post.author_id == user.pk,
            voted=post.pk in voted,
            reported=post.pk in reported,
        )

    questions = {
        post.pk: item(post) for post in sorted(posts, key=_by_votes_then_time) if not post.parent_id
    }
    for post in sorted(posts, key=lambda p: (not p.accepted, *_by_votes_then_time(p))):
        question = questions.get(post.parent_id)
        if question is not None:
            reply = item(post)
            reply.may_accept = moderator or question.mine
            question.replies.append(reply)
    return list(questions.values())


def discussion_context(lesson, request, *, form=None) -> dict:
    """What the lesson page's discussion include reads, under one name: `discussion`.
    `form` is a bound form to show again with its errors."""
    from learning.forms.discussions import PostForm

    user = request.user
    course = lesson_course(lesson)
    role = participation(user, course.translation_key) if course else Participation()
    items = thread(lesson.translation_key, user, moderator=role.moderator)
    error_parent = None
    if form is not None and form.is_bound:
        error_parent = form.data.get("parent") or None
        # A reply to a question gone meanwhile shows its error at the main form.
        if error_parent not in {str(item.post.pk) for item in items}:
            error_parent = None
    return {
        "discussion": {
            "items": items,
            "count": sum(1 + len(item.replies) for item in items),
            "may_post": role.may_post,
            "moderator": role.moderator,
            "signed_in": user.is_authenticated,
            "form": form if form is not None and error_parent is None else PostForm(),
            "reply_form": form if error_parent is not None else None,
            "error_parent": str(error_parent) if error_parent is not None else "",
            "post_url": reverse("learning:discussion_post", args=[lesson.pk]),
            "max_length": POST_MAX_LENGTH,
            "queue_url": (
                reverse("learning:discussion_queue", args=[course.pk]) if role.moderator else ""
            ),
        }
    }


def lesson_course(lesson):
    """The course page the lesson belongs to (its module's parent), or None."""
    return CoursePage.objects.ancestor_of(lesson).only("pk", "translation_key").first()


def lesson_course_key(lesson) -> UUID | None:
    """The translation key of the course the lesson belongs to."""
    course = lesson_course(lesson)
    return course.translation_key if course is not None else None


def lessons_by_key(keys, language: str | None = None) -> dict[UUID, LessonPage]:
    """The live lesson of each key, in `language` (the active one by default) where it is
    translated, else in any language. One query."""
    language = language or get_language()
    found: dict[UUID, LessonPage] = {}
    pages = LessonPage.objects.live().filter(translation_key__in=set(keys)).select_related("locale")
    for page in pages:
        current = found.get(page.translation_key)
        if current is None or page.locale.language_code == language:
            found[page.translation_key] = page
    return found


def post_url(post: Post, request=None, *, language: str | None = None) -> str:
    """The lesson page the post belongs to, at the post (its anchor); absolute when there
    is no request (an email)."""
    lesson = lessons_by_key([post.lesson_key], language).get(post.lesson_key)
    if lesson is None:
        return ""
    url = lesson.get_url(request) if request is not None else lesson.get_full_url()
    return f"{url}#post-{post.pk}"


@dataclass
class QueueItem:
    post: Post
    name: str
    lesson: LessonPage | None
    url: str


@dataclass
class Queue:
    reported: list[QueueItem]
    unanswered: list[QueueItem]


def _queue_items(posts, request) -> list[QueueItem]:
    posts = list(posts)
    lessons = lessons_by_key({post.lesson_key for post in posts})
    items = []
    for post in posts:
        lesson = lessons.get(post.lesson_key)
        url = f"{lesson.get_url(request)}#post-{post.pk}" if lesson is not None else ""
        items.append(QueueItem(post=post, name=author_name(post), lesson=lesson, url=url))
    return items


def unanswered_questions(course_key: UUID):
    """Visible questions with no visible reply from a trainer and no accepted answer,
    newest first."""
    answered = Post.objects.filter(parent=OuterRef("pk"), status=PostStatus.VISIBLE).filter(
        by_trainer=True
    ) | Post.objects.filter(parent=OuterRef("pk"), status=PostStatus.VISIBLE, accepted=True)
    return (
        Post.objects.filter(course_key=course_key, parent__isnull=True, status=PostStatus.VISIBLE)
        .exclude(Exists(answered))
        .select_related("author")
        .order_by("-created_at", "-pk")
    )


def discussion_queue(course_key: UUID, request, *, limit: int = QUEUE_LENGTH) -> Queue:
    """What awaits the course's trainers: posts reported since their last review (the most
    reported first) and the most recent unanswered questions. A fixed number of queries."""
    reported = (
        Post.objects.filter(course_key=course_key, reports__gt=0)
        .select_related("author")
        .order_by("-reports", "-created_at", "-pk")[:limit]
    )
    return Queue(
        reported=_queue_items(reported, request),
        unanswered=_queue_items(unanswered_questions(course_key)[:limit], request),
    )


def course_posts(course_key: UUID):
    """Every post of the course, for the trainers' export, in the order written."""
    return (
        Post.objects.filter(course_key=course_key)
        .select_related("author")
        .order_by("created_at", "pk")
    )


def post_shown_to(user, post_id) -> tuple[Post, Participation] | None:
    """The post and the person's part in its course, when the person may see it: visible
    posts (and replies of visible questions) for everyone, every post for moderators."""
    post = Post.objects.select_related("parent").filter(pk=post_id).first()
    if post is None:
        return None
    role = participation(user, post.course_key)
    hidden = post.status == PostStatus.HIDDEN or (
        post.parent is not None and post.parent.status == PostStatus.HIDDEN
    )
    if hidden and not role.moderator:
        return None
    return post, role
