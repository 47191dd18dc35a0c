"""URLs of video lessons: none of their own; the player reports its position through the
lesson's beacon (learning:lesson_seen)."""

urlpatterns = []
