"""GET /api/theses/{id}/tei.xml: the TEI edition over HTTP, with an ETag, 304s, JSON 404s and fixed queries."""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import etree

from thesis.editions.tei import current_reading
from thesis.editorial import editing
from thesis.models import Passage, Section

from .conftest import assert_valid_tei

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_seed")]


def url(thesis_id) -> str:
    return f"/api/theses/{thesis_id}/tei.xml"


def test_the_edition_is_tei_xml(client, seed_thesis, tei_schema):
    response = client.get(url(seed_thesis.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/tei+xml; charset=utf-8"
    tree = etree.ElementTree(etree.fromstring(response.content))
    assert_valid_tei(tei_schema, tree)
    assert set(current_reading(tree).values()) == set(seed_thesis.passages.values_list("text", flat=True))


def test_the_edition_names_its_absolute_address(client, seed_thesis):
    tree = etree.fromstring(client.get(url(seed_thesis.pk)).content)
    idno = tree.find(".//{*}publicationStmt/{*}idno")
    assert idno.text == f"http://testserver/api/theses/{seed_thesis.pk}/tei.xml"


def test_a_client_asking_for_tei_gets_it(client, seed_thesis):
    response = client.get(url(seed_thesis.pk), HTTP_ACCEPT="application/tei+xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/tei+xml")


def test_an_etag_gives_a_304_until_an_edit_changes_it(client, seed_thesis):
    first = client.get(url(seed_thesis.pk))
    etag = first["ETag"]
    assert client.get(url(seed_thesis.pk), HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(url(seed_thesis.pk), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    editor = User.objects.create_user("aigul", password="unused-password-1")
    passage = seed_thesis.passages.get(order=0)
    text = passage.text.replace("ерекше", "ерекшелігі", 1)
    editing.save_passage(passage.pk, text=text, expected_version=passage.version, user=editor, reason="Word form")
    changed = client.get(url(seed_thesis.pk), HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert "ерекшелігі".encode() in changed.content


@pytest.mark.parametrize("thesis_id", ["987654321", "-1", "1.5", "abc"])
@pytest.mark.parametrize("accept", ["*/*", "application/tei+xml"])
def test_an_unknown_thesis_is_a_json_404(client, seed_thesis, thesis_id, accept):
    response = client.get(url(thesis_id), HTTP_ACCEPT=accept)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()


def test_the_edition_takes_as_many_queries_for_a_larger_thesis(client, seed_thesis):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url(seed_thesis.pk)).status_code == 200
        return len(captured)

    before = queries()
    section = seed_thesis.sections.get(number="1.1")
    for n in range(15):
        extra = Section.objects.create(
            thesis=seed_thesis,
            parent=section,
            kind="subsection",
            title=f"Б{n}",
            order=100 + n,
            span_start=0,
            span_end=0,
        )
        Passage.objects.create(
            thesis=seed_thesis,
            section=extra,
            order=100 + n,
            original_text="Мәтін\n[3] Н.Ә. Назарбаев 1993 жылы",
            text="Мәтін. [3] Н.Ә. Назарбаев 1993 жылы",
            span_start=0,
            span_end=0,
        )
    assert queries() == before


def test_the_schema_documents_the_edition(client):
    operation = client.get("/api/schema/", {"format": "json"}).json()["paths"]["/api/theses/{id}/tei.xml"]["get"]
    assert "application/tei+xml" in operation["responses"]["200"]["content"]
    assert operation["operationId"] == "theses_tei"


def test_a_client_accepting_only_json_is_told_in_json(client, seed_thesis):
    response = client.get(url(seed_thesis.pk), HTTP_ACCEPT="application/json")
    assert response.status_code == 406
    assert "detail" in response.json()


def test_options_describe_the_edition_in_json(client, seed_thesis):
    response = client.options(url(seed_thesis.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "GET" in response["Allow"]
