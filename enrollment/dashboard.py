"""The admin dashboard's panels about the sessions a person runs: who sees them and which
sessions they speak of are asked once, here, of accounts.permissions."""

from accounts.permissions import runs_sessions
from cms.dashboard import DashboardListPanel, DashboardRow
from enrollment.permissions import sessions_visible_to


class SessionsPanel(DashboardListPanel):
    """Shown only to people who run sessions, listing rows about the sessions they may run
    (all of them for an administrator)."""

    def rows(self, request) -> list[DashboardRow] | None:
        if not runs_sessions(request.user):
            return None
        return self.session_rows(sessions_visible_to(request.user))

    def session_rows(self, sessions) -> list[DashboardRow]:
        raise NotImplementedError
