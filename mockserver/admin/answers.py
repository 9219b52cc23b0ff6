"""What the core control endpoints answer, as schemas for the OpenAPI document.

Records, plans, transitions and deliveries are each provider's own shapes (``GET
/_mock/kinds`` lists their fields), so they are open objects here; what the control API adds
around them is described field by field. ``tests/admin/test_openapi.py`` checks real answers
against these.
"""

from marshmallow import INCLUDE, Schema, fields

_ANY = fields.Dict(keys=fields.String())


class OpenAnswer(Schema):
    """An answer that may carry more members than it names."""

    class Meta:
        unknown = INCLUDE


class ControlErrorAnswer(Schema):
    """Every control error: a kind, a message, and the fields at fault when there are any."""

    error = fields.String(required=True, metadata={"example": "bad_request"})
    message = fields.String(required=True)
    fields_ = fields.Dict(
        data_key="fields", keys=fields.String(), values=fields.String(), required=False
    )


class HealthAnswer(Schema):
    """``GET /_mock/health``."""

    status = fields.String(required=True, metadata={"example": "ok"})
    version = fields.String(required=True)
    now = fields.String(required=True, metadata={"description": "the virtual time"})
    store = fields.String(required=True, metadata={"description": "a path, or :memory:"})
    providers = fields.List(fields.String(), required=True)
    scheduler = _ANY


class ResetAnswer(OpenAnswer):
    """``POST /_mock/reset``: a full reset, or one tenant's (its field, and what went)."""

    status = fields.String(required=True, metadata={"example": "reset"})
    cleared = fields.Dict(keys=fields.String(), values=fields.List(fields.String()))


class ClockAnswer(Schema):
    """``GET /_mock/clock``."""

    now = fields.String(required=True)
    pending = fields.Integer(required=True, metadata={"description": "plans still running"})


class _Settled(Schema):
    transitions = fields.List(_ANY, required=True)
    deliveries = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)


class AdvanceAnswer(_Settled):
    """``POST /_mock/clock/advance``: what happened on the way."""

    advanced_seconds = fields.Float(required=True)
    now = fields.String(required=True)


class TransitionAnswer(_Settled):
    """``POST /_mock/records/{record_id}/transition``."""

    record_id = fields.String(required=True)
    provider = fields.String(required=True)
    status = fields.String(required=True)


class RecordPlanAnswer(Schema):
    """``GET /_mock/records/{record_id}``."""

    record_id = fields.String(required=True)
    provider = fields.String(required=True)
    status = fields.String(required=True, allow_none=True)
    plan = fields.Dict(keys=fields.String(), required=True, allow_none=True)
    history = fields.List(_ANY, required=True)


class RecordsAnswer(Schema):
    """``GET /_mock/records``."""

    records = fields.List(_ANY, required=True)
    total = fields.Integer(required=True)


class KindsAnswer(Schema):
    """``GET /_mock/kinds``."""

    kinds = fields.List(_ANY, required=True)


class ScenariosAnswer(Schema):
    """``GET /_mock/scenarios``."""

    default = fields.String(required=True)
    scenarios = fields.List(_ANY, required=True)
    bindings = fields.List(_ANY, required=True)
    markers = fields.Dict(keys=fields.String(), values=fields.String(), required=True)


class BindingAnswer(OpenAnswer):
    """``POST /_mock/scenarios/bind``: the binding as stored (``scenario`` null: unbound)."""

    scenario = fields.String(required=True, allow_none=True)


class RequestsAnswer(Schema):
    """``GET /_mock/requests``."""

    requests = fields.List(_ANY, required=True)
    capacity = fields.Integer(required=True)
    dropped = fields.Integer(required=True)
    omitted = fields.Integer(required=True)


class DeletedAnswer(Schema):
    """A clearing: how many went."""

    deleted = fields.Integer(required=True)


class MessagesAnswer(Schema):
    """A provider's messages, each as that provider shows it."""

    messages = fields.List(_ANY, required=True)


class DeliveryAnswer(OpenAnswer):
    """One webhook delivery with its attempts."""

    id = fields.String(required=True)
    provider = fields.String(required=True)
    state = fields.String(required=True)
    attempts = fields.List(_ANY)


class DeliveriesAnswer(Schema):
    """``GET /_mock/webhooks``."""

    deliveries = fields.List(fields.Nested(DeliveryAnswer), required=True)


class OpenApiAnswer(OpenAnswer):
    """``GET /_mock/openapi.json``: this document."""

    openapi = fields.String(required=True, metadata={"example": "3.1.0"})
