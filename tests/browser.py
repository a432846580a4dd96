"""Headless Chromium through Playwright, for the browser tests: Debian's chromium, never a download."""

import os
import shutil

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


def sync_playwright():
    """Playwright's sync API, or a skip (a failure on CI) saying loudly what is missing."""
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        skip_or_fail(f"BROWSER TEST: {CHROMIUM} is missing: install Debian's chromium package")
    try:
        from playwright.sync_api import sync_playwright as start
    except ImportError:
        skip_or_fail("BROWSER TEST: the playwright package is missing: pip install -r requirements-dev.txt")
    return start()


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
