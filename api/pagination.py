"""Page-number pagination that refuses a page size out of bounds instead of quietly clamping it,
and that can list only the first matches of a costly filter without counting all of them."""

import re
from functools import cached_property, partial

from django.core.paginator import Paginator
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")


class CappedPaginator(Paginator):
    """Pages over at most `limit` rows (all rows when None), counting no further than one past it."""

    def __init__(self, object_list, per_page, limit: int | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.limit = limit

    @cached_property
    def found(self) -> int:
        if self.limit is None:
            return super().count
        return self.object_list[: self.limit + 1].count()

    @property
    def count(self) -> int:
        return self.found if self.limit is None else min(self.found, self.limit)

    @property
    def capped(self) -> bool:
        return self.limit is not None and self.found > self.limit


class ArchivePagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    invalid_page_message = "Invalid page {page_number}: {message}."

    def paginate_queryset(self, queryset, request, view=None):
        # A view whose request is costly to count all of (a text search) names how far to go.
        limit = view.count_limit() if hasattr(view, "count_limit") else None
        self.django_paginator_class = partial(CappedPaginator, limit=limit)
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        return Response(
            {
                "count": self.page.paginator.count,
                "count_exact": not self.page.paginator.capped,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        response_schema = super().get_paginated_response_schema(schema)
        response_schema["required"] = ["count", "count_exact", "results"]
        response_schema["properties"]["count_exact"] = {
            "type": "boolean",
            "description": "false when more records match than are listed: count is then the number "
            "listed (a search lists its first 1,000 matches), and a narrower request lists the rest.",
        }
        return response_schema

    def get_page_size(self, request):
        requested = request.query_params.get(self.page_size_query_param)
        if requested is None or requested == "":
            return self.page_size
        if not WHOLE_NUMBER.fullmatch(requested) or not 1 <= int(requested) <= self.max_page_size:
            problem = f"Must be a whole number from 1 to {self.max_page_size}, not {requested!r}."
            raise ValidationError({self.page_size_query_param: [problem]})
        return int(requested)

    def check_parameters(self, request) -> None:
        """Refuse a bad page or page size as a page would, for a response that lists every row instead."""
        self.get_page_size(request)
        number = request.query_params.get(self.page_query_param) or "1"
        if number not in self.last_page_strings and not (WHOLE_NUMBER.fullmatch(number) and int(number) >= 1):
            message = self.invalid_page_message.format(page_number=number, message="That page number is not valid")
            raise NotFound(message)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size, default=self.page_size)
        return parameters
