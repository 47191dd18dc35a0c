"""What learners open: their profile, the enrollment confirmation, My learning, cancelling
and checking in. Every rule lives in enrollment.services; these views only ask it."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.ratelimit import limit_posts, too_many_requests, within_limit
from cms.direction import isolate
from courses.models import TrainingSession
from courses.selectors import localized_courses
from enrollment import learning, services
from enrollment.forms import CheckInForm, LearnerProfileForm
from enrollment.models import Enrollment, EnrollmentStatus, LearnerProfile
from sso.selectors import consented_profile_initial

WHAT_WILL_HAPPEN = {
    EnrollmentStatus.CONFIRMED: "enrollment/learner/includes/will_confirm.html",
    EnrollmentStatus.WAITLISTED: "enrollment/learner/includes/will_waitlist.html",
    EnrollmentStatus.PENDING: "enrollment/learner/includes/will_await_approval.html",
}


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    """Asked before the first enrollment (then back to it with ?next=), editable later. The
    first time, it starts from what the learner let their identity provider tell us."""
    instance = LearnerProfile.objects.filter(user=request.user).first()
    initial = consented_profile_initial(request.user) if instance is None else {}
    form = LearnerProfileForm(request.POST or None, instance=instance, initial=initial)
    next_url = safe_next_url(request)
    if request.method == "POST" and form.is_valid():
        form.instance.user = request.user
        form.save()
        messages.success(request, _("Your profile is saved."))
        return HttpResponseRedirect(next_url or reverse("enrollment:profile"))
    context = {"form": form, "next_url": next_url, "first_time": instance is None}
    return render(request, "enrollment/learner/profile.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@limit_posts("enrollment", setting="ENROLLMENT_RATE_LIMIT")
def enroll(request, session_id: int):
    """A confirmation page saying what enrolling will do; the POST enrolls."""
    session = get_object_or_404(TrainingSession.objects.published(), pk=session_id)
    if not LearnerProfile.objects.filter(user=request.user).exists():
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse('enrollment:profile')}?{query}")
    course = reader_course(session)
    if request.method == "POST":
        try:
            enrollment = services.enrollment_create(user=request.user, session=session)
        except services.EnrollmentError as error:
            return render_enroll(request, session, course, refusal=error.message)
        messages.success(request, outcome_message(enrollment, course))
        return redirect("enrollment:my_learning")
    return render_enroll(request, session, course)


def render_enroll(request, session, course, *, refusal=None):
    existing = learning.learner_live_enrollment(request.user, session)
    expected = None
    if existing is None and refusal is None:
        try:
            expected = services.enrollment_expected_status(session=session, user=request.user)
        except services.EnrollmentError as error:
            refusal = error.message
    context = {
        "session": session,
        "course": course,
        "existing": existing,
        "refusal": refusal,
        "what_will_happen": WHAT_WILL_HAPPEN.get(expected),
    }
    return render(request, "enrollment/learner/enroll.html", context)


@login_required
def my_learning(request):
    now = timezone.now()
    context = {
        "learning": learning.learner_learning(request.user, language=get_language(), now=now),
        "now": now,
    }
    return render(request, "enrollment/learner/my_learning.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@limit_posts("enrollment", setting="ENROLLMENT_RATE_LIMIT")
def cancel(request, enrollment_id: int):
    """A confirmation page, then the POST cancels and frees the seat."""
    enrollment = own_enrollment(request, enrollment_id)
    course = reader_course(enrollment.session)
    if request.method == "POST":
        try:
            services.enrollment_cancel(enrollment=enrollment, by=request.user)
        except services.EnrollmentError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Your enrollment in %(course)s is cancelled.")
                % {"course": isolate(course.title)},
            )
        return redirect("enrollment:my_learning")
    context = {"enrollment": enrollment, "session": enrollment.session, "course": course}
    return render(request, "enrollment/learner/cancel.html", context)


@login_required
@require_POST
@limit_posts("enrollment", setting="ENROLLMENT_RATE_LIMIT")
def confirm_seat(request, enrollment_id: int):
    """A promoted learner keeps the seat held for them."""
    enrollment = own_enrollment(request, enrollment_id)
    try:
        services.enrollment_confirm_held_seat(enrollment=enrollment)
    except services.EnrollmentError as error:
        messages.error(request, error.message)
    else:
        course = reader_course(enrollment.session)
        messages.success(
            request, _("Your seat in %(course)s is confirmed.") % {"course": isolate(course.title)}
        )
    return redirect("enrollment:my_learning")


@login_required
@require_http_methods(["GET", "POST"])
def check_in_form(request):
    """The learner types the code shown in the room."""
    form = CheckInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return check_in_answer(request, form.cleaned_data["code"])
    return render(request, "enrollment/learner/check_in.html", {"form": form})


@login_required
def check_in_with_code(request, code: str):
    """Opened from the room's QR code. Checking in by GET is safe: it needs the learner's
    own session cookie and a code shown in the room now, and a repeat changes nothing."""
    return check_in_answer(request, code)


def check_in_answer(request, code: str):
    # Codes are six characters: counting every try, typed or opened, keeps them unguessable.
    if not within_limit("check_in", request.user.pk, settings.CHECK_IN_RATE_LIMIT):
        return too_many_requests(request)
    try:
        result = services.check_in(request.user, code)
    except services.CheckInError as error:
        context = {"form": CheckInForm(), "error": error.message, "reason": error.reason}
        return render(request, "enrollment/learner/check_in.html", context)
    context = {
        "result": result,
        "session": result.enrollment.session,
        "course": reader_course(result.enrollment.session),
    }
    return render(request, "enrollment/learner/checked_in.html", context)


# --- helpers ------------------------------------------------------------------------------


def own_enrollment(request, enrollment_id: int) -> Enrollment:
    """The learner's own enrollment; anyone else's is a 404, so ids reveal nothing."""
    return get_object_or_404(
        Enrollment.objects.select_related("session__course", "session__site"),
        pk=enrollment_id,
        user=request.user,
    )


def reader_course(session):
    """The session's course in the reader's language where it is translated."""
    return localized_courses([session], get_language())[session.course.translation_key]


def outcome_message(enrollment: Enrollment, course) -> str:
    values = {"course": isolate(course.title)}
    if enrollment.status == EnrollmentStatus.CONFIRMED:
        return _("You are enrolled in %(course)s: your seat is confirmed.") % values
    if enrollment.status == EnrollmentStatus.WAITLISTED:
        values["position"] = learning.waitlist_position(enrollment)
        return (
            _(
                "%(course)s is full: you are on the waiting list, number %(position)s. "
                "We will email you as soon as a seat is yours."
            )
            % values
        )
    if enrollment.status == EnrollmentStatus.PENDING:
        return (
            _(
                "Your request to join %(course)s is awaiting the trainers' approval. "
                "We will email you their decision."
            )
            % values
        )
    return _("You are already enrolled in %(course)s.") % values


def safe_next_url(request) -> str | None:
    """A `next` on this site only, so the profile form cannot send anyone elsewhere."""
    candidate = request.POST.get("next") or request.GET.get("next")
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return None
