"""Who may change a training session in the admin: its own trainers and the administrators.

Trainers hold `change_trainingsession` so that they can schedule and update their sessions;
without this policy that permission would reach every session, and a trainer could add
themselves to another trainer's session and so read its roster."""

from django.db.models import Exists, OuterRef, QuerySet
from wagtail.permission_policies import ModelPermissionPolicy

from accounts.roles import ADMINISTRATOR

PER_SESSION_ACTIONS = {"change", "delete"}


class TrainingSessionPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        if not self.user_has_permission(user, action):
            return False
        if action not in PER_SESSION_ACTIONS or sees_every_session(user):
            return True
        return instance.trainers.filter(user=user).exists()

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        sessions = super().instances_user_has_any_permission_for(user, actions)
        if sees_every_session(user) or not set(actions) <= PER_SESSION_ACTIONS:
            return sessions
        trained = self.model.trainers.through.objects.filter(
            trainingsession=OuterRef("pk"), trainer__user=user
        )
        return sessions.filter(Exists(trained))


def sees_every_session(user) -> bool:
    return user.is_active and (user.is_superuser or user.groups.filter(name=ADMINISTRATOR).exists())
