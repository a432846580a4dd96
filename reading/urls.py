"""The reading site's pages, mounted at the root beside /api/ and the admin, with robots.txt and its sitemaps."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from . import sitemaps, timeline, views

app_name = "reading"

urlpatterns = [
    path("", views.ArchiveView.as_view(), name="archive"),
    path("about/", views.AboutView.as_view(), name="about"),
    path("theses/<int:pk>/", views.ThesisView.as_view(), name="thesis"),
    path("theses/<int:pk>/passages/<int:n>/", views.PassageView.as_view(), name="passage"),
    path("passages/<int:pk>/", views.PassageAddressView.as_view(), name="passage_address"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("timeline/", timeline.TimelineView.as_view(), name="timeline"),
    path("people/", views.PeopleView.as_view(), name="people"),
    path("people/<int:pk>/", views.PersonView.as_view(), name="person"),
    path("sources/<int:pk>/", views.SourceView.as_view(), name="source"),
    path("robots.txt", sitemaps.robots_txt, name="robots"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": sitemaps.SITEMAPS, "sitemap_url_name": "reading:sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": sitemaps.SITEMAPS},
        name="sitemap-section",
    ),
]
