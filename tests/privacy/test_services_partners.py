"""What partners' systems tied to a person (their account at an identity provider, who they
are in an LMS, their learning-records pseudonym) is in their copy of their data, and goes
with the erasure of their account."""

import uuid

import pytest
from allauth.socialaccount.models import SocialAccount

from accounts.factories import UserFactory
from lti.models import LtiGradeLink, LtiIdentity, LtiPlatform
from privacy.services import KEEP, account_delete, learner_data_export
from sso.models import ConsentedProfileClaims
from xapi.models import LearnerPseudonym, Statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    user = UserFactory(email="amina@example.org")
    SocialAccount.objects.create(
        user=user, provider="oidc-unhcr", uid="u-42", extra_data={"organisation": "UNHCR"}
    )
    ConsentedProfileClaims.objects.create(
        user=user, provider_name="UNHCR", country="KE", organisation="UNHCR"
    )
    lms = LtiPlatform.objects.create(
        name="Partner LMS",
        issuer="https://lms.example.org",
        client_id="tool",
        auth_login_url="https://lms.example.org/auth",
        auth_token_url="https://lms.example.org/token",
        key_set_url="https://lms.example.org/jwks",
        deployment_ids="1",
    )
    LtiIdentity.objects.create(platform=lms, subject="s-7", user=user)
    LtiGradeLink.objects.create(
        platform=lms,
        user=user,
        subject="s-7",
        course_key=uuid.uuid4(),
        lineitem="https://lms.example.org/lineitems/1",
    )
    pseudonym = LearnerPseudonym.objects.create(user=user).pseudonym
    Statement.objects.create(id=uuid.uuid4(), data={"actor": {"account": {"name": str(pseudonym)}}})
    Statement.objects.create(id=uuid.uuid4(), data={"actor": {"mbox": "mailto:amina@example.org"}})
    Statement.objects.create(id=uuid.uuid4(), data={"actor": {"account": {"name": "someone"}}})
    return user


def test_the_copy_holds_what_partners_systems_tied_to_the_person(person):
    data = learner_data_export(person)
    assert data["identity_providers"]["accounts"][0]["claims"] == {"organisation": "UNHCR"}
    assert data["identity_providers"]["profile_details"]["country"] == "KE"
    assert data["learning_platforms"]["identities"][0]["subject"] == "s-7"
    assert data["learning_platforms"]["gradebook_columns"][0]["platform"] == "Partner LMS"
    assert data["learning_records"]["statements_waiting"] == 1
    assert data["learning_records"]["pseudonym"]


def test_erasing_the_account_erases_it_and_the_statements_not_yet_sent(person):
    account_delete(person, certificates=KEEP)
    assert not SocialAccount.objects.filter(user=person).exists()
    assert not ConsentedProfileClaims.objects.filter(user=person).exists()
    assert not LtiIdentity.objects.filter(user=person).exists()
    assert not LtiGradeLink.objects.filter(user=person).exists()
    assert not LearnerPseudonym.objects.filter(user=person).exists()
    assert [s.data["actor"] for s in Statement.objects.all()] == [{"account": {"name": "someone"}}]
