"""Who may act on what: the role predicates, and the one answer to "may this person act on
this session". Views, Wagtail permission policies, admin hooks and the live room all ask
here. Sessions are reached through the objects passed in (their `trainers` and each
trainer's `user`), so accounts stays below the apps that define them."""

from django.db.models import Exists, OuterRef, QuerySet

from accounts.roles import ADMINISTRATOR, LEARNER, TRAINER


def is_administrator(user) -> bool:
    """Superusers and members of Administrators, while their account is active."""
    if not _is_active(user):
        return False
    return user.is_superuser or _in_group(user, ADMINISTRATOR)


def is_trainer(user) -> bool:
    """Trainers by role, or by a trainer profile linked to the account."""
    if not _is_active(user):
        return False
    return _in_group(user, TRAINER) or user.trainer_profiles.exists()


def may_open_admin(user) -> bool:
    """Who enters Wagtail's admin: superusers, and people whose roles grant its access.
    Permissions come only through roles (accounts.roles; nobody is given one of their own)
    and the Learners role never opens the admin, so a learner is answered from their roles
    alone, without reading permissions: every page a learner opens asks, for its menu."""
    if not _is_active(user):
        return False
    if user.is_superuser:
        return True
    load_roles([user])
    if not user._role_names - {LEARNER}:
        return False
    return user.has_perm("wagtailadmin.access_admin")


def runs_sessions(user) -> bool:
    """Trainers and administrators: the people with a "My sessions"."""
    return is_administrator(user) or is_trainer(user)


def may_act_on_session(user, session) -> bool:
    """Administrators act on every session; a trainer only on the sessions they train."""
    if not _is_active(user):
        return False
    return user.pk in acting_on_session([user], session)


def acting_on_session(users, session) -> set[int]:
    """The ids of those of `users` who may act on `session` (may_act_on_session for a crowd
    at once: two queries whatever their number)."""
    active = [user for user in users if _is_active(user)]
    load_roles(active)
    ids = {user.pk for user in active if user.is_superuser or ADMINISTRATOR in user._role_names}
    others = {user.pk for user in active} - ids
    if others:
        ids.update(session.trainers.filter(user__in=others).values_list("user_id", flat=True))
    return ids


def sessions_acted_on(user, sessions: QuerySet) -> QuerySet:
    """The sessions of `sessions` that `user` may act on, each once."""
    if not _is_active(user):
        return sessions.none()
    if is_administrator(user):
        return sessions
    # Exists rather than a join: a trainer listed twice (two translations of their
    # profile) must not get the session twice.
    trained = sessions.model.objects.filter(pk=OuterRef("pk"), trainers__user=user)
    return sessions.filter(Exists(trained))


def _is_active(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def load_roles(users) -> None:
    """Fill the role names of those of `users` not read yet, in one query."""
    missing = {user.pk: user for user in users if getattr(user, "_role_names", None) is None}
    if not missing:
        return
    for user in missing.values():
        user._role_names = set()
    through = next(iter(missing.values())).groups.through
    for user_id, name in through.objects.filter(user_id__in=missing).values_list(
        "user_id", "group__name"
    ):
        missing[user_id]._role_names.add(name)


def _in_group(user, name: str) -> bool:
    # Cached on the user object: a page asks several times per request.
    cache = getattr(user, "_role_names", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._role_names = cache
    return name in cache
