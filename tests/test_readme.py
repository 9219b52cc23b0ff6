"""The README documents every control endpoint and serve flag, and its testing example runs."""

import re
from pathlib import Path

from mockserver.cli import build_parser

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
    serve = build_parser()._subparsers._group_actions[0].choices["serve"]
    flags = {
        option
        for action in serve._actions
        for option in action.option_strings
        if option.startswith("--") and option != "--help"
    }
    missing = sorted(flag for flag in flags if f"`{flag}" not in README)
    assert not missing


def test_the_testing_section_example_passes_against_the_twilio_example(pytester):
    section = README[README.index("## Testing your code with mockserver") :]
    example = re.findall(r"```python\n(.*?)```", section, re.S)[0]
    assert "from your_app import onboard" in example
    onboarding = ROOT / "examples" / "twilio-onboarding" / "twilio_onboarding.py"
    pytester.makepyfile(
        twilio_onboarding=onboarding.read_text(),
        test_example=example.replace("from your_app import", "from twilio_onboarding import"),
    )
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=2)
