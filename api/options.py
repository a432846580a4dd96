"""OPTIONS, which describes a resource and sends none of its data, answered whatever the query asks of that data."""


class AnyQueryOptions:
    """A view whose OPTIONS no query parameter fails: a `format` or an Accept that no renderer meets is GET's
    404 or 406 only, and OPTIONS then answers in the first renderer's type."""

    def perform_content_negotiation(self, request, force=False):
        return super().perform_content_negotiation(request, force=force or request.method == "OPTIONS")
