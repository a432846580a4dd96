"""The real client address of a request: the one rule, set by TRUSTED_PROXIES, for throttling, lockout and logs."""

import ipaddress
import logging

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

Networks = tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]


def parse_trusted_proxies(value: str) -> int | Networks:
    """TRUSTED_PROXIES as the settings keep it: "" is 0 (no proxy), "2" is 2 proxies in front, and
    "10.0.0.1, 10.1.0.0/16" the networks whose X-Forwarded-For is believed."""
    value = value.strip()
    if not value:
        return 0
    if value.isdecimal():
        return int(value)
    try:
        return tuple(ipaddress.ip_network(item.strip()) for item in value.split(","))
    except ValueError as error:
        raise ImproperlyConfigured(
            f"TRUSTED_PROXIES must be empty, a number of proxies, or comma-separated proxy addresses"
            f" or networks such as 10.0.0.1,10.1.0.0/16; {value!r} is not: {error}"
        ) from None


def client_address(remote_addr: str | None, forwarded_for: str, trusted: int | Networks) -> str | None:
    """The client of a request that came from remote_addr with this X-Forwarded-For header.

    Walks from the nearest hop (remote_addr) leftwards along the chain for as long as the hop at
    hand is a trusted proxy: the first N hops when trusted is a count, hops inside the networks
    otherwise. Each proxy appends its peer on the right, so everything left of the first untrusted
    hop is the client's own say and is never believed. A hop that is not an address stops the walk
    at the proxy that reported it, so that no proxy's junk is ever taken for a client.
    """
    chain = [hop.strip() for hop in reversed(forwarded_for.split(","))] if trusted and forwarded_for else []
    client = remote_addr
    for nearer, hop in enumerate(chain):
        if not (is_proxy(client, nearer, trusted) and is_address(hop)):
            break
        client = hop
    return client


def is_proxy(address: str | None, nearer: int, trusted: int | Networks) -> bool:
    """Whether the hop at this address, with `nearer` hops between it and this server, is a trusted proxy."""
    if isinstance(trusted, int):
        return nearer < trusted
    return is_address(address) and any(ipaddress.ip_address(address) in network for network in trusted)


def is_address(text: str | None) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def client_ip(request) -> str | None:
    """The real client address of a Django or DRF request; AXES_CLIENT_IP_CALLABLE names it."""
    meta = request.META
    return client_address(meta.get("REMOTE_ADDR"), meta.get("HTTP_X_FORWARDED_FOR", ""), settings.TRUSTED_PROXIES)


class ClientAddressFilter(logging.Filter):
    """Gives every log record a %(client)s: its request's real client address, "-" without one."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        # django.server puts a socket under "request"; only an HTTP request has META.
        record.client = client_ip(request) if hasattr(request, "META") else "-"
        return True
