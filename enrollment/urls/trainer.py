"""What trainers and administrators open: rosters, approvals, attendance, exports."""

urlpatterns = []
