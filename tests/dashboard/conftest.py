"""Browser fixtures: Debian's headless Chromium driven by Playwright's sync API.

Playwright cannot download a browser of its own here, so it drives the Debian package's
binary. Without playwright or that binary, every test that asks for a browser skips."""

import shutil
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
# --disable-background-networking and friends: with no network but package registries,
# Chromium's own background connections are refused and only slow it down.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 800}
NO_PLAYWRIGHT = "playwright is not installed: pip install -e '.[test]'"
NO_CHROMIUM = "Debian's chromium is not installed: apt-get install chromium"


def find_chromium() -> str | None:
    """Debian's chromium binary, or None when it is not installed."""
    return CHROMIUM if Path(CHROMIUM).is_file() else shutil.which("chromium")


def skip_reason() -> str | None:
    """Why browser tests cannot run here, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return NO_PLAYWRIGHT
    return None if find_chromium() else NO_CHROMIUM


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium for the session (one per xdist worker); skips when unavailable."""
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        launched = playwright.chromium.launch(
            executable_path=find_chromium(), headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()
    finally:
        playwright.stop()


@pytest.fixture
def page(request, browser):
    """A page in a fresh 1280x800 context; parametrize indirectly with "dark" for dark mode."""
    context = browser.new_context(
        viewport=VIEWPORT, color_scheme=getattr(request, "param", "light")
    )
    yield context.new_page()
    context.close()
