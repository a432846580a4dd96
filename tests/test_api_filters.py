"""api.filters: each filterset filters with copies of its own, made without deep copies."""

import copy

import pytest
from django.http import QueryDict

from api.filters import PassageFilter, TimelineEventFilter
from thesis.models import Passage

pytestmark = pytest.mark.django_db


def orders(filterset) -> list[int]:
    return sorted(filterset.qs.values_list("order", flat=True))


def test_each_filterset_has_filters_of_its_own(seed_thesis):
    first, second = PassageFilter(data=QueryDict("")), PassageFilter(data=QueryDict(""))
    assert set(first.filters) == set(PassageFilter.base_filters)
    for name in first.filters:
        assert first.filters[name] is not second.filters[name]
        assert first.filters[name] is not PassageFilter.base_filters[name]
        assert first.filters[name].parent is first and second.filters[name].parent is second
        assert first.filters[name].extra is not second.filters[name].extra


def test_a_method_filter_calls_the_method_of_its_own_filterset(seed_thesis, monkeypatch):
    citing_three = PassageFilter(data=QueryDict("cites=3"), queryset=Passage.objects.all())
    citing_nine = PassageFilter(data=QueryDict("cites=9"), queryset=Passage.objects.all())
    called = []
    original = PassageFilter.filter_cites

    def recording(self, queryset, name, value):
        called.append(self)
        return original(self, queryset, name, value)

    monkeypatch.setattr(PassageFilter, "filter_cites", recording)
    assert orders(citing_nine) == [3, 7, 10]
    assert orders(citing_three) == [2, 3, 7, 8]
    assert called == [citing_nine, citing_three]


def test_the_copies_filter_as_django_filters_deep_copies_do(seed_thesis):
    for filterset_class, query in ((PassageFilter, "thesis={}&cites=3"), (TimelineEventFilter, "century=20")):
        data = QueryDict(query.format(seed_thesis.pk))
        ours = filterset_class(data=data, queryset=filterset_class._meta.model.objects.all())
        theirs = filterset_class(data=data, queryset=filterset_class._meta.model.objects.all())
        theirs.filters = copy.deepcopy(dict(filterset_class.base_filters))
        for filter_ in theirs.filters.values():
            filter_.model, filter_.parent = filterset_class._meta.model, theirs
        found = list(ours.qs.values_list("pk", flat=True))
        assert found and found == list(theirs.qs.values_list("pk", flat=True))
