"""What the API's speed needs of django-filter's internals: filtersets that copy their filters shallowly
and make their form class once.

tests/test_django_filters.py checks that each part of django-filter used here still exists and behaves
as assumed, so that an upgrade that changes one fails there, by name, rather than in a request.
"""

import copy

from django_filters import rest_framework as filters

# The django-filter this module was written against and last checked with (tests/test_django_filters.py).
WRITTEN_FOR = "26.2"


class FilterCopies(dict):
    """A filterset's base filters, which each filterset made copies as its own: one by one and
    shallowly, where django-filter deep-copies them, which took a millisecond of a list's request.
    No filter here changes itself while it filters; each copy gets its own `extra` (a field's
    keyword arguments), and a method filter its own link to the copy, which finds the filterset
    its method is on."""

    def __deepcopy__(self, memo):
        return {name: shallow_copy(filter_) for name, filter_ in self.items()}


def shallow_copy(filter_: filters.Filter) -> filters.Filter:
    copied = copy.copy(filter_)
    copied.extra = dict(filter_.extra)
    if filter_.method is not None:
        copied.method = filter_.method
    return copied


class ReusingFilterSet(filters.FilterSet):
    """A filterset whose filters are copied shallowly (FilterCopies) and whose form class is made once,
    not on every request: no filter here takes its choices from the database, and each form copies
    the class's fields, as any Django form does."""

    def __init__(self, *args, **kwargs):
        filterset = type(self)
        if not isinstance(filterset.__dict__.get("base_filters"), FilterCopies):
            filterset.base_filters = FilterCopies(filterset.base_filters)
        super().__init__(*args, **kwargs)

    def get_form_class(self):
        filterset = type(self)
        if "_form_class" not in filterset.__dict__:
            filterset._form_class = super().get_form_class()
        return filterset._form_class
