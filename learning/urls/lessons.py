"""URLs of lessons."""

urlpatterns = []
