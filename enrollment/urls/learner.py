"""What learners open: profile, enroll, My learning, cancel, check in."""

from django.urls import path

from enrollment.views import learner

urlpatterns = [
    path("sessions/<int:session_id>/enroll/", learner.enroll, name="enroll"),
    path("learning/", learner.my_learning, name="my_learning"),
    path("learning/profile/", learner.profile, name="profile"),
    path("learning/<int:enrollment_id>/cancel/", learner.cancel, name="cancel"),
    path("learning/<int:enrollment_id>/confirm-seat/", learner.confirm_seat, name="confirm_seat"),
    path("check-in/", learner.check_in_form, name="check_in"),
    path("check-in/<str:code>/", learner.check_in_with_code, name="check_in_code"),
]
