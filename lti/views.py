"""The tool's endpoints for partners' LMSs: OIDC login initiation, launch, the tool's key
set, and the deep linking page where a teacher picks a course for their LMS. A refused
launch gets a page saying why in the person's language, never a server error."""

import logging
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth import login
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_deny
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods
from pylti1p3.deep_link_resource import DeepLinkResource
from pylti1p3.exception import LtiException, OIDCException
from pylti1p3.registration import Registration

from enrollment.states import HOLDING_A_SEAT
from lti import claims as lti_claims
from lti import selectors, services, tool
from lti.keys import public_key_pem
from lti.services import LaunchRefused

logger = logging.getLogger(__name__)

AUTH_BACKEND = "django.contrib.auth.backends.ModelBackend"


def refused(request, message: str, status: int = 403):
    return render(request, "lti/refused.html", {"message": message}, status=status)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def login_initiation(request):
    """Third-party initiated login: send the browser back to the LMS's authorization
    endpoint with a fresh state and nonce."""
    conf = tool.PlatformsToolConf()
    try:
        oidc = tool.oidc_login(request, conf)
        return oidc.redirect(request.build_absolute_uri(reverse("lti:launch")))
    except tool.PlatformNotFound:
        return refused(request, unknown_platform_message())
    except OIDCException:
        return refused(request, _("The LMS's sign-in request is incomplete."), status=400)


@csrf_exempt
@never_cache
@require_http_methods(["POST"])
def launch(request):
    """The LMS's signed message: a resource link (sign in, enroll, land on the course) or
    a deep linking request (a teacher picks a course)."""
    conf = tool.PlatformsToolConf()
    message = tool.message_launch(request, conf)
    try:
        claims = message.get_launch_data()
    except tool.PlatformNotFound:
        return refused(request, unknown_platform_message())
    except LtiException as error:
        message_text, status = launch_error(str(error))
        logger.info("LTI launch refused: %s", error)
        return refused(request, message_text, status)
    except Exception:
        logger.warning("LTI launch could not be read", exc_info=True)
        return refused(request, _("The launch could not be read."), status=400)
    if not tool.nonce_first_use(claims["iss"], claims["nonce"], claims.get("exp")):
        return refused(request, replayed_message())
    platform = conf.platform
    language = selectors.language_of(lti_claims.locale_of(claims))
    translation.activate(language)
    request.LANGUAGE_CODE = language
    if message.is_deep_link_launch():
        if not lti_claims.is_teaching(claims):
            return refused(request, _("Only teachers can choose what their LMS links to."))
        target = reverse("lti_pages:deep_link", args=[message.get_launch_id()])
        return HttpResponseRedirect(target)
    if not message.is_resource_launch():
        return refused(request, _("This kind of LTI message is not supported."), status=400)
    try:
        outcome = services.launch_accept(platform=platform, claims=claims)
    except LaunchRefused as error:
        return refused(request, error.message, error.status)
    login(request, outcome.user, backend=AUTH_BACKEND)
    for notice in outcome.notices:
        messages.warning(request, notice)
    return HttpResponseRedirect(landing_url(request, outcome))


def landing_url(request, outcome) -> str:
    """The live room of a dated session the learner holds a seat in, else the course page,
    in the launch's language."""
    enrollment = outcome.enrollment
    if (
        outcome.session is not None
        and outcome.session.has_attendance
        and enrollment is not None
        and enrollment.status in HOLDING_A_SEAT
    ):
        with translation.override(outcome.language):
            return reverse("live:room", args=[outcome.session.pk])
    course = selectors.course_in(outcome.course, outcome.language)
    return course.get_url(request=request)


def unknown_platform_message() -> str:
    return _(
        "This LMS is not registered with the platform. "
        "Ask the platform's administrator to register it."
    )


def replayed_message() -> str:
    return _("This launch was already used. Go back to your LMS and open the link again.")


def launch_error(reason: str) -> tuple[str, int]:
    """What the person reads about a launch PyLTI1p3 refused, and the status."""
    lowered = reason.lower()
    if "missing" in lowered or "empty" in lowered or "format" in lowered:
        return _("The launch could not be read."), 400
    if "expired" in lowered:
        return _("The launch has expired. Go back to your LMS and open the link again."), 403
    if "deployment" in lowered:
        return _("This deployment of the tool is not registered for your LMS."), 403
    if "state" in lowered or "nonce" in lowered:
        return replayed_message(), 403
    if "registration" in lowered or "client id" in lowered:
        return unknown_platform_message(), 403
    if "public key" in lowered or "decode id_token" in lowered or "signature" in lowered:
        return _("The launch's signature could not be verified."), 403
    return _("The launch could not be read."), 400


@require_GET
def jwks(request):
    """The tool's public keys, one per registered platform, for LMSs to verify our
    messages (deep linking responses, grade service tokens)."""
    keys = [
        Registration.get_jwk(public_key_pem(platform.tool_private_key))
        for platform in selectors.platforms_with_keys()
    ]
    return JsonResponse({"keys": keys})


@never_cache
@xframe_options_deny
@require_http_methods(["GET", "POST"])
def deep_link(request, launch_id):
    """The teacher's choice of a course or session; the chosen one goes back to the LMS in
    a signed deep linking response."""
    conf = tool.PlatformsToolConf()
    try:
        message = tool.restored_launch(request, launch_id, conf)
    except (LtiException, tool.PlatformNotFound):
        return refused(request, _("This choice has expired. Open it again from your LMS."))
    if not message.is_deep_link_launch():
        raise Http404
    language = translation.get_language()
    choices = selectors.deep_linking_choices(language)
    if request.method == "GET":
        return render(request, "lti/deep_link.html", {"choices": choices})
    chosen = _chosen(choices, request.POST.get("choice", ""))
    if chosen is None:
        return render(request, "lti/deep_link.html", {"choices": choices}, status=400)
    resource = (
        DeepLinkResource()
        .set_url(request.build_absolute_uri(reverse("lti:launch")))
        .set_title(chosen.title)
        .set_custom_params(
            {"session": str(chosen.session.pk)}
            if chosen.session
            else {"course": str(chosen.course.translation_key)}
        )
    )
    deep_link_service = message.get_deep_link()
    settings_claim = message.get_launch_data().get(lti_claims.DEEP_LINKING_SETTINGS) or {}
    return_url = settings_claim.get("deep_link_return_url", "")
    if not return_url.startswith(("https://", "http://")):
        return refused(request, _("The LMS did not say where to return."), status=400)
    response = render(
        request,
        "lti/deep_link_return.html",
        {
            "return_url": return_url,
            "jwt": deep_link_service.get_response_jwt([resource]),
            "title": chosen.title,
        },
    )
    # The response is a form the teacher sends to their LMS, another origin.
    parts = urlsplit(return_url)
    response._csp_update = {"form-action": [f"{parts.scheme}://{parts.netloc}"]}
    return response


def _chosen(choices, value: str):
    return next((choice for choice in choices if choice.value == value), None)
