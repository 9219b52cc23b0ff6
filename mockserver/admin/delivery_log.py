"""Control endpoints for the webhook outbox: the delivery log, redelivery, clearing."""

from flask import jsonify, request

from mockserver.deliveries import iso_ms
from mockserver.listing import render_all
from mockserver.runtime import current_runtime

from .routes import bp

FILTERS = ("provider", "record_id", "state", "account", "event_type", "destination")


@bp.get("/_mock/webhooks")
def list_deliveries():
    """Deliveries, oldest first, with every attempt (filter by any of ``FILTERS``); one
    that cannot be shown is left out with a warning (``listing.render_all``)."""
    filters = {name: request.args.get(name) for name in FILTERS}
    deliveries = current_runtime().outbox.deliveries(**filters)
    return jsonify(deliveries=render_all(deliveries, describe, "webhook delivery", "id"))


@bp.get("/_mock/webhooks/<delivery_id>")
def fetch_delivery(delivery_id: str):
    """One delivery with its attempts."""
    return jsonify(describe(current_runtime().outbox.get(delivery_id)))


@bp.post("/_mock/webhooks/<delivery_id>/redeliver")
def redeliver(delivery_id: str):
    """Send one delivery again now."""
    runtime = current_runtime()
    return jsonify(describe(runtime.outbox.redeliver(delivery_id, runtime.clock.now())))


@bp.delete("/_mock/webhooks")
def clear_deliveries():
    """Forget every delivery, pending ones included."""
    return jsonify(deleted=current_runtime().outbox.clear())


def describe(delivery: dict) -> dict:
    """A delivery as the control API shows it (times as ISO-8601; a missing one as null)."""
    body = dict(delivery)
    for key in ("created_at", "next_attempt_at", "deadline"):
        value = body.get(key)
        body[key] = None if value is None else iso_ms(value)
    return body
