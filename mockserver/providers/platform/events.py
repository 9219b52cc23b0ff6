"""Platform webhooks: a JSON payload per status change, signed the Standard Webhooks way.

The body is ``{"type", "timestamp", "data": {"setup_id", "previous_status", "verification"}}``
with the verification as ``GET …/tollfree-verification`` returns it. Headers::

    webhook-id: msg_<32 hex>
    webhook-timestamp: <unix seconds when the attempt is sent, on the real clock: receivers
                        check it against theirs; the body's "timestamp" is the virtual time>
    webhook-signature: v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">

keyed with the base64-decoded part of the setup's ``whsec_…`` secret.
"""

import base64
import hashlib
import hmac
import json
from datetime import datetime

from mockserver.clock import format_iso
from mockserver.webhooks import Event, Request

from .models import VERIFICATION

STATUS_CHANGED = "tollfree_verification.status_changed"
EXPIRED = "tollfree_verification.expired"
_SHOWN = tuple((f.name, f.output_name) for f in VERIFICATION.shown())


def public_view(record: dict) -> dict:
    """The ``TollfreeVerificationResponse`` of the vendor's page (every field, in its order)."""
    return {output: record.get(name) for name, output in _SHOWN}


def verification_event(
    kind: str, record: dict, *, at: datetime, previous_status: str | None, event_id: str
) -> Event:
    """The event for one change of ``record`` (``kind`` is STATUS_CHANGED or EXPIRED)."""
    payload = {
        "type": kind,
        "timestamp": format_iso(at),
        "data": {
            "setup_id": record["setup_id"],
            "previous_status": previous_status,
            "verification": public_view(record),
        },
    }
    return Event(
        provider="platform",
        type=kind,
        account=record["setup_id"],
        record_id=record["verification_sid"],
        occurred_at=at,
        payload={"id": event_id, "body": payload},
    )


def signed_request(event: Event, url: str, secret: str) -> Request:
    """The POST that delivers ``event`` to a setup's ``webhook_url``."""
    body = json.dumps(event.payload["body"], separators=(",", ":"))
    message_id = event.payload["id"]
    timestamp = str(int(event.occurred_at.timestamp()))
    headers = {
        "Content-Type": "application/json",
        "webhook-id": message_id,
        "webhook-timestamp": timestamp,
        "webhook-signature": sign(secret, message_id, timestamp, body),
    }
    return Request(destination=url, url=url, body=body, headers=headers, target=event.account)


def resigned(delivery: dict, secret: str, sent_at: int) -> dict[str, str]:
    """A stored delivery's headers with ``webhook-timestamp`` set to the send time."""
    headers = dict(delivery["headers"])
    timestamp = str(sent_at)
    headers["webhook-timestamp"] = timestamp
    headers["webhook-signature"] = sign(secret, headers["webhook-id"], timestamp, delivery["body"])
    return headers


def sign(secret: str, message_id: str, timestamp: str, body: str) -> str:
    """``v1,<base64 HMAC-SHA256>`` of ``{id}.{timestamp}.{body}`` (Standard Webhooks)."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{message_id}.{timestamp}.{body}".encode()
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
