"""Factories for accounts: people in a role, with a verified email address; the tests and the
demo build their users through them."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from accounts.models import User
from accounts.roles import ADMINISTRATOR, LEARNER, TRAINER

DEFAULT_PASSWORD = "correct horse battery staple"  # noqa: S105 - the tests' known password


def grant_role(default: str):
    """Puts the user in a role's group; `UserFactory(role=TRAINER)` picks another role."""

    def grant(user, create, extracted, **kwargs):
        if create:
            user.groups.add(Group.objects.get(name=extracted or default))

    return factory.PostGeneration(grant)


class UserFactory(factory.django.DjangoModelFactory):
    """A learner; `password=None` makes an account that cannot log in."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password(DEFAULT_PASSWORD)

    role = grant_role(LEARNER)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class TrainerFactory(UserFactory):
    role = grant_role(TRAINER)


class AdministratorFactory(UserFactory):
    role = grant_role(ADMINISTRATOR)
