"""URLs of discussions."""

urlpatterns = []
