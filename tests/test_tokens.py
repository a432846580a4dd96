"""harvest/tokens.py: resumption tokens carry a list's arguments and the last id sent, and nothing else is one."""

from datetime import datetime

import pytest
from oaipmh import error

from harvest.tokens import decode, encode


def test_a_token_gives_back_the_arguments_and_the_last_id():
    arguments = {
        "metadataPrefix": "oai_dc",
        "set": "master",
        "from_": datetime(2024, 1, 2, 3, 4, 5),
        "until": datetime(2025, 1, 1, 23, 59, 59),
    }
    resumed = decode(encode(arguments, 42))
    assert resumed.arguments == arguments
    assert resumed.after == 42


def test_arguments_not_given_are_left_out():
    token = encode({"metadataPrefix": "tei", "set": None}, 7)
    assert token == "metadataPrefix=tei&cursor=7"
    assert decode(token).arguments == {"metadataPrefix": "tei"}


@pytest.mark.parametrize(
    "token",
    [
        "",
        "garbage",
        "metadataPrefix=oai_dc",
        "cursor=3",
        "metadataPrefix=oai_dc&cursor=-3",
        "metadataPrefix=oai_dc&cursor=٣",
        "metadataPrefix=oai_dc&cursor=" + "9" * 19,
        "metadataPrefix=oai_dc&cursor=3&cursor=4",
        "metadataPrefix=oai_dc&cursor=3&verb=ListRecords",
        "metadataPrefix=oai_dc&cursor=3&from_=2024-01-01T00:00",
    ],
)
def test_anything_else_is_a_bad_resumption_token(token):
    with pytest.raises(error.BadResumptionTokenError):
        decode(token)
