"""The archive as an OAI-PMH repository, answered through oaipmh's server: its verbs read the harvest
service, its records map to Dublin Core or to the TEI edition's header, and its lists page by thesis id."""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.urls import reverse
from django.utils import translation
from oaipmh import common, error, metadata

from thesis.editions import tei as tei_edition
from thesis.editions.tei.xml import TEI_NS
from thesis.models import Thesis

from . import dublin_core, records, tokens

TEI_SCHEMA = "https://tei-c.org/release/xml/tei/custom/schema/xsd/tei_all.xsd"
FORMATS = {
    "oai_dc": (dublin_core.OAI_DC_SCHEMA, dublin_core.OAI_DC_NS),
    "tei": (TEI_SCHEMA, TEI_NS),
}
GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"
# A thesis's deletion is kept in its history, but history can be pruned and the synthetic corpus is
# cleared without any: the archive promises no lasting record of deletions.
DELETED_RECORD = "transient"
# Before any thesis: the earliest datestamp of an empty archive.
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
LONGEST_ID = 18


@dataclass(frozen=True)
class Config:
    """How the repository names itself, where it is, and how many records a page holds."""

    name: str
    base_url: str
    admin_email: str
    namespace: str
    site_root: str
    page_size: int
    rights: str


class Identity(common.Identify):
    """Identify's answer, reading the earliest datestamp only when a response shows it: oaipmh asks for
    the base URL of every response."""

    def earliestDatestamp(self):
        return naive_utc(records.earliest_datestamp() or EPOCH)


class Repository(common.ResumptionOAIPMH):
    """The verbs, as oaipmh's server calls them: lists return a page and the token of the next."""

    def __init__(self, config: Config):
        self.config = config

    def handleVerb(self, verb, kw):
        handlers = {
            "Identify": self.identify_repository,
            "ListMetadataFormats": self.metadata_formats,
            "ListSets": self.sets,
            "GetRecord": self.record,
            "ListIdentifiers": self.headers_page,
            "ListRecords": self.records_page,
        }
        return handlers[verb](**kw)

    def identify_repository(self):
        config = self.config
        return Identity(
            config.name,
            config.base_url,
            "2.0",
            [config.admin_email],
            None,
            DELETED_RECORD,
            GRANULARITY,
            ["identity"],
            toolkit_description=False,
        )

    def metadata_formats(self, identifier=None):
        if identifier is not None and self.entry(identifier).deleted:
            raise error.NoMetadataFormatsError(f"{identifier} was deleted: it has no metadata.")
        return [(prefix, schema, namespace) for prefix, (schema, namespace) in FORMATS.items()]

    def sets(self, resumptionToken=None):
        if resumptionToken is not None:
            raise error.BadResumptionTokenError("The list of sets is never split.")
        return [(kind.value, _english(kind.label), None) for kind in Thesis.Kind], None

    def record(self, metadataPrefix, identifier):
        checked_format(metadataPrefix)
        found = self.entry(identifier)
        return self.records([found], metadataPrefix)[0]

    def headers_page(self, **kw):
        entries, token, _ = self.page(kw)
        return [self.header(entry) for entry in entries], token

    def records_page(self, **kw):
        entries, token, prefix = self.page(kw)
        return self.records(entries, prefix), token

    def page(self, kw) -> tuple[list, str | None, str]:
        """A page of the list `kw` asks for (by its arguments, or by a token), the next page's token
        (None on a first page that is the whole list, empty on the last page of a resumed one) and
        the list's metadata format."""
        resumed = "resumptionToken" in kw
        if resumed:
            resumption = tokens.decode(kw["resumptionToken"])
            arguments, after = resumption.arguments, resumption.after
        else:
            arguments, after = kw, 0
        prefix = checked_format(arguments["metadataPrefix"])
        size = self.config.page_size
        # One more than a page, to know whether another follows.
        entries = records.page(window_of(arguments), after, size + 1)
        if not entries and not resumed:
            raise error.NoRecordsMatchError("No record matches these arguments.")
        if len(entries) > size:
            return entries[:size], tokens.encode(arguments, entries[size - 1].id), prefix
        return entries, "" if resumed else None, prefix

    def entry(self, identifier: str) -> records.Entry:
        prefix = f"oai:{self.config.namespace}:thesis/"
        number = identifier.removeprefix(prefix)
        valid = identifier.startswith(prefix) and number.isascii() and number.isdigit()
        found = records.entry(int(number)) if valid and len(number) <= LONGEST_ID else None
        if found is None:
            raise error.IdDoesNotExistError(f"No record {identifier} in this repository.")
        return found

    def identifier(self, thesis_id: int) -> str:
        return f"oai:{self.config.namespace}:thesis/{thesis_id}"

    def header(self, entry: records.Entry) -> common.Header:
        return common.Header(None, self.identifier(entry.id), naive_utc(entry.datestamp), [entry.kind], entry.deleted)

    def records(self, entries: list, prefix: str) -> list[tuple]:
        """(header, metadata, about) of each entry, the metadata read for all of them at once."""
        live = [entry.thesis for entry in entries if not entry.deleted]
        described = self.teis(live) if prefix == "tei" else self.dublin_cores(live)
        return [(self.header(entry), described.get(entry.id), None) for entry in entries]

    def teis(self, theses: list) -> dict:
        headers = tei_edition.headers(theses, self.config.site_root)
        return {thesis_id: common.Metadata(element, {}) for thesis_id, element in headers.items()}

    def dublin_cores(self, theses: list) -> dict:
        name, rights = self.config.name, self.config.rights
        described = {thesis.pk: dublin_core.elements(thesis, self.links(thesis.pk), name, rights) for thesis in theses}
        return {thesis_id: common.Metadata(None, {"elements": found}) for thesis_id, found in described.items()}

    def links(self, thesis_id: int) -> dublin_core.Links:
        root = self.config.site_root.rstrip("/")
        kwargs = {"pk": thesis_id}
        return dublin_core.Links(
            reading=root + reverse("reading:thesis", kwargs=kwargs),
            api=root + reverse("api:thesis-detail", kwargs=kwargs),
            tei=root + reverse("api:thesis-tei", kwargs=kwargs),
            text=root + reverse("api:thesis-text", kwargs=kwargs),
        )


def checked_format(prefix: str) -> str:
    if prefix not in FORMATS:
        raise error.CannotDisseminateFormatError(f"Unknown metadataPrefix {prefix!r}: use one of {', '.join(FORMATS)}.")
    return prefix


def window_of(arguments: dict) -> records.Window:
    """The theses a list's arguments ask for; a set the archive lacks matches none."""
    kind = arguments.get("set")
    if kind is not None and kind not in Thesis.Kind.values:
        raise error.NoRecordsMatchError(f"No set {kind!r}: the sets are {', '.join(Thesis.Kind.values)}.")
    since, until = (aware_utc(arguments.get(name)) for name in ("from_", "until"))
    return records.Window(kind, since, until)


def naive_utc(moment: datetime) -> datetime:
    """A moment as oaipmh writes it: in UTC, without a time zone."""
    return moment.astimezone(UTC).replace(tzinfo=None)


def aware_utc(moment: datetime | None) -> datetime | None:
    """A moment oaipmh read from a request (UTC, without a time zone), with its zone."""
    return None if moment is None else moment.replace(tzinfo=UTC)


def _english(label) -> str:
    with translation.override("en"):
        return str(label)


def write_tei(parent, described: common.Metadata) -> None:
    parent.append(described.element())


def write_dublin_core(parent, described: common.Metadata) -> None:
    dublin_core.write(parent, described.getMap()["elements"])


def registry() -> metadata.MetadataRegistry:
    """The writers of the metadata formats, for oaipmh's server."""
    writers = metadata.MetadataRegistry()
    writers.registerWriter("oai_dc", write_dublin_core)
    writers.registerWriter("tei", write_tei)
    return writers
