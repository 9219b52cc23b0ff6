"""The browser setup works end to end: Chromium loads the live app and takes a screenshot."""

import json
import sys

import pytest

from tests.dashboard import conftest as browser_setup


def test_health_in_a_real_browser(page, live_url, tmp_path):
    page.goto(f"{live_url}/_mock/health")
    assert json.loads(page.locator("pre").first.inner_text())["status"] == "ok"
    shot = tmp_path / "health.png"
    page.screenshot(path=shot)
    assert shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size > 100


@pytest.mark.parametrize("page", ["dark"], indirect=True)
def test_dark_color_scheme(page):
    assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")


def test_skips_with_a_clear_reason_without_chromium(monkeypatch, tmp_path):
    pytest.importorskip("playwright.sync_api")
    monkeypatch.setattr(browser_setup, "CHROMIUM", str(tmp_path / "chromium"))
    monkeypatch.setenv("PATH", str(tmp_path))
    assert browser_setup.skip_reason() == browser_setup.NO_CHROMIUM
    assert "apt-get install chromium" in browser_setup.NO_CHROMIUM


def test_skips_with_a_clear_reason_without_playwright(monkeypatch):
    monkeypatch.setitem(sys.modules, "playwright.sync_api", None)
    assert browser_setup.skip_reason() == browser_setup.NO_PLAYWRIGHT
