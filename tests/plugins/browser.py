"""Debian's Chromium through Playwright, launched once for every browser test, and screenshots."""

import os
from pathlib import Path

import pytest

from tests.support.browser import ARGS, CHROMIUM


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the session (a launch costs seconds); each test opens its own context."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"no Chromium at {CHROMIUM} (install Debian's: apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def screenshot():
    """`screenshot(page, name)`: a full-page PNG in $CONSOLE_SCREENSHOTS for a person to look at, if set."""
    shots = os.environ.get("CONSOLE_SCREENSHOTS")

    def take(page, name):
        if shots:
            Path(shots).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(shots) / f"{name}.png"), full_page=True)

    return take


@pytest.fixture
def browser_context(chromium):
    """`browser_context(**options)`: a new context (its own cookies and tabs), closed after the test so no
    page of it keeps polling a server that is gone."""
    opened = []

    def open_context(**options):
        context = chromium.new_context(**options)
        opened.append(context)
        return context

    yield open_context
    for context in opened:
        context.close()
