"""The README's platform webhook verification snippet runs and accepts a real delivery."""

import re
from pathlib import Path

README = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")


def readme_verify():
    snippet = next(
        block for block in re.findall(r"```python\n(.*?)```", README, re.S) if "def verify" in block
    )
    namespace: dict = {}
    exec(compile(snippet, "README.md", "exec"), namespace)  # its own assert runs too
    return namespace["verify"]


def test_the_readme_snippet_verifies_a_real_delivery(api, receiver):
    verify = readme_verify()
    setup = api.new_setup(webhook_url=receiver.url + "/hook")
    number = api.new_number(setup["id"], "+18774440101")
    api.submit(setup=setup["id"], number=number["id"])
    api.advance(seconds=0)
    request = receiver.wait_for(1)[0]
    headers = {name.lower(): value for name, value in request["headers"].items()}
    assert verify(setup["webhook_secret"], headers, request["body"])
    assert not verify(setup["webhook_secret"], headers, request["body"] + " ")


def test_the_readme_documents_every_platform_route(app):
    rules = [
        rule.rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("platform.")
    ]
    assert rules
    for rule in rules:
        documented = re.sub(r"<([^>]+)>", r"{\1}", rule)
        assert documented in README, documented
