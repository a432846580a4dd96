"""Resumption tokens: the arguments of the list a harvest started and the last thesis id it was sent
(as the `cursor` oaipmh's server reads back), so that the next page starts after that id whatever
changed in between."""

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import parse_qsl, urlencode

from oaipmh import error
from oaipmh.datestamp import datestamp_to_datetime, datetime_to_datestamp

# The arguments a list keeps across its pages, as oaipmh names them.
KEPT = ("metadataPrefix", "set", "from_", "until")
DATES = ("from_", "until")
# Ids fit a signed 64-bit column: a longer one is no token of ours.
LONGEST_ID = 18


@dataclass(frozen=True)
class Resumption:
    arguments: dict
    after: int


def encode(arguments: dict, after: int) -> str:
    """The token of the page after thesis `after` of the list asked for with `arguments`."""
    kept = {name: arguments[name] for name in KEPT if arguments.get(name) is not None}
    for name in DATES:
        if name in kept:
            kept[name] = datetime_to_datestamp(kept[name])
    return urlencode({**kept, "cursor": after})


def decode(token: str) -> Resumption:
    """The arguments and last id a token carries; badResumptionToken for anything this module did not write."""
    try:
        pairs = parse_qsl(token, keep_blank_values=True, strict_parsing=True)
    except ValueError:
        raise error.BadResumptionTokenError(f"Unreadable resumptionToken: {token}") from None
    values = dict(pairs)
    after = values.pop("cursor", "")
    if len(values) + 1 != len(pairs) or not set(values) <= set(KEPT) or "metadataPrefix" not in values:
        raise error.BadResumptionTokenError(f"Unreadable resumptionToken: {token}")
    if not (after.isascii() and after.isdigit() and len(after) <= LONGEST_ID):
        raise error.BadResumptionTokenError(f"Unreadable resumptionToken: {token}")
    return Resumption({**values, **_dates(values, token)}, int(after))


def _dates(values: dict, token: str) -> dict[str, datetime]:
    try:
        return {name: datestamp_to_datetime(values[name]) for name in DATES if name in values}
    except error.DatestampError:
        raise error.BadResumptionTokenError(f"Unreadable resumptionToken: {token}") from None
