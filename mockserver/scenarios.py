"""Which scenario a record runs: the loaded scenario files, the default, and selection.

A submission runs, first match wins: its phone number's binding, a magic input (a
``[scenario:NAME]`` marker, a ``[reject:CODES]`` marker, a file's ``match``), its record
kind's default, then the default. Only scenarios of the record's story (``review`` or
``message``) take part: a message never runs a review scenario, nor the reverse.

A provider may name the scenario a kind of record runs when nothing selects one (Pinnacle's
campaigns and numbers have their documented timings); ``--scenario`` given explicitly
overrides those kind defaults too, for the kinds of its story. The file format and its
loading live in ``mockserver.scenario_files``.
"""

import re
from pathlib import Path

from mockserver.durations import parse_duration
from mockserver.errors import ValidationFailed
from mockserver.rejections import REJECTION_CODES
from mockserver.scenario_files import (
    MESSAGE,
    REVIEW,
    STORIES,
    Scenario,
    ScenarioError,
    Step,
    bundled_directory,
    load_scenario,
)

__all__ = [
    "MESSAGE",
    "REJECT_MARKER_SCENARIO",
    "REVIEW",
    "STORIES",
    "Scenario",
    "ScenarioBook",
    "ScenarioError",
    "Step",
    "bundled_directory",
    "load_scenario",
    "parse_duration",
    "without_markers",
]

# Markers anywhere in a matched field: "[scenario:stuck_in_review]", "[reject:30473,30475]".
_SCENARIO_MARKER = re.compile(r"\[scenario:([A-Za-z0-9_\-]+)\]")
_REJECT_MARKER = re.compile(r"\[reject:(\d{5}(?:,\d{5})*)\]")
REJECT_MARKER_SCENARIO = "reject_then_approve"


def without_markers(text: str) -> str:
    """``text`` with its ``[scenario:…]`` and ``[reject:…]`` markers removed."""
    cleaned = _REJECT_MARKER.sub("", _SCENARIO_MARKER.sub("", text))
    return " ".join(cleaned.split())


class ScenarioBook:
    """Every loaded scenario, the default one, and how a submission picks one."""

    def __init__(self, scenarios: list[Scenario], default: str | None, *, explicit: bool = False):
        """``explicit``: the default was chosen by the user, so it beats kind defaults."""
        self._by_name: dict[str, Scenario] = {}
        for scenario in scenarios:
            if scenario.name in self._by_name:
                raise ScenarioError(
                    f"{scenario.source}: scenario name {scenario.name!r} is already used by "
                    f"{self._by_name[scenario.name].source}"
                )
            self._by_name[scenario.name] = scenario
        if default is not None and default not in self._by_name:
            raise ScenarioError(
                f"default scenario {default!r} is not loaded "
                f"(loaded: {', '.join(sorted(self._by_name)) or 'none'})"
            )
        self.default = default or ""
        self.explicit = explicit

    @classmethod
    def from_directories(
        cls, directories: list[Path], default: str | None, *, explicit: bool = False
    ) -> "ScenarioBook":
        """Load every ``*.yaml``/``*.yml`` file; a later directory overrides same-named ones."""
        by_name: dict[str, Scenario] = {}
        for directory in directories:
            if not directory.is_dir():
                raise ScenarioError(f"scenario directory {directory} does not exist")
            files = sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")])
            loaded = cls([load_scenario(path) for path in files], default=None)
            by_name.update({scenario.name: scenario for scenario in loaded.all()})
        return cls(list(by_name.values()), default, explicit=explicit)

    def get(self, name: str) -> Scenario:
        """A scenario by name (ValidationFailed if unknown)."""
        try:
            return self._by_name[name]
        except KeyError:
            raise ValidationFailed(
                f"unknown scenario {name!r}", {"scenario": f"one of {', '.join(self.names())}"}
            ) from None

    def names(self) -> list[str]:
        """Loaded scenario names, sorted."""
        return sorted(self._by_name)

    def all(self) -> list[Scenario]:
        """Loaded scenarios, sorted by name."""
        return [self._by_name[name] for name in self.names()]

    def story_of(self, name: str | None) -> str:
        """The story a loaded scenario tells (``review`` for a name that is not loaded)."""
        scenario = self._by_name.get(name) if name is not None else None
        return scenario.story if scenario is not None else REVIEW

    def select(
        self,
        inputs: dict[str, str | None],
        bound: str | None = None,
        kind: str | None = None,
        story: str = REVIEW,
    ) -> Scenario:
        """Pick a scenario of ``story``: the phone number's binding, a magic input, then the
        record kind's default (``kind``, unless the user chose the default), then the
        default. A binding, marker or match naming a scenario of another story is passed
        over; ``[reject:…]`` markers are for review stories only."""
        eligible = {name: s for name, s in self._by_name.items() if s.story == story}
        if bound is not None and bound in eligible:
            return eligible[bound]
        texts = [value for value in inputs.values() if isinstance(value, str)]
        for text in texts:
            marker = _SCENARIO_MARKER.search(text)
            if marker and marker.group(1) in eligible:
                return eligible[marker.group(1)]
        for text in texts if story == REVIEW else ():
            marker = _REJECT_MARKER.search(text)
            if marker and REJECT_MARKER_SCENARIO in eligible:
                codes = tuple(int(code) for code in marker.group(1).split(","))
                if all(code in REJECTION_CODES for code in codes):
                    return eligible[REJECT_MARKER_SCENARIO].with_codes(codes)
        for scenario in self.all():
            if scenario.story == story and any(
                str(inputs.get(key) or "").strip().lower() == value.strip().lower()
                for key, value in scenario.match.items()
            ):
                return scenario
        return self._by_name[self.default_for(kind, story)]

    def default_for(self, kind: str | None, story: str = REVIEW) -> str:
        """The scenario a record of ``story`` runs when nothing else selects one: the default
        the user chose, if of that story; else its kind's default (``kind``, if loaded and
        of that story); else the default, if of that story (ScenarioError if none is)."""
        if self.explicit and self.story_of(self.default) == story:
            return self.default
        if kind is not None and kind in self._by_name and self.story_of(kind) == story:
            return kind
        if self.story_of(self.default) == story:
            return self.default
        own = f"the kind's default {kind!r} is not loaded" if kind else "no kind default"
        if kind in self._by_name:
            own = f"the kind's default {kind!r} tells a {self.story_of(kind)} story"
        default = "no default"
        if self.default:
            default = f"the default {self.default!r} tells a {self.story_of(self.default)} story"
        raise ScenarioError(f"no {story} scenario to run: {own}, and {default}")
