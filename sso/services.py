"""Writes: recording the profile details a learner agreed to take from a provider."""

from django.db import transaction

from sso.models import ConsentedProfileClaims


@transaction.atomic
def profile_claims_consent(*, user, provider_name: str, claims: dict[str, str]):
    consent, _created = ConsentedProfileClaims.objects.update_or_create(
        user=user,
        defaults={
            "provider_name": provider_name[:40],
            "country": claims.get("country", ""),
            "organisation": claims.get("organisation", ""),
        },
    )
    return consent
