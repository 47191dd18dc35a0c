"""The plain forms of a lesson's discussion (each answers with a redirect to the post on
the lesson page, or the page again with the form's error), and the trainers' queue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from accounts.ratelimit import limit_posts
from cms.exporting import csv_response
from courses.models import CoursePage
from learning.forms.discussions import ModerationForm, PostForm, ReportForm
from learning.models import LessonPage
from learning.selectors import discussions as selectors
from learning.services import discussions as services
from learning.services.discussions import DiscussionError, NotAllowed

RATE_LIMIT = {"setting": "DISCUSSION_RATE_LIMIT"}


def _back_to(post, request):
    return redirect(selectors.post_url(post, request) or "/")


@require_POST
@login_required
@limit_posts("discussion", **RATE_LIMIT)
def post_write(request, lesson_id: int):
    lesson = get_object_or_404(LessonPage.objects.live().select_related("locale"), pk=lesson_id)
    form = PostForm(request.POST)
    if form.is_valid():
        try:
            post = services.post_write(
                user=request.user,
                lesson=lesson,
                text=form.cleaned_data["text"],
                parent_id=form.cleaned_data["parent"],
                anonymous=form.cleaned_data["anonymous"],
            )
        except NotAllowed:
            raise Http404 from None
        except DiscussionError as error:
            form.add_error("text", error.message)
        else:
            return redirect(f"{lesson.get_url(request)}#post-{post.pk}")
    return _lesson_with_form(request, lesson, form)


def _lesson_with_form(request, lesson, form):
    """The lesson page again, the form showing what was typed and why it was refused."""
    context = lesson.get_context(request)
    context.update(selectors.discussion_context(lesson, request, form=form))
    return TemplateResponse(request, lesson.get_template(request), context, status=400)


@require_POST
@login_required
@limit_posts("discussion", **RATE_LIMIT)
def post_vote(request, post_id: int):
    post, role = _post_or_404(request, post_id)
    try:
        services.post_vote(user=request.user, post=post, role=role)
    except NotAllowed:
        raise Http404 from None
    except DiscussionError as error:
        messages.error(request, error.message)
    return _back_to(post, request)


@require_POST
@login_required
@limit_posts("discussion", **RATE_LIMIT)
def post_report(request, post_id: int):
    post, role = _post_or_404(request, post_id)
    form = ReportForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        if services.post_report(user=request.user, post=post, role=role, reason=reason):
            messages.success(request, _("Thank you: the trainers will look at this message."))
        else:
            messages.info(request, _("You have already reported this message."))
    except NotAllowed:
        raise Http404 from None
    except DiscussionError as error:
        messages.error(request, error.message)
    return _back_to(post, request)


@require_POST
@login_required
@limit_posts("discussion", **RATE_LIMIT)
def post_moderate(request, post_id: int):
    post, role = _post_or_404(request, post_id)
    form = ModerationForm(request.POST)
    if not form.is_valid():
        raise Http404
    try:
        services.post_moderate(
            user=request.user, post=post, role=role, action=form.cleaned_data["do"]
        )
    except NotAllowed:
        raise Http404 from None
    if form.cleaned_data["queue"]:
        queue_url = reverse("learning:discussion_queue", args=[form.cleaned_data["queue"]])
        return redirect(f"{queue_url}#queue-{post.pk}")
    return _back_to(post, request)


def _post_or_404(request, post_id: int):
    found = selectors.post_shown_to(request.user, post_id)
    if found is None:
        raise Http404
    return found


# --- The trainers' queue --------------------------------------------------------------


def _moderated_course(request, course_id: int) -> CoursePage:
    """The course, for its trainers and the administrators; for anyone else it does not
    exist."""
    course = get_object_or_404(CoursePage, pk=course_id)
    if not selectors.may_moderate(request.user, course.translation_key):
        raise Http404
    return course


@never_cache
@require_GET
@login_required
def queue(request, course_id: int):
    course = _moderated_course(request, course_id)
    context = {
        "course": course,
        "queue": selectors.discussion_queue(course.translation_key, request),
    }
    return TemplateResponse(request, "learning/manage/discussions.html", context)


@never_cache
@require_GET
@login_required
def queue_csv(request, course_id: int):
    course = _moderated_course(request, course_id)
    posts = selectors.course_posts(course.translation_key)
    lessons = selectors.lessons_by_key(
        posts.values_list("lesson_key", flat=True).distinct().order_by()
    )
    headers = [
        _("Written"),
        _("Lesson"),
        _("Kind"),
        _("Message number"),
        _("Reply to"),
        _("Author"),
        _("Trainer"),
        _("Status"),
        _("Votes"),
        _("Reports"),
        _("Accepted answer"),
        _("Message"),
    ]

    def rows():
        for post in posts.iterator(chunk_size=2000):
            lesson = lessons.get(post.lesson_key)
            yield [
                timezone.localtime(post.created_at),
                lesson.title if lesson is not None else "",
                _("Reply") if post.parent_id else _("Question"),
                post.pk,
                post.parent_id or "",
                selectors.author_name(post),
                _("yes") if post.by_trainer else "",
                post.get_status_display(),
                post.votes,
                post.reports,
                _("yes") if post.accepted else "",
                post.text,
            ]

    return csv_response(headers, rows(), filename=f"discussions-{course.slug}.csv")
