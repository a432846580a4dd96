"""Headless Chromium through Playwright, for the browser tests: Debian's chromium, never a download."""

import os
import shutil
from contextlib import contextmanager

from django.db import connections

from .conftest import skip_or_fail

CHROMIUM = "/usr/bin/chromium"
# The machine's network is closed; without the background-networking flags Chromium keeps
# trying to reach Google's hosts.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def sync_playwright():
    """Playwright's sync API, or a skip (a failure on CI) saying loudly what is missing."""
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        skip_or_fail(f"BROWSER TEST: {CHROMIUM} is missing: install Debian's chromium package")
    try:
        from playwright.sync_api import sync_playwright as start
    except ImportError:
        skip_or_fail("BROWSER TEST: the playwright package is missing: pip install -r requirements-dev.txt")
    # Playwright's event loop gives the ORM other contexts than the test's, and Django's teardown closes
    # only the connections of its own: left open, one keeps PostgreSQL from dropping the test database.
    connections.close_all()
    with start() as playwright:
        try:
            yield playwright
        finally:
            connections.close_all()


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
