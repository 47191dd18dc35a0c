"""Views of the site structure outside Wagtail's page tree."""

from django.http import HttpResponseRedirect, JsonResponse
from django.templatetags.static import static
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from cms.health import run_checks


@never_cache
@require_GET
def healthz(request):
    """200 when every dependency answers, 503 naming those that do not."""
    checks = run_checks()
    failing = sorted(name for name, result in checks.items() if result != "ok")
    body = {"status": "error" if failing else "ok", "checks": checks}
    if failing:
        body["failing"] = failing
    return JsonResponse(body, status=503 if failing else 200)


@require_GET
def favicon(request):
    """Browsers and feed readers ask /favicon.ico whatever the page links: send them to the
    static icon (its name carries its hash in production) instead of a 404."""
    response = HttpResponseRedirect(static("cms/favicon.ico"))
    patch_cache_control(response, public=True, max_age=86400)
    return response
