"""Who may change a training session in the admin: its own trainers and the administrators.

Trainers hold `change_trainingsession` so that they can schedule and update their sessions;
without this policy that permission would reach every session, and a trainer could add
themselves to another trainer's session and so read its roster."""

from django.db.models import QuerySet
from wagtail.permission_policies import ModelPermissionPolicy

from accounts.permissions import may_act_on_session, sessions_acted_on

PER_SESSION_ACTIONS = {"change", "delete"}


class TrainingSessionPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        if not self.user_has_permission(user, action):
            return False
        if action not in PER_SESSION_ACTIONS:
            return True
        return may_act_on_session(user, instance)

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        sessions = super().instances_user_has_any_permission_for(user, actions)
        if not set(actions) <= PER_SESSION_ACTIONS:
            return sessions
        return sessions_acted_on(user, sessions)
