"""Who may see and run a session's roster: its trainers and the platform's administrators."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from accounts.roles import ADMINISTRATOR, TRAINER
from courses.models import TrainingSession


def is_administrator(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or _in_group(user, ADMINISTRATOR)


def runs_sessions(user) -> bool:
    """Trainers (by role or by a trainer profile linked to the account) and administrators."""
    if not user.is_authenticated or not user.is_active:
        return False
    return (
        is_administrator(user)
        or _in_group(user, TRAINER)
        or user.trainer_profiles.exists()
    )


def sessions_visible_to(user) -> QuerySet[TrainingSession]:
    """Every session for administrators; for anyone else, the sessions they train."""
    sessions = TrainingSession.objects.all()
    if isinstance(user, AnonymousUser) or not user.is_active:
        return sessions.none()
    if is_administrator(user):
        return sessions
    # Exists rather than a join: a trainer listed twice (two translations of their
    # profile) must not see the session twice.
    trained = TrainingSession.trainers.through.objects.filter(
        trainingsession=OuterRef("pk"), trainer__user=user
    )
    return sessions.filter(Exists(trained))


def can_see_roster(user, session: TrainingSession) -> bool:
    return sessions_visible_to(user).filter(pk=session.pk).exists()


def session_for_roster(user, session_id: int) -> TrainingSession:
    """The session if `user` may run its roster; 404 otherwise, so nobody learns it exists."""
    session = (
        sessions_visible_to(user).select_related("course", "site").filter(pk=session_id).first()
    )
    if session is None:
        raise Http404
    return session


def _in_group(user, name: str) -> bool:
    # Cached on the user object: a page asks several times per request.
    cache = getattr(user, "_role_names", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._role_names = cache
    return name in cache
