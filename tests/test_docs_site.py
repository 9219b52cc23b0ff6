"""The docs site (mkdocs.yml, docs/) builds with ``mkdocs build --strict``: every page is in
the nav, every link and anchor between pages leads somewhere."""

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_the_docs_site_builds_strictly(tmp_path):
    for module in ("mkdocs", "material"):
        if importlib.util.find_spec(module) is None:
            pytest.skip(
                f"{module} is not installed: pip install -e '.[docs]' brings the docs tools"
            )
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "index.html").is_file()
    assert (tmp_path / "reference" / "platform-setups" / "index.html").is_file()


def test_the_pages_code_cites_stay_where_they_are():
    """Code and tests cite these paths; the site keeps them (mkdocs.yml's nav names them)."""
    nav = (ROOT / "mkdocs.yml").read_text()
    for page in ("architecture.md", "serving.md", "store.md"):
        assert (ROOT / "docs" / page).is_file() and page in nav
    for page in sorted((ROOT / "docs" / "reference").glob("*.md")):
        assert f"reference/{page.name}" in nav
