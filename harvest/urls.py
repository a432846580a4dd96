"""The OAI-PMH endpoint, one URL for every verb."""

from django.urls import path

from . import views

app_name = "harvest"

urlpatterns = [path("", views.oai, name="oai")]
