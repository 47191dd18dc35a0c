"""URLs of manage."""

urlpatterns = []
