"""A request whose write met a database held by another one for longer than it may wait: a plain
refusal that says nothing was written, never a 500."""

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _

from thesis.services.editing import DatabaseBusy, as_refusal

RETRY_AFTER_SECONDS = 2


class DatabaseBusyMiddleware:
    """The admin's tool pages get their page back with the refusal as a message; anyone else a 503
    with Retry-After. (Change forms answer a busy database themselves, keeping the editor's text.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(as_refusal(exception), DatabaseBusy):
            return None
        user = getattr(request, "user", None)
        if request.method == "POST" and user is not None and user.is_staff:
            messages.error(request, busy_refusal())
            return HttpResponseRedirect(request.get_full_path(), status=303)
        response = HttpResponse(busy_refusal(), status=503, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response


def busy_refusal() -> str:
    return _(
        "Not saved: another change was being written and the archive stayed busy for longer than a "
        "request may wait. Nothing was written or overwritten. Try again."
    )
