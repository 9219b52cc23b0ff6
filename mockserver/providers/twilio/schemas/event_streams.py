"""Wire formats of Event Streams (``events.twilio.com/v1``): sinks, subscriptions, types and
schemas (``docs/reference/twilio-event-streams-schemas.md``)."""

import json

from marshmallow import ValidationError, fields, validate

from ..events import EVENT_SCHEMAS, PREFIX, TEST_EVENT, EventSchema
from . import FormBoolean, PascalCaseSchema, paging_fields

EVENTS_PATH = "/v1"
SINK_TYPES = ("kinesis", "webhook", "segment", "email")
SINK_STATUSES = ("initialized", "validating", "active", "failed")


class JsonObject(fields.Field):
    """A form field carrying a JSON object (``SinkConfiguration``, each ``Types`` entry)."""

    def __init__(self, name: str, **kwargs):
        super().__init__(**kwargs)
        self._name = name

    def _deserialize(self, value, attr, data, **kwargs):
        try:
            parsed = json.loads(value)
        except (TypeError, ValueError, RecursionError):  # RecursionError: absurdly deep
            raise ValidationError(f"{self._name} must be a JSON object") from None
        if not isinstance(parsed, dict):
            raise ValidationError(f"{self._name} must be a JSON object")
        return parsed


def _type_entry(entry: dict) -> dict:
    if not isinstance(entry.get("type"), str) or not entry["type"].startswith("com.twilio."):
        raise ValidationError(f"Types entries need a 'type' such as {TEST_EVENT}")
    version = entry.get("schema_version")
    if version is not None and (type(version) is not int or version < 0):
        raise ValidationError("schema_version must be a non-negative integer")
    return entry


CreateSinkSchema = PascalCaseSchema.from_dict(
    {
        "description": fields.String(required=True),
        "sink_configuration": JsonObject("SinkConfiguration", required=True),
        "sink_type": fields.String(
            required=True,
            validate=validate.OneOf(
                SINK_TYPES, error="SinkType must be one of " + ", ".join(SINK_TYPES)
            ),
        ),
    },
    name="CreateSinkSchema",
)
UpdateSinkSchema = PascalCaseSchema.from_dict(
    {"description": fields.String(required=True)}, name="UpdateSinkSchema"
)
ListSinksQuery = PascalCaseSchema.from_dict(
    {
        "in_use": FormBoolean("inUse"),
        "status": fields.String(validate=validate.OneOf(SINK_STATUSES)),
        **paging_fields(),
    },
    name="ListSinksQuery",
)
ValidateSinkSchema = PascalCaseSchema.from_dict(
    {"test_id": fields.String(required=True)}, name="ValidateSinkSchema"
)
CreateSubscriptionSchema = PascalCaseSchema.from_dict(
    {
        "description": fields.String(required=True),
        "sink_sid": fields.String(required=True),
        "types": fields.List(JsonObject("Types", validate=_type_entry), required=True),
    },
    name="CreateSubscriptionSchema",
)
UpdateSubscriptionSchema = PascalCaseSchema.from_dict(
    {"description": fields.String(), "sink_sid": fields.String()},
    name="UpdateSubscriptionSchema",
)
ListSubscriptionsQuery = PascalCaseSchema.from_dict(
    {"sink_sid": fields.String(), **paging_fields()}, name="ListSubscriptionsQuery"
)
SubscribedEventSchema = PascalCaseSchema.from_dict(
    {
        "type": fields.String(required=True),
        "schema_version": fields.Integer(validate=validate.Range(min=0)),
    },
    name="SubscribedEventSchema",
)
UpdateSubscribedEventSchema = PascalCaseSchema.from_dict(
    {"schema_version": fields.Integer(validate=validate.Range(min=0))},
    name="UpdateSubscribedEventSchema",
)
PagingQuery = PascalCaseSchema.from_dict(
    {"schema_id": fields.String(), **paging_fields()}, name="PagingQuery"
)
SchemaVersionsQuery = PascalCaseSchema.from_dict(paging_fields(), name="SchemaVersionsQuery")


def dump_sink(sink: dict, origin: str) -> dict:
    """A sink as Events v1 renders it."""
    url = f"{origin}{EVENTS_PATH}/Sinks/{sink['sid']}"
    return {
        "status": sink["status"],
        "sink_configuration": sink["sink_configuration"],
        "description": sink["description"],
        "sid": sink["sid"],
        "date_created": sink["date_created"],
        "sink_type": sink["sink_type"],
        "date_updated": sink["date_updated"],
        "url": url,
        "links": {"sink_test": f"{url}/Test", "sink_validate": f"{url}/Validate"},
    }


def dump_subscription(subscription: dict, origin: str) -> dict:
    """A subscription as Events v1 renders it."""
    url = f"{origin}{EVENTS_PATH}/Subscriptions/{subscription['sid']}"
    return {
        "account_sid": subscription["account_sid"],
        "sid": subscription["sid"],
        "date_created": subscription["date_created"],
        "date_updated": subscription["date_updated"],
        "description": subscription["description"],
        "sink_sid": subscription["sink_sid"],
        "url": url,
        "links": {"subscribed_events": f"{url}/SubscribedEvents"},
    }


def dump_subscribed_event(entry: dict, subscription: dict, origin: str) -> dict:
    """One subscribed event type."""
    return {
        "account_sid": subscription["account_sid"],
        "type": entry["type"],
        "schema_version": entry["schema_version"],
        "subscription_sid": subscription["sid"],
        "url": f"{origin}{EVENTS_PATH}/Subscriptions/{subscription['sid']}/SubscribedEvents/"
        f"{entry['type']}",
    }


def event_types(origin: str, created: str) -> list[dict]:
    """The toll-free verification event types this sandbox emits (``GET /v1/Types``)."""
    labels = {
        "pending-review": "Toll-Free Verification - Pending Review",
        "requested": "Toll-Free Verification - In Review",
        "request-approved": "Toll-Free Verification - Twilio Approved",
        "request-rejected": "Toll-Free Verification - Twilio Rejected",
        "expired": "Toll-Free Verification - Rejection Expired",
        "edit": "Toll-Free Verification - Edited",
    }
    types = []
    for kind, label in labels.items():
        event_type = PREFIX + kind
        schema_id = EVENT_SCHEMAS[event_type].id
        types.append(
            {
                "type": event_type,
                "schema_id": schema_id,
                "date_created": created,
                "date_updated": created,
                "description": label,
                "status": "available",
                "documentation_url": "https://www.twilio.com/docs/events/event-types/toll-free/verification",
                "url": f"{origin}{EVENTS_PATH}/Types/{event_type}",
                "links": {"schema": f"{origin}{EVENTS_PATH}/Schemas/{schema_id}/Versions"},
            }
        )
    return types


def dump_schema(schema: EventSchema, origin: str) -> dict:
    """``GET /v1/Schemas/{Id}``: the schema and its latest version."""
    url = f"{origin}{EVENTS_PATH}/Schemas/{schema.id}"
    return {
        "id": schema.id,
        "url": url,
        "links": {"versions": f"{url}/Versions"},
        "latest_version_date_created": schema.latest.date_created,
        "latest_version": schema.latest.number,
    }


def dump_schema_version(schema: EventSchema, number: int, origin: str) -> dict:
    """One version of a schema; ``raw`` is the ``dataschema`` of events at that version."""
    return {
        "id": schema.id,
        "schema_version": number,
        "date_created": schema.version(number).date_created,
        "url": f"{origin}{EVENTS_PATH}/Schemas/{schema.id}/Versions/{number}",
        "raw": schema.raw(number),
    }
