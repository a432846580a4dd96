"""oaipmh's OAI-PMH server, with the arguments checked as the protocol says before it reads them."""

import re
import sys

from oaipmh import error, server

from .repository import Repository, registry

# The errors whose response names no argument: the arguments were the error.
UNECHOED = (error.BadVerbError, error.BadArgumentError)
VERBS = ("Identify", "ListMetadataFormats", "ListSets", "ListIdentifiers", "ListRecords", "GetRecord")
# A UTC datestamp to the day or to the second; oaipmh's own reading lets spaces and signs through.
DATESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?", re.ASCII)
# Characters XML 1.0 cannot hold, which an error's message or the echoed request would have to.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class TreeServer(server.XMLTreeServer):
    """oaipmh's XML server, echoing the request's arguments in an error's response unless they were
    the error, as the protocol asks (oaipmh never does)."""

    arguments: dict[str, str] = {}

    def handleException(self, exception):
        tree = super().handleException(exception)
        if not isinstance(exception, UNECHOED):
            tree.find(server.nsoai("request")).attrib.update(self.arguments)
        return tree


class Server(server.ServerBase):
    """Answers a request's arguments (each name with its list of values) with the response's XML."""

    def __init__(self, repository: Repository):
        self._tree_server = TreeServer(repository, registry())

    def handle(self, arguments: dict[str, list[str]]) -> bytes:
        try:
            single = checked_arguments(arguments)
        except error.ErrorBase:
            return self.handleException(arguments, sys.exc_info())
        self._tree_server.arguments = single
        return self.handleRequest(single)


def checked_arguments(arguments: dict[str, list[str]]) -> dict[str, str]:
    """Each argument's one value: badVerb for a verb missing, repeated or unknown (oaipmh also answers
    its own GetMetadata), badArgument for any other argument repeated, holding what XML cannot, or a date
    that is not a datestamp."""
    verbs = arguments.get("verb", [])
    if len(verbs) != 1 or verbs[0] not in VERBS:
        raise error.BadVerbError(f"The verb must be given once, one of {', '.join(VERBS)}.")
    for name, values in arguments.items():
        if len(values) != 1:
            raise error.BadArgumentError(f"The argument {name!r} is repeated.")
        if NOT_XML.search(name + values[0]):
            raise error.BadArgumentError(f"The argument {name!r} holds a character XML cannot: {values[0]!r}.")
    for name in ("from", "until"):
        value = arguments.get(name, [""])[0]
        if name in arguments and not DATESTAMP.fullmatch(value):
            raise error.BadArgumentError(f"{name}={value!r} is not a datestamp (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ).")
    return {name: values[0] for name, values in arguments.items()}
