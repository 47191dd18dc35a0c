"""Pages of the certificates: the learner's own certificate (status, name confirmation,
downloads), the public verification page and the badge check form. Rules live in
certificates.services; these views only ask it."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseGone
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from certificates import badges, links, selectors, services
from certificates.forms import BadgeCheckForm, ConfirmNameForm, VerifyCodeForm
from certificates.models import Certificate, RevocationReason
from certificates.pdf import certificate_pdf
from cms.page_cache import public_page
from courses.selectors import localized_courses
from enrollment.models import Enrollment

# --- the learner's certificate ------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def enrollment_certificate(request, enrollment_id: int):
    """What the certificate needs, or the certificate itself: the name to confirm once,
    then the downloads and the links to share it. Reading it never issues it: a task does,
    after the survey answer or the attendance that meets the rule, or once the session has
    ended (certificates.tasks); until then the page says it is being prepared."""
    enrollment = own_enrollment(request, enrollment_id)
    certificate = selectors.certificate_of(enrollment)
    standing = None
    if certificate is None:
        standing = selectors.learner_standing(enrollment)

    form = None
    if certificate and not certificate.is_revoked and certificate.name_confirmed_at is None:
        form = ConfirmNameForm(request.POST or None, initial={"name": certificate.printed_name})
    if request.method == "POST":
        if form is None:
            if certificate and certificate.name_confirmed_at:
                messages.error(request, _("The name on this certificate is already confirmed."))
            return redirect("certificates:enrollment", enrollment_id=enrollment.pk)
        if form.is_valid():
            try:
                services.certificate_confirm_name(
                    certificate=certificate, name=form.cleaned_data["name"]
                )
            except services.CertificateError as error:
                form.add_error("name", str(error))
            else:
                messages.success(request, _("Your name is confirmed: your certificate is ready."))
                return redirect("certificates:enrollment", enrollment_id=enrollment.pk)

    context = {
        "enrollment": enrollment,
        "session": enrollment.session,
        "course": localized_courses([enrollment.session], get_language())[
            enrollment.session.course.translation_key
        ],
        "certificate": certificate,
        "standing": standing,
        "form": form,
    }
    if certificate is not None:
        context["verification_url"] = links.verification_url(certificate)
        context["linkedin_url"] = links.linkedin_add_url(certificate)
        context.update(stated(certificate))
    return render(request, "certificates/enrollment.html", context)


@login_required
@require_safe
def pdf(request, enrollment_id: int):
    certificate = downloadable_certificate(request, enrollment_id)
    if not isinstance(certificate, Certificate):
        return certificate
    return attachment(
        certificate_pdf(certificate), "application/pdf", f"{file_stem(certificate)}.pdf"
    )


@login_required
@require_safe
def badge_json(request, enrollment_id: int):
    certificate = downloadable_certificate(request, enrollment_id)
    if not isinstance(certificate, Certificate):
        return certificate
    return attachment(
        badges.badge_json(certificate).encode(),
        "application/json; charset=utf-8",
        f"{file_stem(certificate)}.json",
    )


@login_required
@require_safe
def badge_jwt(request, enrollment_id: int):
    certificate = downloadable_certificate(request, enrollment_id)
    if not isinstance(certificate, Certificate):
        return certificate
    return attachment(
        badges.badge_jwt(certificate).encode(), "application/jwt", f"{file_stem(certificate)}.jwt"
    )


# --- what anyone may open -----------------------------------------------------------------


@require_safe
def verify(request, code: str):
    """The public page an employer opens from the QR code: valid, expired, revoked or
    unknown, with everything the certificate states (so an edited PDF shows its edit): the
    printed name, course, dates, hours, trainers, achievement, issuer and expiry, and
    nothing else; one query reads the certificate, the rest are the page frame every page
    shares."""
    certificate = selectors.certificate_by_code(code)
    context = {"certificate": certificate}
    if certificate is not None:
        context.update(stated(certificate))
    return render(request, "certificates/verify.html", context, status=200 if certificate else 404)


@require_safe
@public_page
def verify_lookup(request):
    """The public "Verify a certificate" page: a code box (a GET form, so it works without
    JavaScript and the answer can be bookmarked) and, once a code is given, the verdict."""
    form = VerifyCodeForm(request.GET or None)
    context = {"form": form, "searched": False}
    if form.is_valid():
        certificate = selectors.certificate_by_code(form.cleaned_data["code"])
        context.update(searched=True, certificate=certificate)
        if certificate is not None:
            context.update(stated(certificate))
    return render(request, "certificates/verify_lookup.html", context)


@require_http_methods(["GET", "POST"])
def check(request):
    """Paste an Open Badge to learn whether the platform signed it and whether it stands."""
    form = BadgeCheckForm(request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = badges.verify_badge(form.cleaned_data["badge"])
    context = {"form": form, "result": result}
    if result is not None and result.revocation_reason:
        context["revocation_reason"] = RevocationReason(result.revocation_reason).label
    if result is not None and result.expires_on:
        context["expires_on"] = date.fromisoformat(result.expires_on)
    return render(request, "certificates/check.html", context)


# --- helpers ------------------------------------------------------------------------------


def own_enrollment(request, enrollment_id: int) -> Enrollment:
    """The learner's own enrollment; anyone else's is a 404, so ids reveal nothing."""
    return get_object_or_404(
        Enrollment.objects.select_related("session__course", "session__site", "user"),
        pk=enrollment_id,
        user=request.user,
    )


def downloadable_certificate(request, enrollment_id: int):
    """The certificate once its name is confirmed; before that the learner is sent back to
    its page, which says what to do. A revoked certificate's files are gone for good: a
    410 in plain text, so a badge wallet or a script fetching the file does not take an
    HTML page for the badge."""
    enrollment = own_enrollment(request, enrollment_id)
    certificate = (
        Certificate.objects.select_related("enrollment__session__course", "enrollment__user")
        .filter(enrollment=enrollment)
        .first()
    )
    if certificate is not None and certificate.is_revoked:
        return HttpResponseGone(
            _("This certificate was revoked: its files are no longer available."),
            content_type="text/plain; charset=utf-8",
            headers={"Cache-Control": "private, no-store"},
        )
    if certificate is None or certificate.name_confirmed_at is None:
        return redirect("certificates:enrollment", enrollment_id=enrollment.pk)
    return certificate


def attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def file_stem(certificate: Certificate) -> str:
    """ASCII, whatever the course's script: the start of the code names the file."""
    return f"certificate-{certificate.code[:8]}"


def stated(certificate: Certificate) -> dict:
    """What the facts of a certificate add to its fields: the achievement as its badge
    states it, and the general reason of a revocation."""
    return {
        "achievement": badges.criteria_narrative(certificate),
        "revocation_reason": reason_label(certificate),
    }


def reason_label(certificate: Certificate) -> str:
    if certificate.revocation_reason in RevocationReason.values:
        return RevocationReason(certificate.revocation_reason).label
    return ""
