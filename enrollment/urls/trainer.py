"""What trainers and administrators open: rosters, approvals, attendance, exports."""

from django.urls import path

from enrollment.views import trainer

urlpatterns = [
    path("sessions/mine/", trainer.my_sessions, name="my_sessions"),
    path("sessions/<int:session_id>/roster/", trainer.roster, name="roster"),
    path(
        "sessions/<int:session_id>/roster/decide/", trainer.roster_decide, name="roster_decide"
    ),
    path(
        "sessions/<int:session_id>/roster/attendance/",
        trainer.roster_attendance,
        name="roster_attendance",
    ),
    path("sessions/<int:session_id>/roster.csv", trainer.roster_csv, name="roster_csv"),
    path("sessions/<int:session_id>/roster.xlsx", trainer.roster_xlsx, name="roster_xlsx"),
    path(
        "sessions/<int:session_id>/check-in/",
        trainer.check_in_display,
        name="check_in_display",
    ),
]
