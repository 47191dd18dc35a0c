"""Writes: recording the profile details a learner agreed to take from a provider."""

from allauth.socialaccount.models import SocialAccount

from sso.models import ConsentedProfileClaims


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


def personal_data_erase(user) -> None:
    """With the account's erasure: the accounts at identity providers (and the claims they
    sent) and the profile details the person let us take from them."""
    SocialAccount.objects.filter(user=user).delete()
    ConsentedProfileClaims.objects.filter(user=user).delete()
