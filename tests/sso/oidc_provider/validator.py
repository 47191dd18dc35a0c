"""The provider's claims: each person's as the test described them; a client named
"wrong-audience" gets ID tokens addressed to another service."""

from django.conf import settings
from oauth2_provider.oauth2_validators import OAuth2Validator


class PeopleValidator(OAuth2Validator):
    # Every claim of a person, whatever the scope (country and organisation have none).
    oidc_claim_scope = None

    def get_additional_claims(self, request):
        person = settings.CONFIG["people"][request.user.username]
        return {key: value for key, value in person.items() if key != "password"}

    def get_id_token_dictionary(self, token, token_handler, request):
        claims, expiration_time = super().get_id_token_dictionary(token, token_handler, request)
        if request.client.name == "wrong-audience":
            claims["aud"] = "another-service"
        return claims, expiration_time
