"""What learners and trainers open: the survey form, its thank-you page, and a session's
results. The rules live in surveys.services; these views ask it and word its answers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cms.direction import ltr
from courses.selectors import Language, localized_courses
from courses.selectors import language as language_named
from enrollment import steps
from enrollment.models import Enrollment
from enrollment.permissions import session_for_roster
from surveys import selectors, services
from surveys.forms import TEXT_MAX_LENGTH, SurveyForm
from surveys.services import Refusal


@login_required
@require_http_methods(["GET", "POST"])
def respond(request, enrollment_id: int):
    """The survey in the reader's language, or why they cannot answer it now."""
    enrollment = own_enrollment(request, enrollment_id)
    session = enrollment.session
    now = timezone.now()
    language = get_language()
    template = services.template_for(session, language)
    refusal = services.refusal_for(enrollment, now)
    if refusal is None and template is None:
        refusal = Refusal.NO_TEMPLATE
    if refusal is not None:
        return render_refusal(request, enrollment, refusal)
    # Bound on every POST, even an empty one (nothing ticked): that is an answer to check.
    form = SurveyForm(template, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.response_submit(
                enrollment=enrollment,
                template=template,
                answers=form.answers,
                language=language,
                now=now,
            )
        except services.SurveyRefused as error:
            return render_refusal(request, enrollment, error.refusal)
        return redirect("surveys:thanks", enrollment_id=enrollment.pk)
    context = {
        "enrollment": enrollment,
        "session": session,
        "course": reader_course(session),
        "template": template,
        "content_language": content_language(template, language),
        "form": form,
        "questions": form.question_fields(),
        "max_text_length": TEXT_MAX_LENGTH,
        "anonymous": services.survey_of(session).anonymous,
        "min_respondents": selectors.min_respondents(),
        "closes_at": local_datetime(session, services.survey_window(session).closes_at),
    }
    return render(request, "surveys/respond.html", context)


@login_required
def thanks(request, enrollment_id: int):
    """Shown once the answers are stored; before that, the survey itself."""
    enrollment = own_enrollment(request, enrollment_id)
    if not services.has_answered(enrollment):
        return redirect("surveys:respond", enrollment_id=enrollment.pk)
    context = {
        "enrollment": enrollment,
        "session": enrollment.session,
        "course": reader_course(enrollment.session),
        "anonymous": services.survey_of(enrollment.session).anonymous,
        "after_answer": steps.links_after(steps.SURVEY, enrollment),
    }
    return render(request, "surveys/thanks.html", context)


@login_required
def results(request, session_id: int):
    """A session's results for its trainers and the administrators; 404 for anyone else."""
    session = session_for_roster(request.user, session_id)
    survey = services.survey_of(session)
    template = services.template_for(session, get_language())
    window = services.survey_window(session, survey)
    context = {
        "session": session,
        "course": reader_course(session),
        "survey": survey,
        "template": template,
        "content_language": content_language(template, get_language()) if template else None,
        "results": selectors.session_results(session, template) if template else None,
        "opens_at": local_datetime(session, window.opens_at),
        "closes_at": local_datetime(session, window.closes_at),
        "window_state": window_state(window, timezone.now()),
    }
    return render(request, "surveys/results.html", context)


# --- helpers ------------------------------------------------------------------------------


def own_enrollment(request, enrollment_id: int) -> Enrollment:
    """The learner's own enrollment; anyone else's is a 404, so ids reveal nothing."""
    return get_object_or_404(
        Enrollment.objects.select_related("session__course", "session__site", "session__survey"),
        pk=enrollment_id,
        user=request.user,
    )


def reader_course(session):
    """The session's course in the reader's language where it is translated."""
    return localized_courses([session], get_language())[session.course.translation_key]


def content_language(template, reader_language: str) -> Language | None:
    """The template's language when it is not the reader's (a template not yet
    translated), so that browsers and screen readers read its text right."""
    code = template.locale.language_code
    return None if code == reader_language else language_named(code)


def local_datetime(session, moment) -> str:
    """A moment in the session's time zone, worded in the active language, with the zone."""
    local = timezone.localtime(moment, session.tzinfo)
    return f"{formats.date_format(local, 'DATETIME_FORMAT')} ({ltr(session.timezone)})"


def window_state(window, now) -> str:
    if now < window.opens_at:
        return "upcoming"
    return "open" if window.is_open(now) else "closed"


def refusal_message(enrollment: Enrollment, refusal: Refusal) -> str:
    """Why the learner cannot answer, in their words."""
    session = enrollment.session
    if refusal == Refusal.NOT_OPEN_YET:
        opens_at = local_datetime(session, services.survey_window(session).opens_at)
        return _(
            "The survey is not open yet. It opens on %(date)s, on the last day of the "
            "session; we will email you the link."
        ) % {"date": opens_at}
    if refusal == Refusal.CLOSED:
        closes_at = local_datetime(session, services.survey_window(session).closes_at)
        return _("The survey closed on %(date)s. Thank you for your interest.") % {
            "date": closes_at
        }
    return {
        Refusal.NOT_ENROLLED: _(
            "Only learners who held a seat in this session can answer its survey."
        ),
        Refusal.DID_NOT_ATTEND: _(
            "Only learners who attended the session can answer its survey, and your "
            "attendance was not recorded. If you attended, please ask the trainers to mark "
            "it on the roster."
        ),
        Refusal.SESSION_CANCELLED: _("This session was cancelled, so it has no survey."),
        Refusal.ALREADY_ANSWERED: _(
            "You have already answered this survey: thank you. Each learner answers once."
        ),
        Refusal.NO_TEMPLATE: _("This session has no survey."),
    }[refusal]


def render_refusal(request, enrollment: Enrollment, refusal: Refusal):
    if refusal == Refusal.ALREADY_ANSWERED and request.method == "POST":
        messages.info(request, _("Your answers were already stored; nothing was changed."))
    context = {
        "enrollment": enrollment,
        "session": enrollment.session,
        "course": reader_course(enrollment.session),
        "refusal": refusal.value,
        "message": refusal_message(enrollment, refusal),
    }
    return render(request, "surveys/refused.html", context)
