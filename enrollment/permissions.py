"""The sessions whose roster a person may run, as accounts.permissions answers it."""

from django.db.models import QuerySet
from django.http import Http404

from accounts.permissions import sessions_acted_on
from courses.models import TrainingSession


def sessions_visible_to(user) -> QuerySet[TrainingSession]:
    """Every session for administrators; for anyone else, the sessions they train."""
    return sessions_acted_on(user, TrainingSession.objects.all())


def session_for_roster(user, session_id: int) -> TrainingSession:
    """The session if `user` may run its roster; 404 otherwise, so nobody learns it exists."""
    session = (
        sessions_visible_to(user).select_related("course", "site").filter(pk=session_id).first()
    )
    if session is None:
        raise Http404
    return session
