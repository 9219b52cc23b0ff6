"""Twilio Event Streams deliveries: CloudEvents payloads per status change, and signing.

Payloads follow seed 003 §6 and the official toll-free verification event-type page; see
``shared/reference/twilio-event-streams.md`` §5-6. Each POST carries a JSON array of events
(``batch_events`` true or absent) or one event object (``batch_events: false``), and is signed
the way Twilio signs JSON webhooks: ``bodySHA256=<hex sha256(body)>`` is appended to the URL
and ``X-Twilio-Signature`` is base64(HMAC-SHA1(auth token, that URL)).
"""

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit, urlunsplit

from mockserver.clock import format_iso_ms
from mockserver.lifecycle import Action
from mockserver.rejections import EDIT_WINDOW
from mockserver.webhooks import Event, Request

PREFIX = "com.twilio.messaging.compliance.toll-free-verification."
SCHEMAS = "https://events-schemas.twilio.com"
# event kind -> (CloudEvents type, dataschema path)
EVENT_TYPES = {
    "pending-review": (PREFIX + "pending-review", "TollFree.VerificationPendingReview/1"),
    "requested": (PREFIX + "requested", "TollFree.VerificationRequested/1"),
    "request-approved": (PREFIX + "request-approved", "TollFree.VerificationRequestApproved/1"),
    "request-rejected": (PREFIX + "request-rejected", "TollFree.VerificationRequestRejected/4"),
    "expired": (PREFIX + "expired", "TollFree.VerificationExpired/2"),
    "edit": (PREFIX + "edit", "TollFree.VerificationEdit/2"),
}
TEST_EVENT = "com.twilio.eventstreams.test-event"
EVENT_FOR_ACTION = {
    Action.REVIEW: "requested",
    Action.APPROVE: "request-approved",
    Action.REJECT: "request-rejected",
    Action.EXPIRE: "expired",
    Action.RESUBMIT: "edit",
}


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MILLISECOND = timedelta(milliseconds=1)


def _millis(moment: datetime) -> int:
    """Whole milliseconds since the epoch, cut like ``time``'s (``format_iso_ms``): integer
    arithmetic, since a float timestamp can land a millisecond short."""
    return (moment - _EPOCH) // _MILLISECOND


def verification_event(
    kind: str, record: dict, *, at: datetime, parent_sid: str | None, event_id: str, source: str
) -> Event:
    """The CloudEvent Twilio sends for one status change of a verification."""
    event_type, schema = EVENT_TYPES[kind]
    data = {
        "accountsid": record["account_sid"],
        # The official field doc: "Id of the top level Twilio account".
        "parentaccountsid": parent_sid or record["account_sid"],
        "tollfreeverificationsid": record["sid"],
        "phonenumbersid": record["tollfree_phone_number_sid"],
        "customerprofilesid": record["customer_profile_sid"],
        "trustproductsid": record["trust_product_sid"],
        "regulateditemsid": record["regulated_item_sid"],
        "processeddate": _millis(at),
        "verificationstatus": record["status"].lower(),
    }
    if kind == "request-rejected":
        codes = [reason["code"] for reason in record["rejection_reasons"]]
        data.update(
            phonenumber=record["tollfree_phone_number"],
            errorcode=record["error_code"],
            errorcodes=",".join(str(code) for code in codes),
            errordescription="; ".join(r["reason"] for r in record["rejection_reasons"]),
            rejectiondate=_millis(at),
            # From the rejection time itself: the record keeps whole seconds only.
            editexpiration=_millis(at + EDIT_WINDOW),
            editallowed=record["edit_allowed"],
        )
    return _cloud_event(
        event_type,
        record["account_sid"],
        record["sid"],
        at,
        data,
        event_id=event_id,
        source=source,
        dataschema=f"{SCHEMAS}/{schema}",
    )


def test_event(sink: dict, *, at: datetime, event_id: str) -> Event:
    """The event ``POST /v1/Sinks/{Sid}/Test`` sends to one sink."""
    data = {"test_id": event_id, "sink_sid": sink["sid"]}
    return _cloud_event(
        TEST_EVENT,
        sink["account_sid"],
        sink["sid"],
        at,
        data,
        event_id=event_id,
        source=sink["sid"],
    )


def _cloud_event(
    event_type: str,
    account: str,
    record_id: str,
    at: datetime,
    data: dict,
    *,
    event_id: str,
    source: str,
    dataschema: str | None = None,
) -> Event:
    payload = {"specversion": "1.0", "type": event_type, "source": source, "id": event_id}
    if dataschema:
        payload["dataschema"] = dataschema
    payload.update(datacontenttype="application/json", time=format_iso_ms(at), data=data)
    return Event(
        provider="twilio",
        type=event_type,
        account=account,
        record_id=record_id,
        occurred_at=at,
        payload=payload,
    )


def signed_request(
    destination: str,
    event: Event,
    auth_token: str,
    *,
    batch: bool = True,
    target: str | None = None,
) -> Request:
    """The POST Twilio makes to ``destination`` for ``event``, signed with ``auth_token``."""
    body = json.dumps([event.payload] if batch else event.payload, separators=(",", ":"))
    url, signature = sign(destination, body, auth_token)
    headers = {
        "Content-Type": "application/json",
        "X-Twilio-Signature": signature,
        "User-Agent": "TwilioProxy/1.1",
    }
    return Request(destination=destination, url=url, body=body, headers=headers, target=target)


def sign(destination: str, body: str, auth_token: str) -> tuple[str, str]:
    """Append ``bodySHA256`` to the URL and sign it; return ``(url to request, signature)``.

    The fragment is dropped (it is never sent), an empty path is sent as ``/``, and the
    signature covers the URL without
    ``user:password@`` (which travels as an Authorization header), i.e. the URL the receiving
    application sees and hands to ``RequestValidator``.
    """
    digest = hashlib.sha256(body.encode()).hexdigest()
    parts = urlsplit(destination)
    query = f"{parts.query}&bodySHA256={digest}" if parts.query else f"bodySHA256={digest}"
    path = parts.path or "/"  # an HTTP request line always has a path: the receiver sees "/"
    url = urlunsplit((parts.scheme, parts.netloc, path, query, ""))
    visible = urlunsplit((parts.scheme, parts.netloc.rpartition("@")[2], path, query, ""))
    mac = hmac.new(auth_token.encode(), visible.encode(), hashlib.sha1).digest()
    return url, base64.b64encode(mac).decode()
