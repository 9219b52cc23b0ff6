"""Core control endpoints: health and reset."""

from flask import Blueprint, jsonify

from mockserver import __version__
from mockserver.clock import format_iso
from mockserver.openapi import documented
from mockserver.runtime import current_runtime

from .answers import HealthAnswer, ResetAnswer
from .http import read_json, render_control_error
from .schemas import ResetSchema

bp = Blueprint("mock_admin", __name__)
bp.register_error_handler(Exception, render_control_error)


@bp.get("/_mock/health")
@documented(answers={200: HealthAnswer})
def health():
    """Liveness and a short description of the running sandbox."""
    runtime = current_runtime()
    return jsonify(
        status="ok",
        version=__version__,
        now=format_iso(runtime.clock.now()),
        store=runtime.store.path or ":memory:",
        providers=[provider.name for provider in runtime.providers],
        scheduler=runtime.scheduler.status() if runtime.scheduler else {"running": False},
    )


def _reset_schema(runtime) -> type[ResetSchema]:
    return ResetSchema.with_tenants(tuple(runtime.tenant_fields()))


@bp.post("/_mock/reset")
@documented(
    body=_reset_schema,
    answers={200: ResetAnswer},
    errors=(400,),
    example={"account_sid": "AC00000000000000000000000000000001"},
)
def reset():
    """Wipe all state and reload the seed file, or only one tenant's state."""
    runtime = current_runtime()
    tenant_fields = tuple(runtime.tenant_fields())
    body = read_json(ResetSchema.with_tenants(tenant_fields)())
    for field in tenant_fields:
        if field in body:
            cleared = runtime.reset_tenant(field, body[field])
            return jsonify(status="reset", **{field: body[field]}, cleared=cleared)
    runtime.reset(random_seed=body.get("random_seed"))
    return jsonify(status="reset")
