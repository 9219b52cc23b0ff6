"""The README and the docs site (docs/) document every control endpoint and serve flag, the
README is a landing page whose links lead somewhere and whose snippets run, and the testing
kit's examples pass as a user's tests would."""

import re
from pathlib import Path

import pytest

from mockserver.cli_serve import serve
from mockserver.testing import running_server

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()
DOCS = ROOT / "docs"
# Everything a reader can find: the landing page and every page of the docs site.
DOCUMENTED = "\n".join([README, *(path.read_text() for path in sorted(DOCS.rglob("*.md")))])
TESTING = (DOCS / "testing.md").read_text()
MESSAGING = (DOCS / "messaging.md").read_text()
EXAMPLES = ROOT / "examples"


def _normalise(path: str) -> str:
    return re.sub(r"<[^>]+>|\{[^}]+\}", "{}", path).rstrip("/")


def python_blocks(text: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", text, re.S)


def test_every_control_route_is_documented(app):
    documented = {
        _normalise(path)
        for path in re.findall(r"`(?:GET|POST|DELETE)[^`]*?(/_mock[^`?\s]*)", DOCUMENTED)
    }
    routes = {
        _normalise(rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/_mock/")
    }
    assert routes <= documented, sorted(routes - documented)


def test_every_serve_flag_is_documented():
    flags = {option for param in serve.params for option in (*param.opts, *param.secondary_opts)}
    missing = sorted(flag for flag in flags if f"`{flag}" not in DOCUMENTED)
    assert not missing


def test_the_readme_is_a_landing_page():
    assert len(README.splitlines()) <= 200


def slugs(markdown: str) -> set[str]:
    """The anchors of a page's headings, as GitHub and MkDocs's toc both make them."""
    found, fence = set(), False
    for line in markdown.splitlines():
        if line.startswith("```"):
            fence = not fence
        elif not fence and (heading := re.match(r"#{1,6} (.*)", line)):
            text = re.sub(r"[^\w\s-]", "", heading[1].replace("`", "")).strip().lower()
            found.add(re.sub(r"\s", "-", text))
    return found


def test_every_link_of_the_readme_leads_to_a_file_and_heading():
    links = re.findall(r"\]\(([^)\s]+)\)", README)
    assert any(link.startswith("docs/") for link in links)
    for link in links:
        if re.match(r"https?://", link):
            continue
        path, _, anchor = link.partition("#")
        target = ROOT / path if path else ROOT / "README.md"
        assert target.is_file(), link
        if anchor:
            assert anchor in slugs(target.read_text()), link


def readme_snippet(marker: str) -> str:
    [block] = [block for block in python_blocks(README) if marker in block]
    return block


@pytest.mark.parametrize("marker", ["from twilio.rest import Client", "from rcs import Pinnacle"])
def test_the_readme_snippets_run_twice_against_one_sandbox(marker, capsys):
    """Each run creates its own records (a number bought anew), so a second run on the same
    server answers no 409."""
    with running_server() as sandbox:
        code = readme_snippet(marker).replace('"http://127.0.0.1:8080"', repr(sandbox.url))
        assert repr(sandbox.url) in code
        for _ in range(2):
            exec(compile(code, f"README.md ({marker})", "exec"), {})
    assert capsys.readouterr().out.split() in (
        ["TWILIO_APPROVED"] * 2,
        ["VERIFIED"] * 2,
    )


def test_the_readme_test_snippet_passes_with_the_plugin_fixtures(pytester):
    pytester.makepyfile(test_example=readme_snippet("def test_"))
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=1)


def python_block(marker: str) -> str:
    """The one python block of the testing kit's page that contains ``marker``."""
    [block] = [b for b in python_blocks(TESTING) if marker in b]
    return block


def test_the_testing_section_example_passes_against_the_twilio_example(pytester):
    example = python_block("from your_app import onboard")
    pytester.makepyfile(
        twilio_onboarding=(EXAMPLES / "twilio-onboarding" / "twilio_onboarding.py").read_text(),
        test_example=example.replace("from your_app import", "from twilio_onboarding import"),
    )
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=2)


def test_the_messaging_example_passes_with_the_plugin_fixtures(pytester):
    """The messaging page's "we don't send before approval" test runs as a user's test would."""
    [example] = [
        block
        for block in python_blocks(MESSAGING)
        if "def test_nothing_is_delivered_before_the_number_is_approved" in block
    ]
    pytester.makepyfile(test_example=example)
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_the_testing_section_example_passes_against_the_pinnacle_example(pytester):
    example = python_block("from your_app import BUSINESS")
    onboarding = EXAMPLES / "pinnacle-onboarding" / "pinnacle_onboarding.py"
    pytester.makepyfile(
        pinnacle_onboarding=onboarding.read_text(),
        test_example=example.replace("from your_app import", "from pinnacle_onboarding import"),
    )
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=2)


def test_the_module_fixtures_on_mockserver_session_keep_state_between_tests(pytester):
    """The testing page's claim: clients built on ``mockserver_session`` see earlier tests'
    records, even when a test in between asks for the resetting ``mockserver``."""
    fixtures = python_block("def account(mockserver_session)")
    pytester.makepyfile(
        fixtures
        + """

def test_submit(account, pinnacle):
    client = account.client()
    client.messaging.v1.tollfree_verifications.create(**account.submission())
    pinnacle.brands.upsert(name="Owl")


def test_records_are_still_there(account, pinnacle):
    assert len(account.client().messaging.v1.tollfree_verifications.list()) == 1
    assert [brand.name for brand in pinnacle.brands.list().data] == ["Owl"]
"""
    )
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=2)


def test_overriding_mockserver_in_conftest_turns_the_reset_off(pytester):
    pytester.makeconftest(python_block("def mockserver(mockserver_session)"))
    pytester.makepyfile(
        """
def test_submit(twilio_client, twilio_account):
    twilio_client.messaging.v1.tollfree_verifications.create(**twilio_account.submission())


def test_the_first_tests_request_is_still_journaled(mockserver):
    assert [e["path"] for e in mockserver.find_requests(method="POST")] == [
        "/v1/Tollfree/Verifications"
    ]
"""
    )
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=2)
