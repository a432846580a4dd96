"""The real client address: X-Forwarded-For believed only as far as TRUSTED_PROXIES says, and given to the logs."""

import logging
import socket

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from hypothesis import given
from hypothesis import strategies as st

from project.clients import ClientAddressFilter, client_address, client_ip, parse_trusted_proxies

PROXY = "10.0.0.5"
BEHIND_PROXY = parse_trusted_proxies(PROXY)


def test_without_a_proxy_forwarded_for_is_ignored():
    assert client_address("198.51.100.1", "203.0.113.9", 0) == "198.51.100.1"
    assert client_address("198.51.100.1", "203.0.113.9, 10.0.0.5", 0) == "198.51.100.1"


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "client"),
    [
        (1, "198.51.100.1", "198.51.100.1"),
        (1, "203.0.113.9, 198.51.100.1", "198.51.100.1"),
        (2, "203.0.113.9, 198.51.100.1, 10.0.0.9", "198.51.100.1"),
        # Fewer hops than proxies: the farthest there is, as DRF's NUM_PROXIES takes it.
        (2, "198.51.100.1", "198.51.100.1"),
        (1, "", PROXY),
    ],
)
def test_a_count_of_proxies_takes_that_many_hops_from_the_right(proxies, forwarded_for, client):
    assert client_address(PROXY, forwarded_for, proxies) == client


def test_forwarded_for_is_believed_only_from_a_listed_proxy():
    assert client_address(PROXY, "198.51.100.1", BEHIND_PROXY) == "198.51.100.1"
    assert client_address("198.51.100.7", "198.51.100.1", BEHIND_PROXY) == "198.51.100.7"


def test_the_walk_passes_every_trusted_hop_and_stops_at_the_first_other():
    trusted = parse_trusted_proxies("10.0.0.5, 10.1.0.0/16")
    assert client_address(PROXY, "203.0.113.9, 198.51.100.1, 10.1.2.3", trusted) == "198.51.100.1"
    # Every hop a proxy of ours: the farthest is the client.
    assert client_address(PROXY, "10.1.0.1, 10.1.2.3", trusted) == "10.1.0.1"


def test_ipv6_proxies_and_clients():
    trusted = parse_trusted_proxies("2001:db8::/32")
    assert client_address("2001:db8::5", "2001:db8:1::1, 2a00:1450::1", trusted) == "2a00:1450::1"


@pytest.mark.parametrize("trusted", [1, BEHIND_PROXY])
def test_a_hop_that_is_not_an_address_stops_at_the_proxy_that_reported_it(trusted):
    assert client_address(PROXY, "unknown", trusted) == PROXY
    assert client_address(PROXY, "198.51.100.1:4711", trusted) == PROXY


forged_hops = st.lists(st.text(alphabet=st.characters(exclude_characters=","), max_size=20), max_size=5)


@given(forged=forged_hops)
@pytest.mark.parametrize("trusted", [1, BEHIND_PROXY])
def test_whatever_a_client_prepends_it_is_still_itself(trusted, forged):
    forwarded_for = ", ".join([*forged, "198.51.100.1"])
    assert client_address(PROXY, forwarded_for, trusted) == "198.51.100.1"


@given(forged=forged_hops)
def test_without_a_proxy_nothing_a_client_sends_moves_it(forged):
    assert client_address("198.51.100.1", ",".join(forged), 0) == "198.51.100.1"


@pytest.mark.parametrize(
    ("value", "parsed"),
    [
        ("", 0),
        ("  ", 0),
        ("0", 0),
        ("2", 2),
        ("10.0.0.5", (parse_trusted_proxies("10.0.0.5/32")[0],)),
        (" 10.0.0.5 , fd00::/8", parse_trusted_proxies("10.0.0.5,fd00::/8")),
    ],
)
def test_trusted_proxies_forms(value, parsed):
    assert parse_trusted_proxies(value) == parsed


@pytest.mark.parametrize("value", ["two", "-1", "1.5", "10.0.0.5,", "10.0.0.1/8", "2, 10.0.0.5", "10.0.0.300"])
def test_a_malformed_trusted_proxies_is_refused_by_name(value):
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXIES") as refused:
        parse_trusted_proxies(value)
    assert repr(value.strip()) in str(refused.value)


def test_client_ip_reads_the_setting(settings):
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.1")
    settings.TRUSTED_PROXIES = 0
    assert client_ip(request) == PROXY
    settings.TRUSTED_PROXIES = BEHIND_PROXY
    assert client_ip(request) == "198.51.100.1"


def test_log_records_carry_the_client_address(settings):
    settings.TRUSTED_PROXIES = 1
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.1")
    records = [logging.makeLogRecord({"request": request}), logging.makeLogRecord({})]
    with socket.socket() as server_socket:
        # django.server logs its socket under "request".
        records.append(logging.makeLogRecord({"request": server_socket}))
        assert all(ClientAddressFilter().filter(record) for record in records)
    assert [record.client for record in records] == ["198.51.100.1", "-", "-"]
