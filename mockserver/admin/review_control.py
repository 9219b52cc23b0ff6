"""Control endpoints for time and review: the clock, forced transitions, scenarios."""

from flask import jsonify

from mockserver import errors as core
from mockserver.clock import ClockLimitError, format_iso
from mockserver.openapi import documented
from mockserver.runtime import current_runtime
from mockserver.scenarios import REJECT_MARKER_SCENARIO

from .answers import (
    AdvanceAnswer,
    BindingAnswer,
    ClockAnswer,
    RecordPlanAnswer,
    ScenariosAnswer,
    TransitionAnswer,
)
from .http import read_json
from .routes import bp
from .schemas import AdvanceSchema, BindSchema, TransitionSchema


@bp.get("/_mock/clock")
@documented(answers={200: ClockAnswer})
def clock():
    """The sandbox's current (virtual) time."""
    runtime = current_runtime()
    return jsonify(now=format_iso(runtime.clock.now()), pending=runtime.engine.pending_count())


@bp.post("/_mock/clock/advance")
@documented(body=AdvanceSchema, answers={200: AdvanceAnswer}, errors=(400,), example={"hours": 1})
def advance():
    """Move the clock forward; answer once everything due by then has happened."""
    body = read_json(AdvanceSchema())
    seconds = AdvanceSchema.total(body)
    try:
        summary = current_runtime().advance(seconds)
    except ClockLimitError as exc:
        raise core.ValidationFailed(str(exc), dict.fromkeys(body, str(exc))) from None
    return jsonify(advanced_seconds=seconds, **summary)


@bp.post("/_mock/records/<record_id>/transition")
@documented(
    body=TransitionSchema,
    answers={200: TransitionAnswer},
    errors=(400, 404, 409),
    example={"status": "TWILIO_REJECTED", "codes": [30445], "edit_allowed": True},
)
def transition(record_id: str):
    """Force a record to a status (or through an action) now; its webhooks fire."""
    body = read_json(TransitionSchema())
    return jsonify(
        current_runtime().force(
            record_id,
            status=body.get("status"),
            action=body.get("action"),
            codes=tuple(body["codes"]),
            edit_allowed=body["edit_allowed"],
        )
    )


@bp.get("/_mock/records/<record_id>")
@documented(answers={200: RecordPlanAnswer}, errors=(404,))
def record_plan(record_id: str):
    """Which provider owns a record, its status, its scenario plan and its status changes."""
    runtime = current_runtime()
    return jsonify({**runtime.engine.describe(record_id), "history": runtime.history.of(record_id)})


@bp.get("/_mock/scenarios")
@documented(answers={200: ScenariosAnswer})
def scenarios():
    """Every loaded scenario, the default, the bindings and the magic markers."""
    engine = current_runtime().engine
    return jsonify(
        default=engine.scenarios.default,
        scenarios=[scenario.describe() for scenario in engine.scenarios.all()],
        bindings=engine.bindings(),
        markers={
            "[scenario:NAME]": "runs scenario NAME",
            "[reject:CODE,CODE]": f"runs {REJECT_MARKER_SCENARIO} with these rejection codes",
        },
    )


@bp.post("/_mock/scenarios/bind")
@documented(
    body=BindSchema,
    answers={200: BindingAnswer},
    errors=(400, 404),
    example={"phone_number": "+18005550100", "scenario": "reject_then_approve"},
)
def bind():
    """Make submissions for a phone number or record run a scenario (``null`` unbinds)."""
    body = read_json(BindSchema())
    key = next(body[name] for name in BindSchema.KEYS if name in body)
    return jsonify(current_runtime().engine.bind(key, body["scenario"]))
