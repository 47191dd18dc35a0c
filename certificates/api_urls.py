"""Language-neutral certificate endpoints: verification JSON, issuer, keys, badge checks."""

app_name = "certificates_api"
urlpatterns = []
