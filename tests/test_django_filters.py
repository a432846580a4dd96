"""api/internals/django_filters.py: each filterset filters with copies of its own, made without deep
copies, and the parts of django-filter that relies on are still there as assumed."""

import copy
import inspect

import django_filters
import pytest
from django.http import QueryDict
from django.utils.functional import Promise
from django_filters import FilterSet
from django_filters.filters import Filter, FilterMethod

from api import filters
from api.filters import PassageFilter, TimelineEventFilter
from api.internals.django_filters import WRITTEN_FOR, FilterCopies, ReusingFilterSet, shallow_copy
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


def upgraded(what: str) -> str:
    return (
        f"django-filter {django_filters.__version__} (api/internals/django_filters.py was written for "
        f"{WRITTEN_FOR}) changed {what}, which the module relies on: adapt it to the new django-filter before upgrading"
    )


FILTERSETS = [
    value
    for value in vars(filters).values()
    if isinstance(value, type) and issubclass(value, ReusingFilterSet) and value is not ReusingFilterSet
]
# What a copy may share with its original: values nothing changes in place (a label to translate, a
# class). `extra` is copied, `filter` (a method filter's link to its filterset) made anew, an
# ordering's `param_map` (parameter value to field) only read, and `_field`, the form field a filter
# makes once (the schema's generator has the base filters make theirs), is only the template each
# form deep-copies, as a Django form does its base fields.
SHAREABLE = (str, int, bool, tuple, frozenset, type(None), Promise, type)
OWN = {"extra", "filter", "param_map", "_field"}


def test_a_filterset_copies_its_base_filters_with_deepcopy(monkeypatch):
    copied = []
    copy_ = FilterCopies.__deepcopy__
    monkeypatch.setattr(FilterCopies, "__deepcopy__", lambda self, memo: copied.append(self) or copy_(self, memo))
    PassageFilter(data=QueryDict(""))
    assert len(copied) == 1, upgraded("FilterSet.__init__, which no longer deep-copies base_filters")


def test_a_filterset_links_each_of_its_filters_to_itself():
    filterset = PassageFilter(data=QueryDict(""))
    assert all(f.parent is filterset and f.model is Passage for f in filterset.filters.values()), upgraded(
        "FilterSet.__init__, which no longer sets each filter's parent and model"
    )


def test_a_filters_method_is_a_property_binding_a_filter_method_to_the_filter():
    assert isinstance(Filter.method, property) and Filter.method.fset, upgraded("Filter.method")
    original = PassageFilter.base_filters["cites"]
    copied = shallow_copy(original)
    assert isinstance(copied.filter, FilterMethod) and copied.filter.f is copied, upgraded("FilterMethod")
    assert original.filter.f is original


@pytest.mark.parametrize("filterset_class", FILTERSETS, ids=[f.__name__ for f in FILTERSETS])
def test_a_shallow_copy_shares_nothing_a_filter_changes(filterset_class):
    for name, filter_ in filterset_class.base_filters.items():
        shared = {
            attribute: type(value).__name__
            for attribute, value in vars(filter_).items()
            if attribute not in OWN and not isinstance(value, SHAREABLE)
        }
        assert shared == {}, upgraded(f"what a filter holds ({filterset_class.__name__}.{name} has {shared})")


def test_the_form_class_is_made_from_the_class_alone():
    assert list(inspect.signature(FilterSet.get_form_class).parameters) == ["self"], upgraded("get_form_class")
    first, second = PassageFilter(data=QueryDict("")), PassageFilter(data=QueryDict("thesis=1"))
    assert type(first.form) is type(second.form) is PassageFilter(data=None).get_form_class(), upgraded(
        "FilterSet.form, which no longer makes its form with get_form_class"
    )
