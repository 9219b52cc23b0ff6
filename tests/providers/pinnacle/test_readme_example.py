"""The README's Pinnacle example runs as written against a live sandbox."""

from pathlib import Path

import pytest

from mockserver.settings import Settings

README = (Path(__file__).resolve().parents[3] / "README.md").read_text()


def example() -> str:
    section = README[README.index("## Pinnacle toll-free campaigns") :]
    start = section.index("```python\n") + len("```python\n")
    return section[start : section.index("```\n", start)]


@pytest.fixture
def settings() -> Settings:
    """The defaults of ``mockserver serve``, timings included: the README runs against it."""
    return Settings(store=":memory:", random_seed=7)


def test_the_readme_example_runs_from_brand_to_sent_message(live_url, capsys):
    code = example().replace('"http://127.0.0.1:8080"', repr(live_url))
    assert repr(live_url) in code
    exec(compile(code, "README.md (Pinnacle example)", "exec"), {})
    printed = capsys.readouterr().out
    assert "IN_PROGRESS" in printed
    assert "msg_" in printed and "gsm7" in printed
