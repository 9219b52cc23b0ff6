"""``GET /_mock/kinds``: every provider's record kinds, from their one declaration."""

from flask import jsonify

from mockserver.openapi import documented
from mockserver.runtime import current_runtime

from .answers import KindsAnswer
from .routes import bp


@bp.get("/_mock/kinds")
@documented(answers={200: KindsAnswer})
def record_kinds():
    """Each kind's fields, statuses, actions and the scenario a new record runs."""
    runtime = current_runtime()
    kinds = []
    for provider in runtime.providers:
        for kind in provider.record_kinds:
            described = kind.describe()
            # Only a kind under review runs a scenario (a sink or an account has none).
            reviewed = kind.lifecycle is not None
            described["runs"] = (
                runtime.scenarios.default_for(kind.default_scenario, kind.lifecycle.story)
                if reviewed
                else None
            )
            kinds.append(described)
    return jsonify(kinds=kinds)
