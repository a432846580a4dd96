"""API routes."""

urlpatterns = []
