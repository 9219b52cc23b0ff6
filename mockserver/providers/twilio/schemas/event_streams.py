"""Wire formats of Event Streams (``events.twilio.com/v1``): sinks, subscriptions, types and
schemas (``docs/reference/twilio-event-streams-schemas.md``).

Sinks and subscriptions are rendered from their ``RecordKind``; every other answer from the
fields of its answer schema (``SINK_TEST``, ``EVENT_TYPE``…), which the OpenAPI document
shows, so a renderer writes exactly the fields its schema names.
"""

from functools import lru_cache

from marshmallow import ValidationError, fields, validate

from ..events import EVENT_SCHEMAS, PREFIX, TEST_EVENT, EventSchema
from ..message_events import CATALOG as MESSAGE_CATALOG
from ..records import SINK, SUBSCRIPTION
from . import EVENTS, FormBoolean, JsonObject, PascalCaseSchema, form_field, paging_fields
from .document import always, answer, links, page_of, written

EVENTS_PATH = "/v1"


def _type_entry(entry: dict) -> dict:
    if not isinstance(entry.get("type"), str) or not entry["type"].startswith("com.twilio."):
        raise ValidationError(f"Types entries need a 'type' such as {TEST_EVENT}")
    version = entry.get("schema_version")
    if version is not None and (type(version) is not int or version < 0):
        raise ValidationError("schema_version must be a non-negative integer")
    return entry


def _form(declared, *, creating: bool) -> dict[str, fields.Field]:
    """Form fields for declared fields, in name order (the order Twilio's SDK sends them,
    and the first bad one is reported)."""
    return {
        f.name: form_field(f, creating=creating, wording=EVENTS)
        for f in sorted(declared, key=lambda f: f.name)
    }


CreateSinkSchema = PascalCaseSchema.from_dict(
    _form(SINK.create_fields(), creating=True), name="CreateSinkSchema"
)
# Twilio's sink update requires its one parameter, as a create does.
UpdateSinkSchema = PascalCaseSchema.from_dict(
    _form(SINK.update_fields(), creating=True), name="UpdateSinkSchema"
)
ListSinksQuery = PascalCaseSchema.from_dict(
    {
        "in_use": FormBoolean("inUse"),
        "status": fields.String(validate=validate.OneOf(SINK.statuses())),
        **paging_fields(),
    },
    name="ListSinksQuery",
)
ValidateSinkSchema = PascalCaseSchema.from_dict(
    {"test_id": fields.String(required=True)}, name="ValidateSinkSchema"
)
CreateSubscriptionSchema = PascalCaseSchema.from_dict(
    {
        **_form([f for f in SUBSCRIPTION.create_fields() if f.name != "types"], creating=True),
        # Each entry is a JSON object of its own shape, which no field check describes.
        "types": fields.List(JsonObject("Types", validate=_type_entry), required=True),
    },
    name="CreateSubscriptionSchema",
)
# twilio-oai's update takes only Description; a SinkSid sent anyway is ignored, as any
# unknown parameter: a subscription keeps its sink.
UpdateSubscriptionSchema = PascalCaseSchema.from_dict(
    _form(SUBSCRIPTION.update_fields(), creating=False), name="UpdateSubscriptionSchema"
)
ListSubscriptionsQuery = PascalCaseSchema.from_dict(
    {"sink_sid": fields.String(), **paging_fields()}, name="ListSubscriptionsQuery"
)
SubscribedEventSchema = PascalCaseSchema.from_dict(
    {
        "type": fields.String(required=True),
        "schema_version": fields.Integer(validate=validate.Range(min=0)),
    },
    name="CreateSubscribedEventSchema",
)
UpdateSubscribedEventSchema = PascalCaseSchema.from_dict(
    {"schema_version": fields.Integer(validate=validate.Range(min=0))},
    name="UpdateSubscribedEventSchema",
)
# The query of a list with no filter of its own (subscribed events, schema versions).
PagingQuery = PascalCaseSchema.from_dict(paging_fields(), name="PagingQuery")
ListEventTypesQuery = PascalCaseSchema.from_dict(
    {"schema_id": fields.String(), **paging_fields()}, name="ListEventTypesQuery"
)

_SINK_SHOWN = tuple((f.name, f.output_name) for f in SINK.shown())
_SUBSCRIPTION_SHOWN = tuple((f.name, f.output_name) for f in SUBSCRIPTION.shown())


def _render(shown: tuple, record: dict, computed: dict) -> dict:
    """The shown fields in order; a stored one the record lacks is a KeyError (damage)."""
    values = {**record, **computed}
    return {output: values[name] for name, output in shown}


def dump_sink(sink: dict, origin: str) -> dict:
    """A sink as Events v1 renders it."""
    url = f"{origin}{EVENTS_PATH}/Sinks/{sink['sid']}"
    urls = {"sink_test": f"{url}/Test", "sink_validate": f"{url}/Validate"}
    return _render(_SINK_SHOWN, sink, {"url": url, "links": urls})


def dump_subscription(subscription: dict, origin: str) -> dict:
    """A subscription as Events v1 renders it."""
    url = f"{origin}{EVENTS_PATH}/Subscriptions/{subscription['sid']}"
    urls = {"subscribed_events": f"{url}/SubscribedEvents"}
    return _render(_SUBSCRIPTION_SHOWN, subscription, {"url": url, "links": urls})


SinksPage = page_of("sinks", SINK)
SubscriptionsPage = page_of("subscriptions", SUBSCRIPTION)


SINK_TEST = {"result": always(validate=validate.OneOf(["submitted"]))}
SINK_VALIDATE = {"result": always(validate=validate.OneOf(["valid"]))}
SinkTestAnswer = answer("SinkTestAnswer", SINK_TEST)
SinkValidateAnswer = answer("SinkValidateAnswer", SINK_VALIDATE)


def sink_test_result() -> dict:
    """``POST /v1/Sinks/{Sid}/Test``: the test event is on its way."""
    return written(SINK_TEST, {"result": "submitted"})


def sink_validate_result() -> dict:
    """``POST /v1/Sinks/{Sid}/Validate``: a sink needs no validating any more."""
    return written(SINK_VALIDATE, {"result": "valid"})


SUBSCRIBED_EVENT = {
    "account_sid": always(),
    "type": always(),
    "schema_version": always(fields.Integer),
    "subscription_sid": always(),
    "url": always(),
}
SubscribedEventAnswer = answer("SubscribedEventAnswer", SUBSCRIBED_EVENT)
SubscribedEventsPage = page_of("types", SubscribedEventAnswer, name="TwilioSubscribedEventsPage")


def dump_subscribed_event(entry: dict, subscription: dict, origin: str) -> dict:
    """One subscribed event type."""
    url = f"{origin}{EVENTS_PATH}/Subscriptions/{subscription['sid']}/SubscribedEvents"
    values = {
        "account_sid": subscription["account_sid"],
        "type": entry["type"],
        "schema_version": entry["schema_version"],
        "subscription_sid": subscription["sid"],
        "url": f"{url}/{entry['type']}",
    }
    return written(SUBSCRIBED_EVENT, values)


EVENT_TYPE = {
    "type": always(),
    "schema_id": always(),
    "date_created": always(),
    "date_updated": always(),
    "description": always(),
    "status": always(),
    "documentation_url": always(),
    "url": always(),
    "links": links("EventTypeLinks", "schema"),
}
EventTypeAnswer = answer("EventTypeAnswer", EVENT_TYPE)
EventTypesPage = page_of("types", EventTypeAnswer, name="TwilioEventTypesPage")


TYPES_CREATED = "2023-01-01T00:00:00Z"  # when the catalog says each type was made


@lru_cache(maxsize=16)  # by origin: the catalog is fixed (read it, never change it)
def event_types(origin: str) -> tuple[dict, ...]:
    """The event types this sandbox emits (``GET /v1/Types``): toll-free verification, then
    messaging."""
    labels = {
        "pending-review": "Toll-Free Verification - Pending Review",
        "requested": "Toll-Free Verification - In Review",
        "request-approved": "Toll-Free Verification - Twilio Approved",
        "request-rejected": "Toll-Free Verification - Twilio Rejected",
        "expired": "Toll-Free Verification - Rejection Expired",
        "edit": "Toll-Free Verification - Edited",
    }
    tfv_docs = "https://www.twilio.com/docs/events/event-types/toll-free/verification"
    catalog = [(PREFIX + kind, label, tfv_docs) for kind, label in labels.items()]
    catalog += [(event_type, label, docs) for event_type, _, label, docs in MESSAGE_CATALOG]
    types = []
    for event_type, label, documentation_url in catalog:
        schema_id = EVENT_SCHEMAS[event_type].id
        values = {
            "type": event_type,
            "schema_id": schema_id,
            "date_created": TYPES_CREATED,
            "date_updated": TYPES_CREATED,
            "description": label,
            "status": "available",
            "documentation_url": documentation_url,
            "url": f"{origin}{EVENTS_PATH}/Types/{event_type}",
            "links": {"schema": f"{origin}{EVENTS_PATH}/Schemas/{schema_id}/Versions"},
        }
        types.append(written(EVENT_TYPE, values))
    return tuple(types)


EVENT_SCHEMA = {
    "id": always(),
    "url": always(),
    "links": links("EventSchemaLinks", "versions"),
    "latest_version_date_created": always(),
    "latest_version": always(fields.Integer),
}
EventSchemaAnswer = answer("EventSchemaAnswer", EVENT_SCHEMA)


def dump_schema(schema: EventSchema, origin: str) -> dict:
    """``GET /v1/Schemas/{Id}``: the schema and its latest version."""
    url = f"{origin}{EVENTS_PATH}/Schemas/{schema.id}"
    values = {
        "id": schema.id,
        "url": url,
        "links": {"versions": f"{url}/Versions"},
        "latest_version_date_created": schema.latest.date_created,
        "latest_version": schema.latest.number,
    }
    return written(EVENT_SCHEMA, values)


SCHEMA_VERSION = {
    "id": always(),
    "schema_version": always(fields.Integer),
    "date_created": always(),
    "url": always(),
    "raw": always(metadata={"description": "the `dataschema` of events at this version"}),
}
SchemaVersionAnswer = answer("SchemaVersionAnswer", SCHEMA_VERSION)
SchemaVersionsPage = page_of("schema_versions", SchemaVersionAnswer)


def dump_schema_version(schema: EventSchema, number: int, origin: str) -> dict:
    """One version of a schema; ``raw`` is the ``dataschema`` of events at that version."""
    values = {
        "id": schema.id,
        "schema_version": number,
        "date_created": schema.version(number).date_created,
        "url": f"{origin}{EVENTS_PATH}/Schemas/{schema.id}/Versions/{number}",
        "raw": schema.raw(number),
    }
    return written(SCHEMA_VERSION, values)
