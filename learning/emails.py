"""The email telling someone their question has a reply: in their language (their
profile's choice, else the language they asked in), plain text and HTML, with a link to
the reply on the lesson page in that language."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from cms.direction import isolate
from enrollment.models import LearnerProfile
from learning.models import Post, PostStatus
from learning.selectors.discussions import author_name, lessons_by_key


def recipient_language(post: Post) -> str:
    """The language the author of `post` reads emails in."""
    preferred = (
        LearnerProfile.objects.filter(user_id=post.author_id)
        .values_list("preferred_language", flat=True)
        .first()
    )
    return preferred or post.language or settings.LANGUAGE_CODE


def send_reply_email(post_id: int) -> None:
    """Compose the email as the reply stands now and queue it (background.mail retries a
    mail server failure). Nothing when the reply or its question was hidden or deleted
    since, or the asker's account was closed. Runs in the worker."""
    reply = (
        Post.objects.select_related("author", "parent__author")
        .filter(pk=post_id, parent__isnull=False, status=PostStatus.VISIBLE)
        .first()
    )
    if reply is None or reply.parent.status != PostStatus.VISIBLE:
        return
    question = reply.parent
    if question.author_id == reply.author_id or not question.author.is_active:
        return
    with translation.override(recipient_language(question)):
        message = compose(reply)
    if message is not None:
        message.send()


def compose(reply: Post) -> EmailMultiAlternatives | None:
    """The email in the active language; None when the lesson is no longer published."""
    question = reply.parent
    lesson = lessons_by_key([reply.lesson_key], translation.get_language()).get(reply.lesson_key)
    if lesson is None:
        return None
    lesson_title = isolate(lesson.title)
    context = {
        "question": question,
        "reply": reply,
        "name": author_name(reply),
        "recipient_name": question.author.first_name,
        "lesson": lesson,
        "lead": _("Your question on the lesson %(lesson)s has a new reply.")
        % {"lesson": lesson_title},
        "post_url": f"{lesson.get_full_url()}#post-{reply.pk}",
        "platform_name": settings.WAGTAIL_SITE_NAME,
    }
    message = EmailMultiAlternatives(
        subject=_("New reply: %(lesson)s") % {"lesson": lesson_title},
        body=render_to_string("learning/emails/reply.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[question.author.email],
    )
    message.attach_alternative(render_to_string("learning/emails/reply.html", context), "text/html")
    return message
