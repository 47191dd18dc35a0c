"""Operations on accounts and roles."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from accounts.models import User
from accounts.roles import ADMINISTRATOR, LEARNER


def user_assign_role(*, user: User, role: str = LEARNER) -> None:
    user.groups.add(Group.objects.get(name=role))


def administrator_create(*, email: str, password: str) -> tuple[User, bool]:
    """The platform's first administrator (superuser, Administrators role, address
    verified) and whether it was created; an existing account is left as it is."""
    email = User.objects.normalize_email(email.strip())
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        return existing, False
    user = User(email=email, is_staff=True, is_superuser=True)
    validate_password(password, user)
    with transaction.atomic():
        user.set_password(password)
        user.save()
        user_assign_role(user=user, role=ADMINISTRATOR)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user, True
