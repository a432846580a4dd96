"""API routes: the root, a router for the resources, CSL-JSON, TEI, DTS, and the OpenAPI schema and its docs."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from . import dts, views
from .docs import SwaggerDocsView
from .renderers import CslJsonRenderer, JSONRenderer, TeiRenderer

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
        views.ThesisViewSet.as_view(
            {"get": "sources_csl"}, renderer_classes=[CslJsonRenderer, JSONRenderer], side_renderer_class=JSONRenderer
        ),
        name="thesis-sources-csl",
    ),
    path("dts/", dts.EntryPointView.as_view(), name="dts-entry"),
    path("dts/collection/", dts.CollectionView.as_view(), name="dts-collection"),
    path("dts/navigation/", dts.NavigationView.as_view(), name="dts-navigation"),
    path("dts/document/", dts.DocumentView.as_view(), name="dts-document"),
    re_path(
        r"^theses/(?P<pk>[^/]+)/tei\.xml$",
        views.ThesisViewSet.as_view({"get": "tei"}, renderer_classes=[TeiRenderer], side_renderer_class=JSONRenderer),
        name="thesis-tei",
    ),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SwaggerDocsView.as_view(url_name="api:schema"), name="docs"),
    *router.urls,
]
