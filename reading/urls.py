"""The reading site's pages, mounted at the root beside /api/ and the admin."""

from django.urls import path

from . import views

app_name = "reading"

urlpatterns = [
    path("", views.ArchiveView.as_view(), name="archive"),
]
