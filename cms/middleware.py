"""Language prefixes for what readers see, and none for machine endpoints."""

from django.middleware.locale import LocaleMiddleware

# Served outside i18n_patterns: a 404 here is an answer, not a hint to add /<lang>/.
LANGUAGE_NEUTRAL_PREFIXES = (
    "/api/",
    "/admin/",
    "/documents/",
    "/healthz",
    "/static/",
    "/media/",
    "/sso/",
)


class LanguagePrefixMiddleware(LocaleMiddleware):
    def process_response(self, request, response):
        if request.path_info.startswith(LANGUAGE_NEUTRAL_PREFIXES):
            return response
        return super().process_response(request, response)
