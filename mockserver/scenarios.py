"""Scenario files: how a submission moves through review, in provider-neutral actions.

    # scenarios/reject_then_approve.yaml
    description: Rejected after review; approved 10 minutes after the client resubmits.
    match: {business_name: "Sandbox Reject Then Approve"}   # optional magic input
    steps:
      - {after: 30s, do: review}
      - {after: 10m, do: reject, codes: [30473]}
    on_resubmit:                                               # default: the same steps
      - {after: 1m, do: review}
      - {after: 10m, do: approve}

``on_late_resubmit`` (default: ``on_resubmit``) runs instead when the edit comes after the
edit window expired. ``after`` is a delay from the previous step (``30s``, ``2m``, ``2h``,
``3d``), a number of business days (``2bd``: Monday to Friday on the virtual clock, in UTC;
from a Saturday or Sunday the count starts on Monday at midnight), or ``manual`` (the step
waits for a forced transition). Files are validated at load; a bad file raises
``ScenarioError`` naming the file, the line and the field.

A provider may name the scenario a kind of record runs when nothing selects one (Pinnacle's
campaigns and numbers have their documented timings); ``--scenario`` given explicitly
overrides those kind defaults too.
"""

import functools
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml
from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from mockserver.durations import (
    MANUAL,
    add_business_days,
    parse_business_days,
    parse_duration,
)
from mockserver.errors import ValidationFailed
from mockserver.lifecycle import Action, Verdict
from mockserver.rejections import REJECTION_CODES
from mockserver.validation import flatten_errors

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Markers anywhere in a matched field: "[scenario:stuck_in_review]", "[reject:30473,30475]".
_SCENARIO_MARKER = re.compile(r"\[scenario:([A-Za-z0-9_\-]+)\]")
_REJECT_MARKER = re.compile(r"\[reject:(\d{5}(?:,\d{5})*)\]")
REJECT_MARKER_SCENARIO = "reject_then_approve"
# The neutral review story every scenario must tell (providers map it to their statuses).
_NEUTRAL = {
    ("submitted", Action.REVIEW): "in_review",
    ("in_review", Action.APPROVE): "approved",
    ("in_review", Action.REJECT): "rejected",
    ("rejected", Action.EXPIRE): "rejected",
}


class ScenarioError(ValidationFailed):
    """A scenario file cannot be loaded."""


def without_markers(text: str) -> str:
    """``text`` with its ``[scenario:…]`` and ``[reject:…]`` markers removed."""
    cleaned = _REJECT_MARKER.sub("", _SCENARIO_MARKER.sub("", text))
    return " ".join(cleaned.split())


@dataclass(frozen=True)
class Step:
    """One move of a scenario: ``action`` after ``delay`` seconds (None: manual)."""

    action: Action
    delay: float | None
    after: str = ""
    codes: tuple[int, ...] = ()
    edit_allowed: bool | None = None
    reason: str | None = None
    business_days: int = 0

    @property
    def verdict(self) -> Verdict:
        """What the step decides beyond its action (a reject's codes, edit flag, reason)."""
        return Verdict(self.codes, self.edit_allowed, self.reason)

    def due_from(self, moment: float) -> float | None:
        """When the step falls due if the previous one happened at ``moment`` (None:
        manual)."""
        if self.business_days:
            return add_business_days(moment, self.business_days)
        return None if self.delay is None else moment + self.delay

    def describe(self) -> dict:
        """The step as the control API lists it."""
        body: dict = {
            "do": self.action.value,
            "after": self.after or self._after_text(),
        }
        if self.codes:
            body["codes"] = list(self.codes)
        if self.edit_allowed is not None:
            body["edit_allowed"] = self.edit_allowed
        if self.reason:
            body["reason"] = self.reason
        return body

    def _after_text(self) -> str:
        if self.business_days:
            return f"{self.business_days}bd"
        return MANUAL if self.delay is None else f"{self.delay:g}s"


@dataclass(frozen=True)
class Scenario:
    """A named review story."""

    name: str
    description: str
    steps: tuple[Step, ...]
    on_resubmit: tuple[Step, ...]
    on_late_resubmit: tuple[Step, ...] = ()
    match: dict[str, str] = field(default_factory=dict)
    source: str = ""
    override_codes: tuple[int, ...] = ()

    def phase(self, name: str) -> tuple[Step, ...]:
        """The steps of ``steps``, ``on_resubmit`` or ``on_late_resubmit``."""
        if name == "on_late_resubmit":
            return self.on_late_resubmit or self.on_resubmit
        return self.on_resubmit if name == "on_resubmit" else self.steps

    def with_codes(self, codes: tuple[int, ...]) -> "Scenario":
        """A copy whose reject steps use ``codes`` (and derive ``edit_allowed`` from them)."""

        def swap(steps: tuple[Step, ...]) -> tuple[Step, ...]:
            return tuple(
                replace(step, codes=codes, edit_allowed=None)
                if step.action == Action.REJECT
                else step
                for step in steps
            )

        return replace(
            self,
            steps=swap(self.steps),
            on_resubmit=swap(self.on_resubmit),
            on_late_resubmit=swap(self.on_late_resubmit),
            override_codes=codes,
        )

    def describe(self) -> dict:
        """The scenario as the control API lists it."""
        return {
            "name": self.name,
            "description": self.description,
            "match": dict(self.match),
            "steps": [step.describe() for step in self.steps],
            "on_resubmit": [step.describe() for step in self.on_resubmit],
            "on_late_resubmit": [step.describe() for step in self.phase("on_late_resubmit")],
            "source": self.source,
        }


class _StepSchema(Schema):
    class Meta:
        unknown = RAISE

    after = fields.Raw(required=True)
    do = fields.String(
        required=True,
        validate=validate.OneOf(
            [a.value for a in (Action.REVIEW, Action.APPROVE, Action.REJECT, Action.EXPIRE)]
        ),
    )
    codes = fields.List(fields.Integer(), validate=validate.Length(min=1))
    edit_allowed = fields.Boolean()
    reason = fields.String()

    @validates_schema
    def _check(self, data: dict, **kwargs) -> None:
        try:
            parse_duration(data["after"])
        except ValueError as exc:
            raise ValidationError(str(exc), field_name="after") from None
        unknown = [code for code in data.get("codes", ()) if code not in REJECTION_CODES]
        if unknown:
            raise ValidationError(
                f"unknown rejection codes {unknown} (see mockserver/rejections.py)",
                field_name="codes",
            )
        if data["do"] != Action.REJECT and ("codes" in data or "edit_allowed" in data):
            raise ValidationError(
                "only a reject step takes codes and edit_allowed", field_name="do"
            )


class _ScenarioSchema(Schema):
    class Meta:
        unknown = RAISE

    name = fields.String(validate=validate.Regexp(r"^[A-Za-z0-9_\-]+\Z"))
    description = fields.String(required=True, validate=validate.Length(min=1))
    match = fields.Dict(keys=fields.String(), values=fields.String(), load_default=dict)
    steps = fields.List(fields.Nested(_StepSchema), required=True, validate=validate.Length(min=1))
    on_resubmit = fields.List(fields.Nested(_StepSchema))
    on_late_resubmit = fields.List(fields.Nested(_StepSchema))


def load_scenario(path: Path) -> Scenario:
    """Read and validate one scenario file (parsed once per file version)."""
    stat = path.stat()
    return _load_scenario(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=256)
def _load_scenario(path: Path, mtime_ns: int, size: int) -> Scenario:
    text = path.read_text(encoding="utf-8")
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        raw = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        raise ScenarioError(f"{path}: not valid YAML: {exc}") from None
    finally:
        loader.dispose()
    lines = _line_numbers(node)
    if not isinstance(raw, dict):
        raise ScenarioError(f"{path}:1: a scenario file must be a mapping")
    try:
        data = _ScenarioSchema().load(raw)
    except ValidationError as exc:
        where, reason = next(iter(flatten_errors(exc.messages).items()))
        raise ScenarioError(f"{path}:{_line_of(lines, where)}: {where}: {reason}") from None
    steps = tuple(_step(step) for step in data["steps"])
    on_resubmit = tuple(_step(step) for step in data.get("on_resubmit", data["steps"]))
    late = tuple(_step(step) for step in data.get("on_late_resubmit", ()))
    for phase, phase_steps in (
        ("steps", steps),
        ("on_resubmit", on_resubmit),
        ("on_late_resubmit", late),
    ):
        _check_story(path, lines, phase, phase_steps)
    return Scenario(
        name=data.get("name", path.stem),
        description=data["description"],
        steps=steps,
        on_resubmit=on_resubmit,
        on_late_resubmit=late,
        match={key: value for key, value in data["match"].items()},
        source=str(path),
    )


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

    def select(
        self, inputs: dict[str, str | None], bound: str | None = None, kind: str | None = None
    ) -> Scenario:
        """Pick a scenario: the phone number's binding, a magic input, then the record kind's
        default (``kind``, unless the user chose the default), then the default."""
        if bound is not None and bound in self._by_name:
            return self._by_name[bound]
        texts = [value for value in inputs.values() if isinstance(value, str)]
        for text in texts:
            marker = _SCENARIO_MARKER.search(text)
            if marker and marker.group(1) in self._by_name:
                return self._by_name[marker.group(1)]
        for text in texts:
            marker = _REJECT_MARKER.search(text)
            if marker and REJECT_MARKER_SCENARIO in self._by_name:
                codes = tuple(int(code) for code in marker.group(1).split(","))
                if all(code in REJECTION_CODES for code in codes):
                    return self._by_name[REJECT_MARKER_SCENARIO].with_codes(codes)
        for scenario in self.all():
            if any(
                str(inputs.get(key) or "").strip().lower() == value.strip().lower()
                for key, value in scenario.match.items()
            ):
                return scenario
        return self._by_name[self.default_for(kind)]

    def default_for(self, kind: str | None) -> str:
        """The scenario a record runs when nothing else selects one: its kind's default
        (``kind``, if loaded and the user did not choose the default), else the default."""
        if kind is not None and not self.explicit and kind in self._by_name:
            return kind
        return self.default


def _step(data: dict) -> Step:
    return Step(
        action=Action(data["do"]),
        delay=parse_duration(data["after"]),
        business_days=parse_business_days(data["after"]),
        after=str(data["after"]).strip(),
        codes=tuple(data.get("codes", ())),
        edit_allowed=data.get("edit_allowed"),
        reason=data.get("reason"),
    )


def _check_story(path: Path, lines: dict, phase: str, steps: tuple[Step, ...]) -> None:
    status = "submitted"
    for index, step in enumerate(steps):
        following = _NEUTRAL.get((status, step.action))
        if following is None:
            where = f"{phase}.{index}.do"
            raise ScenarioError(
                f"{path}:{_line_of(lines, where)}: {where}: cannot {step.action.value} a "
                f"submission that is {status.replace('_', ' ')}"
            )
        status = following


def _line_numbers(node, path: str = "", lines: dict | None = None) -> dict[str, int]:
    lines = {} if lines is None else lines
    if node is None:
        return lines
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = f"{path}.{key.value}" if path else str(key.value)
            lines[child] = key.start_mark.line + 1
            _line_numbers(value, child, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _line_numbers(item, f"{path}.{index}" if path else str(index), lines)
    return lines


def _line_of(lines: dict[str, int], where: str) -> int:
    parts = where.split(".")
    while parts:
        key = ".".join(parts)
        if key in lines:
            return lines[key]
        parts.pop()
    return 1


def bundled_directory() -> Path:
    """The scenarios shipped with mockserver (``scenarios/`` in a checkout)."""
    package = Path(__file__).parent
    installed = package / "bundled_scenarios"
    return installed if installed.is_dir() else package.parent / "scenarios"
