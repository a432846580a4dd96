"""Bad parameters: a 400 (or DRF's 404 for a page) with a JSON body naming the parameter, never a 500."""

import pytest

from api.filters import PassageFilter

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_seed")]

BAD_PARAMETERS = [
    ("/api/timeline/", {"year": "abc"}, "year"),
    ("/api/timeline/", {"year": "0"}, "year"),
    ("/api/timeline/", {"year": "1992.5"}, "year"),
    ("/api/timeline/", {"year": "9" * 30}, "year"),
    ("/api/timeline/", {"year_from": "0"}, "year_from"),
    ("/api/timeline/", {"year_to": "x"}, "year_to"),
    ("/api/timeline/", {"year_from": "1995", "year_to": "1990"}, "year_from"),
    ("/api/timeline/timelinejs/", {"year_from": "1995", "year_to": "1990"}, "year_from"),
    ("/api/timeline/", {"century": "0"}, "century"),
    ("/api/timeline/", {"century": "XVII"}, "century"),
    ("/api/timeline/", {"ordering": "headline"}, "ordering"),
    ("/api/timeline/", {"ordering": "start,"}, "ordering"),
    ("/api/timeline/", {"ordering": ","}, "ordering"),
    ("/api/timeline/", {"precision": "week"}, "precision"),
    ("/api/timeline/", {"basis": "guessed"}, "basis"),
    ("/api/timeline/", {"author": "-1"}, "author"),
    ("/api/timeline/timelinejs/", {"century": "0"}, "century"),
    ("/api/timeline/", {"page_size": "500"}, "page_size"),
    ("/api/timeline/", {"page_size": "0"}, "page_size"),
    ("/api/timeline/", {"page_size": "ten"}, "page_size"),
    ("/api/timeline/", {"page_size": "1" * 5000}, "page_size"),
    ("/api/timeline/", {"script": "arab"}, "script"),
    ("/api/passages/", {"changed_since": "yesterday"}, "changed_since"),
    ("/api/passages/", {"status": "final"}, "status"),
    ("/api/passages/", {"cites": "[3]"}, "cites"),
    ("/api/passages/", {"thesis": "1" * 30}, "thesis"),
    ("/api/passages/", {"thesis": "1.0"}, "thesis"),
    ("/api/timeline/", {"year": " 1992"}, "year"),
    ("/api/passages/", {"q": "қ" * 201}, "q"),
    ("/api/sources/", {"cited": "maybe"}, "cited"),
    ("/api/sources/", {"cited": "50%"}, "cited"),
    ("/api/sources/", {"number": "three"}, "number"),
    ("/api/authors/", {"group": "german"}, "group"),
    ("/api/authors/", {"role": "editor"}, "role"),
    ("/api/sections/", {"kind": "preface"}, "kind"),
    ("/api/sections/", {"parent": "top"}, "parent"),
    ("/api/theses/", {"script": "LATN"}, "script"),
]


@pytest.mark.parametrize(("url", "params", "parameter"), BAD_PARAMETERS)
def test_a_bad_parameter_is_a_400_naming_it(client, seed_thesis, url, params, parameter):
    response = client.get(url, params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert parameter in body
    assert all(isinstance(message, str) and message for message in body[parameter])


@pytest.mark.parametrize("page", ["99", "0", "abc", "-1"])
def test_a_page_out_of_range_is_a_json_404(client, seed_thesis, page):
    response = client.get("/api/passages/", {"page": page})
    assert response.status_code == 404
    assert "Invalid page" in response.json()["detail"]


def test_the_last_page_and_the_largest_page_size_are_fine(client, seed_thesis):
    assert client.get("/api/passages/", {"page": "last", "page_size": 5}).json()["results"][0]["order"] == 10
    assert len(client.get("/api/passages/", {"page_size": 200}).json()["results"]) == 11


def test_unknown_records_are_json_404s(client, seed_thesis):
    for url in (
        "/api/passages/999999/",
        "/api/passages/abc/",
        "/api/passages/1.5/",
        f"/api/passages/{2**63}/",
        f"/api/passages/{'9' * 30}/",
        "/api/passages/999999/history/",
        "/api/authors/0/",
        f"/api/theses/{'9' * 30}/",
        "/api/theses/-1/sources.csl.json",
        "/api/theses/1.5/text/",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "detail" in response.json()


def test_a_text_parameter_error_is_json(client, seed_thesis):
    response = client.get(f"/api/theses/{seed_thesis.pk}/text/", {"script": "latin"}, HTTP_ACCEPT="text/plain")
    assert response.status_code == 400
    assert "script" in response.content.decode()


def test_unknown_parameters_are_ignored(client, seed_thesis):
    assert client.get("/api/passages/", {"colour": "blue"}).json()["count"] == 11


def test_empty_parameters_count_as_absent(client, seed_thesis):
    empty = {"thesis": "", "status": "", "changed_since": "", "q": "", "script": "", "page": "", "page_size": ""}
    assert client.get("/api/passages/", empty).json()["count"] == 11
    assert client.get("/api/timeline/", {"year": "", "ordering": "", "century": ""}).json()["count"] == 11


def test_a_filtersets_form_class_is_made_once_and_its_errors_still_follow_the_language(client, seed_thesis):
    assert PassageFilter(data={}).get_form_class() is PassageFilter(data={}).get_form_class()
    english = client.get("/api/passages/", {"thesis": "x"}, HTTP_ACCEPT_LANGUAGE="en").json()
    kazakh = client.get("/api/passages/", {"thesis": "x"}, HTTP_ACCEPT_LANGUAGE="kk").json()
    assert english != kazakh
