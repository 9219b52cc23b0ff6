"""The platform page's webhook verification snippet (docs/platform.md) runs and accepts a real
delivery, and the page documents every platform route."""

import re
from pathlib import Path

PAGE = (Path(__file__).resolve().parents[3] / "docs" / "platform.md").read_text(encoding="utf-8")


def page_verify():
    snippet = next(
        block for block in re.findall(r"```python\n(.*?)```", PAGE, re.S) if "def verify" in block
    )
    namespace: dict = {}
    exec(compile(snippet, "docs/platform.md", "exec"), namespace)  # its own assert runs too
    return namespace["verify"]


def test_the_pages_snippet_verifies_a_real_delivery(api, receiver):
    verify = page_verify()
    setup = api.new_setup(webhook_url=receiver.url + "/hook")
    number = api.new_number(setup["id"], "+18774440101")
    api.submit(setup=setup["id"], number=number["id"])
    api.advance(seconds=0)
    request = receiver.wait_for(1)[0]
    headers = {name.lower(): value for name, value in request["headers"].items()}
    assert verify(setup["webhook_secret"], headers, request["body"])
    assert not verify(setup["webhook_secret"], headers, request["body"] + " ")


def test_the_page_documents_every_platform_route(app):
    rules = [
        rule.rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("platform.")
    ]
    assert rules
    for rule in rules:
        documented = re.sub(r"<([^>]+)>", r"{\1}", rule)
        assert documented in PAGE, documented
