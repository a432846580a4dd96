"""/oai/: OAI-PMH 2.0 harvested with oaipmh's client, every verb, every error code, paging that survives
edits, deleted records, and a fixed number of queries a page."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import etree
from oaipmh import error
from oaipmh.client import BaseClient
from oaipmh.metadata import MetadataRegistry, oai_dc_reader

from synthetic.corpus import Counts, plan_corpus
from synthetic.store import write_plans
from thesis.editions.tei.records import HEADER_QUERIES
from thesis.models import Passage, SourceDocument, Thesis

from .conftest import assert_valid_tei

pytestmark = pytest.mark.django_db

OAI = "{http://www.openarchives.org/OAI/2.0/}"
DC = "{http://purl.org/dc/elements/1.1/}"
OAI_DC = "{http://www.openarchives.org/OAI/2.0/oai_dc/}"
TEI = "{http://www.tei-c.org/ns/1.0}"
DATESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
THESES = 12
# A page of records, oai_dc: the live theses with their datestamps, the deleted ones.
PAGE_QUERIES = 2


class TestClient(BaseClient):
    """oaipmh's client, its requests posted to Django's test client; `between_pages` runs before every
    request that resumes a list."""

    __test__ = False

    def __init__(self, client, between_pages=None):
        registry = MetadataRegistry()
        registry.registerReader("oai_dc", oai_dc_reader)
        registry.registerReader("tei", lambda element: element[0])
        super().__init__(registry)
        self.client, self.between_pages, self.requests = client, between_pages, []

    def makeRequest(self, **kw):
        if "resumptionToken" in kw and self.between_pages:
            self.between_pages(len(self.requests))
        self.requests.append(kw)
        return self.client.post("/oai/", kw).content


@pytest.fixture
def corpus(plans, vocabulary):
    """A dozen generated theses."""
    counts = Counts(theses=THESES, passages=THESES * 8, events=THESES, sources=THESES * 2, authors=THESES * 2)
    write_plans(list(plan_corpus(vocabulary, 7, counts)))
    return list(Thesis.objects.order_by("pk"))


@pytest.fixture
def small_pages(settings):
    settings.OAI_PAGE_SIZE = 5


def identifier(thesis_id) -> str:
    return f"oai:testserver:thesis/{thesis_id}"


def oai_get(client, **arguments):
    response = client.get("/oai/", arguments)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    return etree.fromstring(response.content)


def error_code(tree) -> str | None:
    found = tree.find(f"{OAI}error")
    return None if found is None else found.get("code")


def deleted_thesis() -> Thesis:
    """A thesis written and deleted again, which its history keeps."""
    document = SourceDocument.objects.create(file_name="gone.txt", sha256="0" * 64, content="", size_bytes=0)
    thesis = Thesis.objects.create(title="Gone", source_document=document, kind=Thesis.Kind.MASTER)
    thesis_id = thesis.pk
    thesis.delete()
    thesis.pk = thesis_id
    return thesis


def test_a_harvest_lists_every_thesis_once_through_the_pages(client, corpus, small_pages):
    harvester = TestClient(client)
    records = list(harvester.listRecords(metadataPrefix="oai_dc"))
    assert [header.identifier() for header, _, _ in records] == [identifier(thesis.pk) for thesis in corpus]
    assert [metadata["title"] for _, metadata, _ in records] == [[thesis.title] for thesis in corpus]
    assert len(harvester.requests) == 3
    headers = list(TestClient(client).listIdentifiers(metadataPrefix="oai_dc"))
    assert [header.identifier() for header in headers] == [identifier(thesis.pk) for thesis in corpus]


def test_edits_between_pages_neither_skip_nor_repeat_a_thesis(client, corpus, small_pages):
    behind, ahead = corpus[1], corpus[-2]

    def edit(requests_made):
        for thesis in (behind, ahead):
            thesis.title = f"{thesis.title} ({requests_made})"
            thesis.save()

    records = list(TestClient(client, between_pages=edit).listRecords(metadataPrefix="oai_dc"))
    harvested = [header.identifier() for header, _, _ in records]
    assert harvested == [identifier(thesis.pk) for thesis in corpus]
    titles = {header.identifier(): metadata["title"][0] for header, metadata, _ in records}
    assert titles[identifier(ahead.pk)] == ahead.title
    # The thesis already harvested comes with the next harvest, from this one's start.
    assert titles[identifier(behind.pk)] != behind.title


def test_a_page_after_an_edit_that_leaves_the_window_goes_on(client, corpus, small_pages):
    """With `until` fixed, an edited thesis leaves the window: it is not sent, and nothing else is lost."""
    until = datetime.now(UTC) + timedelta(seconds=1)
    leaving = corpus[7]

    def edit(requests_made):
        Thesis.objects.filter(pk=leaving.pk).update(created_at=until + timedelta(days=1))

    headers = TestClient(client, between_pages=edit).listIdentifiers(
        metadataPrefix="oai_dc", until=until.replace(tzinfo=None)
    )
    expected = [identifier(thesis.pk) for thesis in corpus if thesis != leaving]
    assert [header.identifier() for header in headers] == expected


def test_a_tei_harvest_gives_each_thesis_its_edition_header(client, corpus, small_pages, tei_schema):
    records = list(TestClient(client).listRecords(metadataPrefix="tei"))
    assert len(records) == THESES
    for (_header, tei_header, _), thesis in zip(records, corpus, strict=True):
        assert tei_header.tag == f"{TEI}teiHeader"
        assert tei_header.findtext(f"{TEI}fileDesc/{TEI}titleStmt/{TEI}title") == thesis.title
        document = etree.fromstring(
            b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>-</p></body></text></TEI>'
        )
        document.insert(0, tei_header)
        assert_valid_tei(tei_schema, etree.ElementTree(document))


def test_the_datestamp_is_the_last_change_to_anything_in_the_thesis(client, corpus):
    edited = corpus[3]
    oldest = max(thesis.created_at for thesis in corpus).replace(microsecond=0)
    later = oldest + timedelta(seconds=5)
    passage = Passage.objects.filter(thesis=edited).first()
    passage.text += " ."
    passage.save()
    Passage.history.filter(id=passage.pk).update(history_date=later)
    harvester = TestClient(client)
    header, _, _ = harvester.getRecord(metadataPrefix="oai_dc", identifier=identifier(edited.pk))
    assert header.datestamp() == later.replace(tzinfo=None)
    # By the second, and by the day.
    since = [
        h.identifier() for h in harvester.listIdentifiers(metadataPrefix="oai_dc", from_=later.replace(tzinfo=None))
    ]
    assert since == [identifier(edited.pk)]
    before = list(harvester.listIdentifiers(metadataPrefix="oai_dc", until=oldest.replace(tzinfo=None)))
    assert identifier(edited.pk) not in [h.identifier() for h in before]
    assert len(before) == THESES - 1
    # Both days, should the five seconds cross midnight.
    days = {"from": oldest.strftime("%Y-%m-%d"), "until": later.strftime("%Y-%m-%d")}
    tree = oai_get(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **days)
    assert len(tree.findall(f".//{OAI}header")) == THESES


def test_a_deleted_thesis_is_listed_as_deleted(client, corpus):
    gone = deleted_thesis()
    harvester = TestClient(client)
    headers = {header.identifier(): header for header in harvester.listIdentifiers(metadataPrefix="oai_dc")}
    assert headers[identifier(gone.pk)].isDeleted()
    assert headers[identifier(gone.pk)].setSpec() == ["master"]
    assert not headers[identifier(corpus[0].pk)].isDeleted()
    header, metadata, _ = harvester.getRecord(metadataPrefix="oai_dc", identifier=identifier(gone.pk))
    assert header.isDeleted() and metadata is None
    with pytest.raises(error.NoMetadataFormatsError):
        harvester.listMetadataFormats(identifier=identifier(gone.pk))


def test_sets_are_the_kinds_of_thesis(client, corpus):
    Thesis.objects.filter(pk=corpus[2].pk).update(kind=Thesis.Kind.DOCTORAL)
    Thesis.objects.filter(pk=corpus[3].pk).update(kind=Thesis.Kind.MASTER)
    Thesis.objects.filter(pk=corpus[4].pk).update(kind=Thesis.Kind.ARTICLE)
    harvester = TestClient(client)
    assert [(spec, name) for spec, name, _ in harvester.listSets()] == [
        ("diploma", "diploma work"),
        ("master", "master's thesis"),
        ("doctoral", "doctoral dissertation"),
        ("article", "article"),
    ]
    for kind in Thesis.Kind.values:
        records = list(harvester.listRecords(metadataPrefix="oai_dc", set=kind))
        expected = Thesis.objects.filter(kind=kind).order_by("pk").values_list("pk", flat=True)
        assert [header.identifier() for header, _, _ in records] == [identifier(pk) for pk in expected]
        assert all(header.setSpec() == [kind] for header, _, _ in records)
    Thesis.objects.filter(kind=Thesis.Kind.MASTER).update(kind=Thesis.Kind.DIPLOMA)
    with pytest.raises(error.NoRecordsMatchError):
        list(harvester.listIdentifiers(metadataPrefix="oai_dc", set="master"))


def test_identify_describes_the_repository(client, corpus, settings):
    identity = TestClient(client).identify()
    assert identity.repositoryName() == "Thesis archive"
    assert identity.baseURL() == "http://testserver/oai/"
    assert identity.protocolVersion() == "2.0"
    assert identity.adminEmails() == ["webmaster@testserver"]
    assert identity.deletedRecord() == "transient"
    assert identity.granularity() == "YYYY-MM-DDThh:mm:ssZ"
    assert identity.earliestDatestamp() <= min(thesis.created_at for thesis in corpus).replace(tzinfo=None)
    settings.OAI_REPOSITORY_ID = "archive.example.org"
    settings.OAI_BASE_URL = "https://archive.example.org/oai/"
    settings.OAI_ADMIN_EMAIL = "oai@example.org"
    settings.OAI_REPOSITORY_NAME = "Kazakh theses"
    identity = TestClient(client).identify()
    assert (identity.repositoryName(), identity.baseURL(), identity.adminEmails()) == (
        "Kazakh theses",
        "https://archive.example.org/oai/",
        ["oai@example.org"],
    )
    tree = oai_get(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert tree.findtext(f".//{OAI}identifier") == f"oai:archive.example.org:thesis/{corpus[0].pk}"


def test_an_empty_archive_identifies_itself(client):
    assert TestClient(client).identify().earliestDatestamp() == datetime(1970, 1, 1)


def test_formats_are_dublin_core_and_tei(client, corpus):
    formats = TestClient(client).listMetadataFormats(identifier=identifier(corpus[0].pk))
    assert formats == [
        ("oai_dc", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd", "http://www.openarchives.org/OAI/2.0/oai_dc/"),
        ("tei", "https://tei-c.org/release/xml/tei/custom/schema/xsd/tei_all.xsd", "http://www.tei-c.org/ns/1.0"),
    ]


def test_a_record_has_the_structure_the_schemas_require(client, corpus):
    """The OAI-PMH and oai_dc XSDs, checked element by element (their files are not at hand offline)."""
    thesis = corpus[0]
    tree = oai_get(client, verb="GetRecord", metadataPrefix="oai_dc", identifier=identifier(thesis.pk))
    assert [child.tag for child in tree] == [f"{OAI}responseDate", f"{OAI}request", f"{OAI}GetRecord"]
    assert DATESTAMP.fullmatch(tree.findtext(f"{OAI}responseDate"))
    assert tree.find(f"{OAI}request").attrib == {
        "verb": "GetRecord",
        "metadataPrefix": "oai_dc",
        "identifier": identifier(thesis.pk),
    }
    (record,) = tree.find(f"{OAI}GetRecord")
    header, metadata = record
    assert [child.tag for child in header] == [f"{OAI}identifier", f"{OAI}datestamp", f"{OAI}setSpec"]
    assert DATESTAMP.fullmatch(header.findtext(f"{OAI}datestamp"))
    (dc,) = metadata
    assert dc.tag == f"{OAI_DC}dc"
    assert dc.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation") == (
        "http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
    )
    names = [child.tag.removeprefix(DC) for child in dc]
    assert all(child.tag.startswith(DC) and len(child) == 0 for child in dc)
    assert names[0] == "title" and {"identifier", "type", "language", "publisher"} <= set(names)
    assert f"http://testserver/theses/{thesis.pk}/" in [child.text for child in dc.findall(f"{DC}identifier")]


def test_the_last_page_of_a_resumed_list_has_an_empty_token(client, corpus, small_pages):
    first = oai_get(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    token = first.findtext(f".//{OAI}resumptionToken")
    second = oai_get(client, verb="ListIdentifiers", resumptionToken=token)
    third = oai_get(client, verb="ListIdentifiers", resumptionToken=second.findtext(f".//{OAI}resumptionToken"))
    assert len(third.findall(f".//{OAI}header")) == THESES - 10
    assert third.find(f".//{OAI}resumptionToken").text is None
    whole = oai_get(client, verb="ListSets")
    assert whole.find(f".//{OAI}resumptionToken") is None


def test_get_and_post_answer_alike(client, corpus):
    arguments = {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": identifier(corpus[0].pk)}
    answers = [client.get("/oai/", arguments), client.post("/oai/", arguments)]
    bodies = [re.sub(rb"<responseDate>.*?</responseDate>", b"", answer.content) for answer in answers]
    assert bodies[0] == bodies[1]
    assert client.put("/oai/", arguments).status_code == 405


TOKEN = "metadataPrefix=oai_dc&cursor=3"
ERRORS = [
    ({}, "badVerb"),
    ({"verb": "Harvest"}, "badVerb"),
    ({"verb": "GetMetadata", "metadataPrefix": "oai_dc", "identifier": "x"}, "badVerb"),
    ({"verb": ["Identify", "Identify"]}, "badVerb"),
    ({"verb": "Identify", "extra": "1"}, "badArgument"),
    ({"verb": "ListRecords"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": ["oai_dc", "oai_dc"]}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-13-01"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": " 2024-01-01"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-01-01T00:00:00"}, "badArgument"),
    (
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-01-01", "until": "2025-01-01T00:00:00Z"},
        "badArgument",
    ),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "resumptionToken": TOKEN}, "badArgument"),
    ({"verb": "GetRecord", "identifier": "oai:testserver:thesis/1"}, "badArgument"),
    ({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:testserver:thesis/1\x01"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "\x0b": "1"}, "badArgument"),
    ({"verb": "ListRecords", "resumptionToken": "garbage"}, "badResumptionToken"),
    ({"verb": "ListRecords", "resumptionToken": "metadataPrefix=oai_dc&cursor=x"}, "badResumptionToken"),
    (
        {"verb": "ListRecords", "resumptionToken": "metadataPrefix=oai_dc&cursor=1&from_=yesterday"},
        "badResumptionToken",
    ),
    ({"verb": "ListRecords", "resumptionToken": "cursor=1"}, "badResumptionToken"),
    ({"verb": "ListRecords", "resumptionToken": "metadataPrefix=oai_dc&cursor=1&cursor=2"}, "badResumptionToken"),
    ({"verb": "ListSets", "resumptionToken": TOKEN}, "badResumptionToken"),
    ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
    ({"verb": "ListIdentifiers", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
    ({"verb": "ListRecords", "resumptionToken": "metadataPrefix=marc21&cursor=1"}, "cannotDisseminateFormat"),
    (
        {"verb": "GetRecord", "metadataPrefix": "marc21", "identifier": "oai:testserver:thesis/1"},
        "cannotDisseminateFormat",
    ),
    ({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:elsewhere:thesis/1"}, "idDoesNotExist"),
    ({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:testserver:thesis/99999"}, "idDoesNotExist"),
    (
        {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:testserver:thesis/" + "9" * 30},
        "idDoesNotExist",
    ),
    ({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:testserver:thesis/-1"}, "idDoesNotExist"),
    ({"verb": "ListMetadataFormats", "identifier": "oai:testserver:thesis/99999"}, "idDoesNotExist"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "bachelor"}, "noRecordsMatch"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2999-01-01"}, "noRecordsMatch"),
    ({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "until": "1999-01-01T00:00:00Z"}, "noRecordsMatch"),
    (
        {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "from": "2024-02-01", "until": "2024-01-01"},
        "noRecordsMatch",
    ),
    ({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "from": "0000-01-01"}, "badArgument"),
    ({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "from": "2024-02-30"}, "badArgument"),
]


def test_the_widest_window_holds_every_thesis(client, corpus):
    tree = oai_get(
        client, verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": "0001-01-01", "until": "9999-12-31"}
    )
    assert len(tree.findall(f".//{OAI}header")) == THESES


@pytest.mark.parametrize(("arguments", "code"), ERRORS)
def test_each_error_has_its_code(client, vocabulary, arguments, code):
    write_plans([next(plan_corpus(vocabulary, 7, Counts(1, 8, 1, 2, 2)))])
    for answer in (client.get("/oai/", arguments), client.post("/oai/", arguments)):
        assert answer.status_code == 200
        tree = etree.fromstring(answer.content)
        assert error_code(tree) == code, answer.content.decode()
        # The protocol's rule: the request's arguments are echoed unless they were the error.
        echoed = {} if code in ("badVerb", "badArgument") else arguments
        assert tree.find(f"{OAI}request").attrib == echoed


def test_a_deleted_record_has_no_metadata_formats(client):
    tree = oai_get(client, verb="ListMetadataFormats", identifier=identifier(deleted_thesis().pk))
    assert error_code(tree) == "noMetadataFormats"


@pytest.mark.parametrize("prefix", ["oai_dc", "tei"])
def test_a_page_costs_the_same_queries_whatever_its_size(client, corpus, settings, prefix):
    deleted_thesis()
    counts = []
    for size in (2, 7):
        settings.OAI_PAGE_SIZE = size
        with CaptureQueriesContext(connection) as queries:
            tree = oai_get(client, verb="ListRecords", metadataPrefix=prefix)
        assert len(tree.findall(f".//{OAI}record")) == size
        counts.append(len(queries))
    expected = PAGE_QUERIES + (HEADER_QUERIES if prefix == "tei" else 0)
    assert counts == [expected, expected]
