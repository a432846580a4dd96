"""What a page tells reference managers and search engines: Highwire and Dublin Core tags, and JSON-LD
that is safe inside its <script>, built without HTTP."""

import datetime
import json
from dataclasses import replace

from reading.citing import PassageReference, ThesisReference
from reading.metadata import json_ld, meta_tags

THESIS = ThesisReference(
    thesis_id=4,
    title="АҚШ </script><script>alert(1)</script> & саясат",
    kind="master",
    language="kk",
    url="https://archive.example/theses/4/",
    date=datetime.date(2026, 3, 9),
)
PASSAGE = PassageReference(
    thesis=THESIS,
    section="1.4 Кіріспе",
    number=7,
    paragraph="1.4.2",
    version=3,
    url="https://archive.example/theses/4/passages/7/?version=3",
    accessed=datetime.date(2026, 3, 10),
)


def tags(*args) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for tag in meta_tags(*args):
        found.setdefault(tag.name, []).append(tag.content)
    return found


def test_a_thesis_page_carries_highwire_and_dublin_core_without_what_is_unknown():
    found = tags(THESIS)
    assert found["citation_title"] == found["DC.title"] == [THESIS.title]
    assert found["citation_publication_date"] == found["citation_date"] == ["2026/03/09"]
    assert found["DC.date"] == ["2026-03-09"] and found["DC.type"] == ["Thesis"]
    assert found["citation_language"] == found["DC.language"] == ["kk"]
    assert found["citation_public_url"] == found["DC.identifier"] == [THESIS.url]
    assert not {"citation_author", "DC.creator", "citation_dissertation_institution", "DC.publisher"} & set(found)


def test_authors_and_institution_are_named_where_known():
    known = replace(THESIS, authors=("Серікова, Айгүл", "Smith, J."), institution="ҚазҰУ")
    found = tags(known)
    assert found["citation_author"] == found["DC.creator"] == ["Серікова, Айгүл", "Smith, J."]
    assert found["citation_dissertation_institution"] == found["DC.publisher"] == ["ҚазҰУ"]
    assert json.loads(json_ld(known))["sourceOrganization"] == {"@type": "Organization", "name": "ҚазҰУ"}


def test_a_passage_page_points_at_its_version():
    found = tags(THESIS, PASSAGE)
    assert found["citation_public_url"] == found["DC.identifier"] == [PASSAGE.url]
    assert found["citation_title"] == [THESIS.title]


def test_json_ld_makes_the_passage_a_part_of_its_thesis():
    passage = json.loads(json_ld(THESIS, PASSAGE))
    assert passage["@context"] == "https://schema.org" and passage["@type"] == "CreativeWork"
    assert (passage["url"], passage["version"], passage["position"]) == (PASSAGE.url, "3", "1.4.2")
    thesis = passage["isPartOf"]
    assert (thesis["@type"], thesis["@id"], thesis["name"]) == ("Thesis", THESIS.url, THESIS.title)
    assert thesis["inSupportOf"] == "master's thesis" and thesis["datePublished"] == "2026-03-09"


def test_json_ld_cannot_end_its_script():
    for text in (json_ld(THESIS), json_ld(THESIS, PASSAGE)):
        assert "</" not in text and "<" not in text and "&" not in text
        assert json.loads(text)["name"].endswith("</script><script>alert(1)</script> & саясат")
