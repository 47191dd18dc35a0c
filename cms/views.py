"""Views of the site structure outside Wagtail's page tree."""

from django.http import JsonResponse
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
