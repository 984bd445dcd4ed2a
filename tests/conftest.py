"""Shared fixtures: Debian's Chromium through Playwright, never a downloaded browser."""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = os.environ.get("KEPU_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM):
        return
    if os.environ.get("CI"):
        # CI must never skip browser tests silently: .ci/run installs Chromium.
        raise pytest.UsageError(f"CI=true but Chromium is missing at {CHROMIUM}")
    skip = pytest.mark.skip(reason="Debian's Chromium is not installed (apt-get install -y chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def chromium():
    """A headless Chromium browser (Playwright driving /usr/bin/chromium)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(locale="zh-CN")
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()
