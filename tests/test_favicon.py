"""The site's icon: served at /favicon.ico, a real icon, from this host (the policy allows nothing else)."""

import struct
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from project.favicon import ICON


@pytest.mark.django_db
def test_favicon_is_served_as_an_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/vnd.microsoft.icon"
    assert "max-age=86400" in response["Cache-Control"]
    reserved, kind, count = struct.unpack("<HHH", response.content[:6])
    assert (reserved, kind) == (0, 1) and count >= 1, "an ICO file's header"
    sizes = [response.content[6 + 16 * i] for i in range(count)]
    assert sizes == [16, 32]
    assert len(response.content) < 2048
    assert response.content == Path(finders.find(ICON)).read_bytes()


@pytest.mark.django_db
def test_favicon_comes_from_this_host_and_takes_only_reads(client):
    assert client.head("/favicon.ico").status_code == 200
    assert client.post("/favicon.ico").status_code == 405
    page = client.get("/api/")
    assert "img-src 'self'" in page["Content-Security-Policy"], "the icon's origin is the pages' own"
