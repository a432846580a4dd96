"""Page-number pagination that refuses a page size out of bounds instead of quietly clamping it."""

import re

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")


class ArchivePagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    invalid_page_message = "Invalid page {page_number}: {message}."

    def get_page_size(self, request):
        requested = request.query_params.get(self.page_size_query_param)
        if requested is None or requested == "":
            return self.page_size
        if not WHOLE_NUMBER.fullmatch(requested) or not 1 <= int(requested) <= self.max_page_size:
            problem = f"Must be a whole number from 1 to {self.max_page_size}, not {requested!r}."
            raise ValidationError({self.page_size_query_param: [problem]})
        return int(requested)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size, default=self.page_size)
        return parameters
