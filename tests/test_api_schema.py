"""The OpenAPI schema (api/schema.py) as client generators read it: anonymous operations that ask for
no credentials, and the TEI documents described as responses."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def openapi(client):
    return client.get("/api/schema/", {"format": "json"}).json()


def operations(openapi):
    for path, methods in openapi["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path}", operation


def test_anonymous_operations_declare_no_security(openapi):
    # [{}] names no scheme, yet generators read a security list as a demand for credentials.
    assert [name for name, operation in operations(openapi) if "security" in operation] == []
    assert "security" not in openapi and "securitySchemes" not in openapi.get("components", {})


@pytest.mark.parametrize("path", ["/api/theses/{id}/tei.xml", "/api/dts/document/"])
def test_the_tei_document_is_described_as_a_response(openapi, path):
    ok = openapi["paths"][path]["get"]["responses"]["200"]
    assert ok["description"].strip()
    assert ok["content"]["application/tei+xml"]["schema"] == {
        "type": "string",
        "format": "binary",
        "description": "A TEI P5 XML document, valid against tei_all.",
    }
