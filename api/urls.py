"""API routes: the root, a router for the resources, CSL-JSON, and the OpenAPI schema and its docs."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from . import views
from .docs import SwaggerDocsView

app_name = "api"

router = SimpleRouter()
router.register("theses", views.ThesisViewSet)
router.register("sections", views.SectionViewSet)
router.register("passages", views.PassageViewSet)
router.register("sources", views.SourceViewSet)
router.register("authors", views.AuthorViewSet)
router.register("timeline", views.TimelineEventViewSet)

urlpatterns = [
    path("", views.ApiRootView.as_view(), name="root"),
    re_path(
        r"^theses/(?P<pk>[^/]+)/sources\.csl\.json$",
        views.ThesisViewSet.as_view({"get": "sources_csl"}),
        name="thesis-sources-csl",
    ),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SwaggerDocsView.as_view(url_name="api:schema"), name="docs"),
    *router.urls,
]
