"""URLs of video."""

urlpatterns = []
