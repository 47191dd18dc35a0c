"""Language-neutral certificate endpoints: verification JSON, revocation status, issuer,
keys, badge checks."""

from django.urls import path

from certificates import api

app_name = "certificates_api"
urlpatterns = [
    path("verify/<path:code>/", api.verify, name="verify"),
    path("status-list/<int:number>/", api.status_list_credential, name="status_list"),
    path("status/<path:code>/", api.status, name="status"),
    path("issuer/", api.issuer, name="issuer"),
    path("issuer/jwks.json", api.jwks, name="jwks"),
    path("check/", api.check, name="check"),
]
