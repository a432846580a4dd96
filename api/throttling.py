"""Throttling of anonymous readers, at a rate read from the settings on every request."""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle

from project.clients import client_ip


class AnonymousRateThrottle(AnonRateThrottle):
    """DRF's anonymous throttle, but the rate is settings.API_ANON_RATE ("off" for none), so that
    a deployment or a test can change it without re-importing DRF, and the client is the real one
    that settings.TRUSTED_PROXIES reveals (project/clients.py)."""

    def get_ident(self, request):
        # DRF's own reading of X-Forwarded-For cannot check which proxy wrote it.
        return client_ip(request)

    def get_rate(self):
        rate = settings.API_ANON_RATE
        return None if rate.lower() in {"", "off", "none"} else rate
