"""Counts from the reliability tests (fuzzed imports, concurrent saves, schema examples), written to
the file named by RELIABILITY_REPORT so that CI can print what was tried."""

import json
import os


def report(check: str, **counts) -> None:
    path = os.environ.get("RELIABILITY_REPORT")
    if not path:
        return
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps({"check": check, **counts}, ensure_ascii=False) + "\n")
