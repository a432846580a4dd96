"""The archive page's filters and sort: a thesis's kind, language, completeness and year."""

import django_filters as filters
from django.utils.translation import gettext_lazy as _

from thesis.models import Thesis

YEARS = {"min_value": 1, "max_value": 9999, "decimal_places": 0}
COMPLETENESS = (("true", _("complete")), ("false", _("incomplete")))
# The columns a reader may sort by: the parameter's value, and what it sorts.
ARCHIVE_SORTS = (("title", "title"), ("year", "year"), ("passage_count", "passages"), ("pk", "added"))


class ArchiveFilter(filters.FilterSet):
    """The theses a reader narrows the archive to, in the order asked for (as added, by default)."""

    kind = filters.ChoiceFilter(choices=Thesis.Kind.choices, label=_("Kind"))
    language = filters.CharFilter(max_length=8, label=_("Language"))
    complete = filters.ChoiceFilter(choices=COMPLETENESS, method="completeness", label=_("Completeness"))
    year_from = filters.NumberFilter(field_name="year", lookup_expr="gte", label=_("From year"), **YEARS)
    year_to = filters.NumberFilter(field_name="year", lookup_expr="lte", label=_("To year"), **YEARS)
    sort = filters.OrderingFilter(fields=ARCHIVE_SORTS, label=_("Sort"))

    class Meta:
        model = Thesis
        fields = []

    def completeness(self, queryset, name, value):
        return queryset.filter(is_complete=value == "true")

    def filter_queryset(self, queryset):
        filtered = super().filter_queryset(queryset)
        # A stable order under any sort, so that a page never repeats or skips a thesis.
        return filtered.order_by(*filtered.query.order_by, "pk")
