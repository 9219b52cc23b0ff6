"""The dashboard's buttons: advance the clock, move a record, bind a scenario, redeliver.

Each is a plain form POST that goes through the same runtime call as the control API
(``Runtime.advance``, ``Runtime.force``, ``Engine.bind``, ``Outbox.redeliver``), then
redirects back to the page it came from; a refusal comes back as the control API's message,
shown on that page.
"""

from urllib.parse import urlencode

from flask import redirect, request
from marshmallow import ValidationError

from mockserver.admin.schemas import AdvanceSchema
from mockserver.clock import ClockLimitError
from mockserver.errors import MockError, NotFound
from mockserver.lifecycle import Action
from mockserver.runtime import current_runtime
from mockserver.validation import flatten_errors

from . import bp, pages
from .views import arg

ACTIONS = frozenset(action.value for action in Action)


@bp.post("/clock/advance")
def advance():
    """Move the clock forward by the form's ``seconds`` and settle, as the control API does."""
    raw = (request.form.get("seconds") or "").strip()
    try:  # the control API's own body schema: the same bounds and words
        seconds = AdvanceSchema.total(AdvanceSchema().load({"seconds": raw}))
    except ValidationError as exc:
        return _back("/", f"advance by a number of seconds, not {raw!r}: {_message(exc)}")
    try:
        current_runtime().advance(seconds)
    except ClockLimitError as exc:
        return _back("/", str(exc))
    return _back("/")


@bp.post("/records/<record_id>/transition")
def transition(record_id: str):
    """Move a record through one action (a rejection with its codes and edit window)."""
    form = request.form
    action = form.get("action") or ""
    if action not in ACTIONS:
        return _back(f"/records/{record_id}", f"no action {action[:40]!r}")
    try:
        codes = tuple(int(code) for code in form.getlist("codes") if code)
    except ValueError:
        return _back(f"/records/{record_id}", "rejection codes are numbers")
    edit = form.get("edit_allowed")
    try:
        pages.find(current_runtime(), record_id, arg("tenant"))
        current_runtime().force(
            record_id,
            action=action,
            codes=codes,
            edit_allowed=None if edit in (None, "") else edit == "true",
        )
    except (MockError, ValidationError) as exc:
        return _back(f"/records/{record_id}", _message(exc))
    return _back(f"/records/{record_id}")


@bp.post("/records/<record_id>/scenario")
def bind(record_id: str):
    """Make the record's next submissions run another scenario."""
    runtime = current_runtime()
    try:
        stored, _row = pages.find(runtime, record_id, arg("tenant"))
        runtime.engine.bind(pages.phone_key(stored, record_id), request.form.get("scenario"))
    except MockError as exc:
        return _back(f"/records/{record_id}", _message(exc))
    return _back(f"/records/{record_id}")


@bp.post("/webhooks/<delivery_id>/redeliver")
def redeliver(delivery_id: str):
    """Send one delivery again now."""
    runtime = current_runtime()
    tenant = arg("tenant")
    try:
        if tenant is not None and runtime.outbox.get(delivery_id).get("account") != tenant:
            raise NotFound(f"webhook delivery {delivery_id} not found")
        runtime.outbox.redeliver(delivery_id, runtime.clock.now())
    except MockError as exc:
        return _back("/webhooks", _message(exc))
    return _back("/webhooks")


def _back(path: str, error: str | None = None):
    """Redirect to a dashboard page (303: the browser GETs it), keeping the tenant view."""
    query = {k: v for k, v in (("tenant", arg("tenant")), ("error", error)) if v}
    suffix = f"?{urlencode(query)}" if query else ""
    return redirect(f"/_mock/ui{path}{suffix}", code=303)


def _message(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(f"{k}: {v}" for k, v in flatten_errors(exc.messages).items())
    fields = getattr(exc, "fields", None) or {}
    detail = "; ".join(f"{k}: {v}" for k, v in fields.items())
    return f"{exc.message} ({detail})" if detail else exc.message
