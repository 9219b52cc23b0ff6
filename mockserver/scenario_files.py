"""Scenario files: how a record moves, in provider-neutral actions, and how a file is loaded.

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

A file tells one ``story``: ``review`` (the default, above) or ``message``, an outbound
message's way (no resubmission; ``undeliver`` and ``fail`` take an ``error_code``)::

    story: message
    description: The handset cannot be reached.
    match: {to: "+15005550021"}
    steps:
      - {after: 0s, do: queue}
      - {after: 1s, do: send}
      - {after: 1s, do: hand_off}
      - {after: 2s, do: undeliver, error_code: 30003}
"""

import functools
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
from mockserver.lifecycle import STORIES, Action, Verdict
from mockserver.rejections import REJECTION_CODES
from mockserver.validation import flatten_errors

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
REVIEW, MESSAGE = STORIES
_ERROR_CODED = (Action.UNDELIVER, Action.FAIL)


@dataclass(frozen=True)
class _Story:
    """A neutral story every scenario of its kind must tell (providers map it to their
    statuses): what the record is called, where it starts, and its moves."""

    noun: str
    start: str
    moves: dict[tuple[str, Action], str]

    def actions(self) -> list[Action]:
        """The actions a step of this story may take, in story order."""
        return list(dict.fromkeys(action for _, action in self.moves))


_STORIES = {
    REVIEW: _Story(
        "submission",
        "submitted",
        {
            ("submitted", Action.REVIEW): "in_review",
            ("in_review", Action.APPROVE): "approved",
            ("in_review", Action.REJECT): "rejected",
            ("rejected", Action.EXPIRE): "rejected",
        },
    ),
    MESSAGE: _Story(
        "message",
        "created",
        {
            ("created", Action.QUEUE): "queued",
            ("queued", Action.SEND): "sending",
            ("sending", Action.HAND_OFF): "sent",
            ("sending", Action.FAIL): "failed",
            ("sent", Action.DELIVER): "delivered",
            ("sent", Action.UNDELIVER): "undelivered",
        },
    ),
}
_STEP_ACTIONS = [action.value for story in _STORIES.values() for action in story.actions()]


class ScenarioError(ValidationFailed):
    """A scenario file cannot be loaded."""


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
        """What the step decides beyond its action (a reject's codes and edit flag, an
        undeliver or fail step's error code, a reason)."""
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
        if self.codes and self.action in _ERROR_CODED:
            body["error_code"] = self.codes[0]
        elif self.codes:
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
    """A named story: a review, or a message's way."""

    name: str
    description: str
    steps: tuple[Step, ...]
    on_resubmit: tuple[Step, ...]
    on_late_resubmit: tuple[Step, ...] = ()
    match: dict[str, str] = field(default_factory=dict)
    source: str = ""
    override_codes: tuple[int, ...] = ()
    story: str = REVIEW

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
            "story": self.story,
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
    do = fields.String(required=True, validate=validate.OneOf(_STEP_ACTIONS))
    codes = fields.List(fields.Integer(), validate=validate.Length(min=1))
    edit_allowed = fields.Boolean()
    error_code = fields.Integer(
        strict=True,
        # A provider's five-digit error code (Twilio's 30003 unreachable handset, …).
        validate=validate.Range(10000, 99999, error="an error code has five digits"),
    )
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
        if data["do"] not in _ERROR_CODED and "error_code" in data:
            raise ValidationError(
                "only an undeliver or fail step takes error_code", field_name="do"
            )


class _ScenarioSchema(Schema):
    class Meta:
        unknown = RAISE

    name = fields.String(validate=validate.Regexp(r"^[A-Za-z0-9_\-]+\Z"))
    story = fields.String(load_default=REVIEW, validate=validate.OneOf(STORIES))
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
    story = data["story"]
    if story == MESSAGE:
        for phase in ("on_resubmit", "on_late_resubmit"):
            if phase in data:
                raise ScenarioError(
                    f"{path}:{_line_of(lines, phase)}: {phase}: a message story has no "
                    "resubmission (only a review story takes on_resubmit and on_late_resubmit)"
                )
    steps = tuple(_step(step) for step in data["steps"])
    resubmit_default = data["steps"] if story == REVIEW else ()
    on_resubmit = tuple(_step(step) for step in data.get("on_resubmit", resubmit_default))
    late = tuple(_step(step) for step in data.get("on_late_resubmit", ()))
    for phase, phase_steps in (
        ("steps", steps),
        ("on_resubmit", on_resubmit),
        ("on_late_resubmit", late),
    ):
        _check_story(path, lines, story, phase, phase_steps)
    return Scenario(
        name=data.get("name", path.stem),
        description=data["description"],
        steps=steps,
        on_resubmit=on_resubmit,
        on_late_resubmit=late,
        match={key: value for key, value in data["match"].items()},
        source=str(path),
        story=story,
    )


def _step(data: dict) -> Step:
    codes = (data["error_code"],) if "error_code" in data else tuple(data.get("codes", ()))
    return Step(
        action=Action(data["do"]),
        delay=parse_duration(data["after"]),
        business_days=parse_business_days(data["after"]),
        after=str(data["after"]).strip(),
        codes=codes,
        edit_allowed=data.get("edit_allowed"),
        reason=data.get("reason"),
    )


def _check_story(path: Path, lines: dict, story: str, phase: str, steps: tuple[Step, ...]) -> None:
    told = _STORIES[story]
    status = told.start
    for index, step in enumerate(steps):
        where = f"{phase}.{index}.do"
        if step.action not in told.actions():
            raise ScenarioError(
                f"{path}:{_line_of(lines, where)}: {where}: {step.action.value} is not a step "
                f"of a {story} story (one of: {', '.join(a.value for a in told.actions())})"
            )
        following = told.moves.get((status, step.action))
        if following is None:
            raise ScenarioError(
                f"{path}:{_line_of(lines, where)}: {where}: cannot {step.action.value} a "
                f"{told.noun} that is {status.replace('_', ' ')}"
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
