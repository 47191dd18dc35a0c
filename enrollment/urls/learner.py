"""What learners open: profile, enroll, My learning, cancel, check in."""

urlpatterns = []
