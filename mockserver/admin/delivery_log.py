"""Control endpoints for the webhook outbox: the delivery log, redelivery, clearing."""

from flask import jsonify
from marshmallow import EXCLUDE, Schema, fields

from mockserver.deliveries import iso_ms
from mockserver.listing import render_all
from mockserver.openapi import documented
from mockserver.runtime import current_runtime

from .answers import DeletedAnswer, DeliveriesAnswer, DeliveryAnswer
from .http import read_query
from .routes import bp

FILTERS = ("provider", "record_id", "state", "account", "event_type", "destination")


class DeliveryFilters(Schema):
    """``GET /_mock/webhooks`` filters, each matched exactly (others are ignored)."""

    class Meta:
        unknown = EXCLUDE

    provider = fields.String()
    record_id = fields.String()
    state = fields.String(
        metadata={"description": "pending, delivered, failed, discarded or cancelled"}
    )
    account = fields.String()
    event_type = fields.String()
    destination = fields.String()


@bp.get("/_mock/webhooks")
@documented(query=DeliveryFilters, answers={200: DeliveriesAnswer}, errors=(400,))
def list_deliveries():
    """Deliveries, oldest first, with every attempt (filter by any of ``FILTERS``); one
    that cannot be shown is left out with a warning (``listing.render_all``)."""
    filters = dict.fromkeys(FILTERS) | read_query(DeliveryFilters())
    deliveries = current_runtime().outbox.deliveries(**filters)
    return jsonify(deliveries=render_all(deliveries, describe, "webhook delivery", "id"))


@bp.get("/_mock/webhooks/<delivery_id>")
@documented(answers={200: DeliveryAnswer}, errors=(404,))
def fetch_delivery(delivery_id: str):
    """One delivery with its attempts."""
    return jsonify(describe(current_runtime().outbox.get(delivery_id)))


@bp.post("/_mock/webhooks/<delivery_id>/redeliver")
@documented(answers={200: DeliveryAnswer}, errors=(400, 404))
def redeliver(delivery_id: str):
    """Send one delivery again now."""
    runtime = current_runtime()
    return jsonify(describe(runtime.outbox.redeliver(delivery_id, runtime.clock.now())))


@bp.delete("/_mock/webhooks")
@documented(answers={200: DeletedAnswer})
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
