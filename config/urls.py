"""URLs: language-neutral endpoints first, then everything a reader sees under /<lang>/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import views as cms_views
from courses.api import api_router

urlpatterns = [
    path("healthz", cms_views.healthz, name="healthz"),
    path("favicon.ico", cms_views.favicon, name="favicon"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("api/live/", include("live.api_urls")),
    path("", include("live.broadcast_urls")),
    path("api/certificates/", include("certificates.api_urls")),
    path("api/conferencing/", include("conferencing.api_urls")),
    path(".well-known/", include("certificates.well_known_urls")),
    path("api/", include("courses.api")),
    path("lti/", include("lti.urls")),
    # Partners' identity providers answer here, whatever the reader's language.
    path("sso/", include("sso.urls")),
]

urlpatterns += i18n_patterns(
    path("accounts/data/", include("privacy.urls")),
    # allauth's pages (allauth.urls less its providers' addresses, which sso serves).
    path("accounts/", include("allauth.account.urls")),
    path("accounts/2fa/", include("allauth.mfa.urls")),
    path("accounts/3rdparty/", include("allauth.socialaccount.urls")),
    path("accounts/", include("sso.login_urls")),
    path("", include("courses.urls")),
    path("", include("enrollment.urls")),
    path("", include("learning.urls")),
    path("", include("live.urls")),
    path("", include("conferencing.urls")),
    path("", include("surveys.urls")),
    path("", include("certificates.urls")),
    path("", include("reporting.urls")),
    path("", include("lti.page_urls")),
    # Wagtail's own front-end login form (for private pages) would let an account in
    # without a verified address and past the log-in rate limit: send it to allauth's.
    path(
        "_util/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="frontend_login",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    # Production's nginx serves uploads with the same headers (deploy/nginx.conf).
    from cms.media import serve_upload

    urlpatterns += [re_path(r"^media/(?P<path>.+)$", serve_upload, name="media")]
