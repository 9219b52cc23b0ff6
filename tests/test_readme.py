"""The README documents every control endpoint and every serve flag that exists."""

import re
from pathlib import Path

from mockserver.cli import build_parser

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


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
