"""Citations a reader of the repository can follow: no private sources, no missing docs."""

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# A workshop folder beside the repository and numbered source documents are not part of it;
# the facts they held live in docs/reference/ with their public sources.
PRIVATE = re.compile(r"shared[/]|[Ss]eeds? 0\d\d")
# A path from the repository's root (another repository's ".../docs/README.md" is not one).
DOC_PATH = re.compile(r"(?<![\w/])docs/[\w./-]*\.md\b")


def tracked_files() -> list[Path]:
    try:
        out = subprocess.run(
            ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    return [ROOT / name for name in out.decode().split("\0") if name]


def text_of(path: Path) -> str | None:
    try:
        data = path.read_bytes()
    except OSError:  # deleted in the work tree, or not a file
        return None
    if b"\0" in data[:8192]:
        return None
    return data.decode("utf-8", errors="replace")


def test_no_tracked_file_cites_a_private_source():
    bad = []
    for path in tracked_files():
        text = text_of(path)
        if text is None:
            continue
        for number, line in enumerate(text.splitlines(), 1):
            if PRIVATE.search(line):
                bad.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not bad, "cite docs/reference/ instead:\n" + "\n".join(bad)


def test_every_cited_doc_exists():
    sources = [ROOT / "README.md", *(ROOT / "docs").rglob("*.md")]
    sources += (ROOT / "mockserver").rglob("*.py")
    sources += (ROOT / "tests").rglob("*.py")
    missing = sorted(
        f"{source.relative_to(ROOT)}: {cited}"
        for source in sources
        for cited in set(DOC_PATH.findall(source.read_text(encoding="utf-8")))
        if not (ROOT / cited).is_file()
    )
    assert not missing, "cited but missing:\n" + "\n".join(missing)
