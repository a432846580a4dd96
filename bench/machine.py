"""The machine and the versions a result was measured with."""

import os
import platform
import sqlite3
import subprocess
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path


def describe() -> dict:
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "memory_gib": round(_meminfo_kib("MemTotal") / 1024**2, 1),
        "cpu": _cpu_model(),
        "kernel": platform.release(),
    }


def versions(postgres: str | None) -> dict:
    return {
        "python": platform.python_version(),
        "django": _package("Django"),
        "djangorestframework": _package("djangorestframework"),
        "gunicorn": _package("gunicorn"),
        "datasette": _package("datasette"),
        "sqlite": sqlite3.sqlite_version,
        "postgresql": postgres,
        "wrk": _wrk_version(),
    }


def _meminfo_kib(field: str) -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    return 0


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _package(name: str) -> str | None:
    try:
        return version(name)
    except PackageNotFoundError:
        return None


def _wrk_version() -> str | None:
    try:
        output = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout
    except OSError:
        return None
    return output.split("Copyright")[0].strip() or None
