"""A person's own data: the page that explains it, the JSON copy, and account erasure.
The rules live in privacy.services; these views only ask it."""

import json

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from accounts.ratelimit import limit_posts
from certificates.models import Certificate
from privacy import services
from privacy.forms import AccountDeleteForm

# Set after logging out, so the confirmation page can say what became of the certificates.
ERASED_SESSION_KEY = "privacy_erased_certificates"


@login_required
@require_safe
def your_data(request):
    return render_your_data(request, delete_form(request))


@login_required
@require_safe
def download(request):
    data = services.learner_data_export(request.user)
    content = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    filename = f"my-data-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
@limit_posts("account_delete", setting="ACCOUNT_DELETE_RATE_LIMIT")
def delete(request):
    refusal = services.erasure_refusal(request.user)
    if refusal:
        return render_your_data(request, None, refusal=refusal, status=403)
    form = delete_form(request, data=request.POST)
    if not form.is_valid():
        return render_your_data(request, form, status=400)
    outcome = form.certificate_outcome
    services.account_delete(request.user, certificates=outcome)
    logout(request)
    request.session[ERASED_SESSION_KEY] = outcome
    return redirect("privacy:deleted")


@require_safe
def deleted(request):
    outcome = request.session.get(ERASED_SESSION_KEY)
    if outcome is None:
        return redirect("/")
    return render(request, "privacy/deleted.html", {"certificates": outcome})


def delete_form(request, data=None) -> AccountDeleteForm:
    return AccountDeleteForm(
        data,
        user=request.user,
        has_certificates=held_certificates(request.user).exists(),
    )


def held_certificates(user):
    return Certificate.objects.filter(enrollment__user=user, revoked_at__isnull=True)


def render_your_data(request, form, *, refusal=None, status=200):
    context = {
        "form": form,
        "refusal": refusal if refusal is not None else services.erasure_refusal(request.user),
        "certificates": held_certificates(request.user).count(),
    }
    return render(request, "privacy/your_data.html", context, status=status)
