"""The health check a load balancer asks: a real query on every database, never an answer from a cache."""

from django.db import DatabaseError, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .faults import RETRY_AFTER_SECONDS


@never_cache
@require_safe
def health(request):
    """200 {"status": "ok"} when every database answers a query; 503 {"status": "unavailable"} otherwise."""
    try:
        for alias in connections:
            with connections[alias].cursor() as cursor:
                # A table, not a constant: SQLite answers "SELECT 1" without opening its file.
                cursor.execute("SELECT 1 FROM django_migrations LIMIT 1")
                cursor.fetchone()
    except DatabaseError:
        response = JsonResponse({"status": "unavailable"}, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return JsonResponse({"status": "ok"})
