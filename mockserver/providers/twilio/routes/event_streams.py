"""Event Streams (``events.twilio.com/v1``): sinks, subscriptions, event types and schemas."""

from flask import Response, g, jsonify

from mockserver.listing import render_all
from mockserver.openapi import documented, kind_schema

from ..errors import ResourceNotFound
from ..events import PREFIX, SCHEMAS_BY_ID
from ..records import SINK, SUBSCRIPTION
from ..schemas import load_form
from ..schemas.event_streams import (
    EVENTS_PATH,
    CreateSinkSchema,
    CreateSubscriptionSchema,
    EventSchemaAnswer,
    EventTypeAnswer,
    EventTypesPage,
    ListEventTypesQuery,
    ListSinksQuery,
    ListSubscriptionsQuery,
    PagingQuery,
    SchemaVersionAnswer,
    SchemaVersionsPage,
    SinksPage,
    SinkTestAnswer,
    SinkValidateAnswer,
    SubscribedEventAnswer,
    SubscribedEventSchema,
    SubscribedEventsPage,
    SubscriptionsPage,
    UpdateSinkSchema,
    UpdateSubscribedEventSchema,
    UpdateSubscriptionSchema,
    ValidateSinkSchema,
    dump_schema,
    dump_schema_version,
    dump_sink,
    dump_subscribed_event,
    dump_subscription,
    event_types,
    sink_test_result,
    sink_validate_result,
)
from ..schemas.paging import filter_params, meta_page
from . import backend, bp, form, load_query, origin

SINKS = f"{EVENTS_PATH}/Sinks"
SUBSCRIPTIONS = f"{EVENTS_PATH}/Subscriptions"
SUBSCRIBED = f"{SUBSCRIPTIONS}/<sid>/SubscribedEvents"
_create_sink, _update_sink = CreateSinkSchema(), UpdateSinkSchema()
_list_sinks, _validate_sink = ListSinksQuery(), ValidateSinkSchema()
_create_subscription, _update_subscription = CreateSubscriptionSchema(), UpdateSubscriptionSchema()
_list_subscriptions = ListSubscriptionsQuery()
_paging, _list_types = PagingQuery(), ListEventTypesQuery()
_subscribe, _resubscribe = SubscribedEventSchema(), UpdateSubscribedEventSchema()
_SINK, _SUBSCRIPTION = kind_schema(SINK), kind_schema(SUBSCRIPTION)


def _page(path: str, key: str, items: list, params: dict, filters: list) -> Response:
    return jsonify(
        meta_page(
            url=f"{origin()}{path}",
            key=key,
            items=items,
            query=params,
            filters=filters,
            render=lambda item: item,
        )
    )


@bp.post(SINKS)
@documented(
    form=CreateSinkSchema,
    answers={201: _SINK},
    errors=(400,),
    example={
        "Description": "Owl's toll-free verification events",
        "SinkType": "webhook",
        "SinkConfiguration": '{"destination": "https://owl.example/events", "method": "POST", '
        '"batch_events": false}',
    },
)
def create_sink():
    """Create a sink; it is active at once (201)."""
    values = load_form(_create_sink, form())
    sink = backend().create_sink(
        g.account_sid, values["description"], values["sink_type"], values["sink_configuration"]
    )
    return jsonify(dump_sink(sink, origin())), 201


@bp.get(SINKS)
@documented(query=ListSinksQuery, answers={200: SinksPage}, errors=(400,))
def list_sinks():
    """The account's sinks (filters ``InUse``, ``Status``)."""
    params = load_query(_list_sinks)
    sinks = backend().sinks(g.account_sid, in_use=params.get("in_use"), status=params.get("status"))
    items = render_all(sinks, lambda sink: dump_sink(sink, origin()), "sink", "sid")
    return _page(SINKS, "sinks", items, params, filter_params(params, _list_sinks))


@bp.get(f"{SINKS}/<sid>")
@documented(answers={200: _SINK}, errors=(404,))
def fetch_sink(sid: str):
    """One sink."""
    return jsonify(dump_sink(backend().sink(g.account_sid, sid), origin()))


@bp.post(f"{SINKS}/<sid>")
@documented(
    form=UpdateSinkSchema,
    answers={200: _SINK},
    errors=(400, 404),
    example={"Description": "Owl's events, renamed"},
)
def update_sink(sid: str):
    """Change a sink's description."""
    values = load_form(_update_sink, form())
    return jsonify(
        dump_sink(backend().update_sink(g.account_sid, sid, values["description"]), origin())
    )


@bp.delete(f"{SINKS}/<sid>")
@documented(answers={204: None}, errors=(404,))
def delete_sink(sid: str):
    """Delete a sink and its subscriptions (204)."""
    backend().delete_sink(g.account_sid, sid)
    return Response(status=204)


@bp.post(f"{SINKS}/<sid>/Test")
@documented(answers={201: SinkTestAnswer}, errors=(404,))
def test_sink(sid: str):
    """Send a test event to the sink (201, ``{"result": "submitted"}``)."""
    backend().send_test_event(g.account_sid, sid)
    return jsonify(sink_test_result()), 201


@bp.post(f"{SINKS}/<sid>/Validate")
@documented(
    form=ValidateSinkSchema,
    answers={201: SinkValidateAnswer},
    errors=(400, 404),
    example={"TestId": "3e8a1f0c-5d2b-4c7e-9f61-0a4b2c6d8e10"},
)
def validate_sink(sid: str):
    """Sinks no longer need validating; Twilio always answers ``valid`` (201)."""
    backend().sink(g.account_sid, sid)
    load_form(_validate_sink, form())
    return jsonify(sink_validate_result()), 201


@bp.post(SUBSCRIPTIONS)
@documented(
    form=CreateSubscriptionSchema,
    answers={201: _SUBSCRIPTION},
    errors=(400,),
    # The seed has no sink: the SinkSid is a placeholder for one made first.
    example={
        "Description": "Toll-free verification outcomes",
        "SinkSid": "DG00000000000000000000000000000001",
        "Types": [
            f'{{"type": "{PREFIX}request-approved"}}',
            f'{{"type": "{PREFIX}request-rejected", "schema_version": 4}}',
        ],
    },
)
def create_subscription():
    """Subscribe a sink to event types (201)."""
    values = load_form(_create_subscription, form())
    subscription = backend().create_subscription(
        g.account_sid, values["description"], values["sink_sid"], values["types"]
    )
    return jsonify(dump_subscription(subscription, origin())), 201


@bp.get(SUBSCRIPTIONS)
@documented(query=ListSubscriptionsQuery, answers={200: SubscriptionsPage}, errors=(400,))
def list_subscriptions():
    """The account's subscriptions (filter ``SinkSid``)."""
    params = load_query(_list_subscriptions)
    subscriptions = backend().subscriptions(g.account_sid, params.get("sink_sid"))
    items = render_all(
        subscriptions, lambda sub: dump_subscription(sub, origin()), "subscription", "sid"
    )
    filters = filter_params(params, _list_subscriptions)
    return _page(SUBSCRIPTIONS, "subscriptions", items, params, filters)


@bp.get(f"{SUBSCRIPTIONS}/<sid>")
@documented(answers={200: _SUBSCRIPTION}, errors=(404,))
def fetch_subscription(sid: str):
    """One subscription."""
    return jsonify(dump_subscription(backend().subscription(g.account_sid, sid), origin()))


@bp.post(f"{SUBSCRIPTIONS}/<sid>")
@documented(
    form=UpdateSubscriptionSchema,
    answers={200: _SUBSCRIPTION},
    errors=(400, 404),
    example={"Description": "All toll-free verification events"},
)
def update_subscription(sid: str):
    """Change a subscription's description."""
    values = load_form(_update_subscription, form())
    subscription = backend().update_subscription(g.account_sid, sid, values.get("description"))
    return jsonify(dump_subscription(subscription, origin()))


@bp.delete(f"{SUBSCRIPTIONS}/<sid>")
@documented(answers={204: None}, errors=(404,))
def delete_subscription(sid: str):
    """Stop a subscription (204)."""
    backend().delete_subscription(g.account_sid, sid)
    return Response(status=204)


@bp.post(SUBSCRIBED)
@documented(
    form=SubscribedEventSchema,
    answers={201: SubscribedEventAnswer},
    errors=(400, 404),
    example={"Type": f"{PREFIX}expired", "SchemaVersion": 2},
)
def create_subscribed_event(sid: str):
    """Add an event type to a subscription (201)."""
    values = load_form(_subscribe, form())
    entry, subscription = backend().subscribe_event(
        g.account_sid, sid, values["type"], values.get("schema_version")
    )
    return jsonify(dump_subscribed_event(entry, subscription, origin())), 201


@bp.get(SUBSCRIBED)
@documented(query=PagingQuery, answers={200: SubscribedEventsPage}, errors=(400, 404))
def list_subscribed_events(sid: str):
    """A subscription's event types (list key ``types``)."""
    params = load_query(_paging)
    subscription = backend().subscription(g.account_sid, sid)
    items = render_all(
        subscription.get("types") or [],
        lambda entry: dump_subscribed_event(entry, subscription, origin()),
        "subscribed event type",
        "type",
    )
    return _page(SUBSCRIBED.replace("<sid>", sid), "types", items, params, [])


@bp.get(f"{SUBSCRIBED}/<path:event_type>")
@documented(answers={200: SubscribedEventAnswer}, errors=(404,))
def fetch_subscribed_event(sid: str, event_type: str):
    """One subscribed event type."""
    entry, subscription = backend().subscribed_event(g.account_sid, sid, event_type)
    return jsonify(dump_subscribed_event(entry, subscription, origin()))


@bp.post(f"{SUBSCRIBED}/<path:event_type>")
@documented(
    form=UpdateSubscribedEventSchema,
    answers={200: SubscribedEventAnswer},
    errors=(400, 404),
    example={"SchemaVersion": 1},
)
def update_subscribed_event(sid: str, event_type: str):
    """Change the schema version of a subscribed type."""
    values = load_form(_resubscribe, form())
    entry, subscription = backend().update_subscribed_event(
        g.account_sid, sid, event_type, values.get("schema_version")
    )
    return jsonify(dump_subscribed_event(entry, subscription, origin()))


@bp.delete(f"{SUBSCRIBED}/<path:event_type>")
@documented(answers={204: None}, errors=(404,))
def delete_subscribed_event(sid: str, event_type: str):
    """Remove an event type from a subscription (204)."""
    backend().unsubscribe_event(g.account_sid, sid, event_type)
    return Response(status=204)


@bp.get(f"{EVENTS_PATH}/Types")
@documented(query=ListEventTypesQuery, answers={200: EventTypesPage}, errors=(400,))
def list_event_types():
    """The event types this sandbox emits (filter ``SchemaId``)."""
    params = load_query(_list_types)
    types = [
        t
        for t in event_types(origin())
        if not params.get("schema_id") or t["schema_id"] == params["schema_id"]
    ]
    return _page(f"{EVENTS_PATH}/Types", "types", types, params, filter_params(params, _list_types))


@bp.get(f"{EVENTS_PATH}/Types/<path:event_type>")
@documented(answers={200: EventTypeAnswer}, errors=(404,))
def fetch_event_type(event_type: str):
    """One event type."""
    for entry in event_types(origin()):
        if entry["type"] == event_type:
            return jsonify(entry)
    raise ResourceNotFound(f"/Types/{event_type}")


def _schema(schema_id: str):
    schema = SCHEMAS_BY_ID.get(schema_id)
    if schema is None:
        raise ResourceNotFound(f"/Schemas/{schema_id}")
    return schema


@bp.get(f"{EVENTS_PATH}/Schemas/<schema_id>")
@documented(answers={200: EventSchemaAnswer}, errors=(404,))
def fetch_schema(schema_id: str):
    """One schema of the events this sandbox sends, with its latest version."""
    return jsonify(dump_schema(_schema(schema_id), origin()))


@bp.get(f"{EVENTS_PATH}/Schemas/<schema_id>/Versions")
@documented(query=PagingQuery, answers={200: SchemaVersionsPage}, errors=(400, 404))
def list_schema_versions(schema_id: str):
    """A schema's versions, oldest first (list key ``schema_versions``)."""
    schema = _schema(schema_id)
    params = load_query(_paging)
    versions = [dump_schema_version(schema, v.number, origin()) for v in schema.versions]
    path = f"{EVENTS_PATH}/Schemas/{schema_id}/Versions"
    return _page(path, "schema_versions", versions, params, [])


@bp.get(f"{EVENTS_PATH}/Schemas/<schema_id>/Versions/<int:version>")
@documented(answers={200: SchemaVersionAnswer}, errors=(404,))
def fetch_schema_version(schema_id: str, version: int):
    """One version of a schema."""
    schema = _schema(schema_id)
    if schema.version(version) is None:
        raise ResourceNotFound(f"/Schemas/{schema_id}/Versions/{version}")
    return jsonify(dump_schema_version(schema, version, origin()))
