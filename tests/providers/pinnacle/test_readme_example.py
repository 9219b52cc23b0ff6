"""The Pinnacle page's example (docs/pinnacle.md) runs as written against a live sandbox."""

from pathlib import Path

import pytest

from mockserver.settings import Settings

PAGE = (Path(__file__).resolve().parents[3] / "docs" / "pinnacle.md").read_text()


def example() -> str:
    start = PAGE.index("```python\n") + len("```python\n")
    return PAGE[start : PAGE.index("```\n", start)]


@pytest.fixture
def settings() -> Settings:
    """The defaults of ``mockserver serve``, timings included: the page runs against it."""
    return Settings(store=":memory:", random_seed=7)


def test_the_pages_example_runs_from_brand_to_sent_message(live_url, capsys):
    code = example().replace('"http://127.0.0.1:8080"', repr(live_url))
    assert repr(live_url) in code
    exec(compile(code, "docs/pinnacle.md (example)", "exec"), {})
    printed = capsys.readouterr().out
    assert "IN_PROGRESS" in printed
    assert "msg_" in printed and "gsm7" in printed
