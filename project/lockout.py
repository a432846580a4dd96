"""Login lockout: django-axes's for one account from one client address, and for one address across accounts."""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


class AccountAndAddressHandler(AxesDatabaseHandler):
    """Axes locks an account for the address that failed for it (AXES_LOCKOUT_PARAMETERS). An address
    trying account after account must be stopped too, but later than one account is, for an office
    behind one address shares it: its failures across every account count against a limit of their
    own, LOGIN_ADDRESS_FAILURE_LIMIT, and reaching it counts as reaching axes's for any account."""

    def get_failures(self, request, credentials=None) -> int:
        failures = super().get_failures(request, credentials)
        if address_failures(request) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            return max(failures, get_failure_limit(request, credentials))
        return failures


def address_failures(request) -> int:
    """The failed logins from the request's client address (project.clients's rule) within the cool-off."""
    attempts = AccessAttempt.objects.filter(ip_address=request.axes_ip_address)
    if settings.AXES_COOLOFF_TIME is not None:
        attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
