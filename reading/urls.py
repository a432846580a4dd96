"""The reading site's pages, mounted at the root beside /api/ and the admin."""

from django.urls import path

from . import timeline, views

app_name = "reading"

urlpatterns = [
    path("", views.ArchiveView.as_view(), name="archive"),
    path("theses/<int:pk>/", views.ThesisView.as_view(), name="thesis"),
    path("theses/<int:pk>/passages/<int:n>/", views.PassageView.as_view(), name="passage"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("timeline/", timeline.TimelineView.as_view(), name="timeline"),
    path("people/", views.PeopleView.as_view(), name="people"),
    path("people/<int:pk>/", views.PersonView.as_view(), name="person"),
    path("sources/<int:pk>/", views.SourceView.as_view(), name="source"),
]
