"""A whole OAI-PMH harvest of the archive, made with the oaipmh library's client inside Django: every
thesis must come exactly once, in oai_dc and in tei, and the time each harvest takes is printed.

With the database in DATABASE_URL, and a corpus in it (manage.py generate_corpus):
    python bench/oai_harvest.py     prints {"theses": …, "oai_dc": {…}, "tei": {…}}
"""

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402
from oaipmh.client import BaseClient  # noqa: E402
from oaipmh.metadata import MetadataRegistry, oai_dc_reader  # noqa: E402

from thesis.models import Thesis  # noqa: E402


class InProcessClient(BaseClient):
    """The oaipmh client, its requests posted to Django's test client."""

    def __init__(self):
        registry = MetadataRegistry()
        registry.registerReader("oai_dc", oai_dc_reader)
        registry.registerReader("tei", lambda element: element[0])
        super().__init__(registry)
        self.client, self.requests = Client(), 0

    def makeRequest(self, **kw):
        self.requests += 1
        return self.client.post("/oai/", kw).content


def harvest(prefix: str, expected: list[str]) -> dict:
    client = InProcessClient()
    started = time.perf_counter()
    identifiers = [header.identifier() for header, _, _ in client.listRecords(metadataPrefix=prefix)]
    seconds = time.perf_counter() - started
    if identifiers != expected:
        distinct = len(set(identifiers))
        raise SystemExit(f"{prefix}: {len(identifiers)} records, {distinct} distinct, not every thesis once")
    return {"records": len(identifiers), "pages": client.requests, "seconds": round(seconds, 2)}


def main():
    settings.ALLOWED_HOSTS = ["testserver"]
    expected = [f"oai:testserver:thesis/{pk}" for pk in Thesis.objects.order_by("pk").values_list("pk", flat=True)]
    print(json.dumps({"theses": len(expected), **{prefix: harvest(prefix, expected) for prefix in ("oai_dc", "tei")}}))


if __name__ == "__main__":
    main()
