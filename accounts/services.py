"""Operations on accounts and roles."""

from django.contrib.auth.models import Group

from accounts.models import User
from accounts.roles import LEARNER


def user_assign_role(*, user: User, role: str = LEARNER) -> None:
    user.groups.add(Group.objects.get(name=role))
