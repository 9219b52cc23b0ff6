"""The README documents every control endpoint and serve flag, and its testing example runs."""

import re
from pathlib import Path

from mockserver.cli_serve import serve

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def _normalise(path: str) -> str:
    return re.sub(r"<[^>]+>|\{[^}]+\}", "{}", path).rstrip("/")


def test_every_control_route_is_documented(app):
    documented = {
        _normalise(path)
        for path in re.findall(r"`(?:GET|POST|DELETE)[^`]*?(/_mock[^`?\s]*)", README)
    }
    routes = {
        _normalise(rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/_mock/")
    }
    assert routes <= documented, sorted(routes - documented)


def test_every_serve_flag_is_documented():
    flags = {option for param in serve.params for option in (*param.opts, *param.secondary_opts)}
    missing = sorted(flag for flag in flags if f"`{flag}" not in README)
    assert not missing


TESTING = README[README.index("## Testing your code with mockserver") :]
TESTING = TESTING[: TESTING.index("\n## ")]
EXAMPLES = ROOT / "examples"


def python_block(marker: str) -> str:
    """The one python block of the testing section that contains ``marker``."""
    [block] = [b for b in re.findall(r"```python\n(.*?)```", TESTING, re.S) if marker in b]
    return block


def test_the_testing_section_example_passes_against_the_twilio_example(pytester):
    example = python_block("from your_app import onboard")
    pytester.makepyfile(
        twilio_onboarding=(EXAMPLES / "twilio-onboarding" / "twilio_onboarding.py").read_text(),
        test_example=example.replace("from your_app import", "from twilio_onboarding import"),
    )
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=2)


def test_the_messaging_example_passes_with_the_plugin_fixtures(pytester):
    """The README's "we don't send before approval" test runs as a user's test would."""
    [example] = [
        block
        for block in re.findall(r"```python\n(.*?)```", README, re.S)
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
    """The README's claim: clients built on ``mockserver_session`` see earlier tests' records,
    even when a test in between asks for the resetting ``mockserver``."""
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
