"""Bodies of the core control endpoints."""

import functools

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from mockserver.durations import MAX_SECONDS
from mockserver.lifecycle import Action
from mockserver.rejections import REJECTION_CODES

MAX_ADVANCE_SECONDS = MAX_SECONDS  # per call; clock.LATEST bounds where the clock ends up


class _Body(Schema):
    class Meta:
        unknown = RAISE


class ResetSchema(_Body):
    """``POST /_mock/reset``: optionally restart the id sequence from a seed."""

    random_seed = fields.Integer(allow_none=True)

    @classmethod
    @functools.cache
    def with_tenants(cls, tenant_fields: tuple[str, ...]) -> type["ResetSchema"]:
        """The schema that also takes one tenant key (``account_sid``, ``api_key``…)."""
        tenant = {name: fields.String(validate=validate.Length(min=1)) for name in tenant_fields}
        return cls.from_dict(tenant, name="TenantResetSchema")

    @validates_schema
    def _one_scope(self, data: dict, **kwargs) -> None:
        tenants = sorted(set(data) - {"random_seed"})
        if len(tenants) > 1:
            raise ValidationError("give at most one tenant", field_name=tenants[1])
        if tenants and "random_seed" in data:
            raise ValidationError("random_seed applies to a full reset only", "random_seed")


class AdvanceSchema(_Body):
    """``POST /_mock/clock/advance``: how far to move (the units add up)."""

    seconds = fields.Float(validate=validate.Range(min=0))
    minutes = fields.Float(validate=validate.Range(min=0))
    hours = fields.Float(validate=validate.Range(min=0))
    days = fields.Float(validate=validate.Range(min=0))

    @validates_schema
    def _some_amount(self, data: dict, **kwargs) -> None:
        if not data:
            raise ValidationError("give seconds, minutes, hours or days", field_name="seconds")
        if self.total(data) > MAX_ADVANCE_SECONDS:
            raise ValidationError("advance at most 100 years at a time", field_name="seconds")

    @staticmethod
    def total(data: dict) -> float:
        """The advance in seconds."""
        return (
            data.get("seconds", 0)
            + 60 * data.get("minutes", 0)
            + 3600 * data.get("hours", 0)
            + 86400 * data.get("days", 0)
        )


def _known_code(code: int) -> None:
    """A rejection code, or a provider's five-digit error code for a message."""
    if code not in REJECTION_CODES and not 10000 <= code <= 99999:
        raise ValidationError("unknown rejection or error code")


class TransitionSchema(_Body):
    """``POST /_mock/records/{id}/transition``: a provider status or a neutral action."""

    status = fields.String()
    action = fields.String(validate=validate.OneOf([action.value for action in Action]))
    # A rejection's codes, or the one error code an undeliver or fail step reports.
    codes = fields.List(fields.Integer(validate=_known_code), load_default=list)
    edit_allowed = fields.Boolean(allow_none=True, load_default=None)

    @validates_schema
    def _status_or_action(self, data: dict, **kwargs) -> None:
        if ("status" in data) == ("action" in data):
            raise ValidationError("give exactly one of status and action", field_name="status")


class _UuidText(fields.UUID):
    """A UUID in any spelling, loaded as its canonical lower-case text."""

    def _deserialize(self, value, attr, data, **kwargs) -> str:
        return str(super()._deserialize(value, attr, data, **kwargs))


class BindSchema(_Body):
    """``POST /_mock/scenarios/bind``: what to bind (a phone number's SID, platform id or
    E.164 value, or a record id such as a Pinnacle brand or campaign id) and a scenario."""

    KEYS = ("phone_number_sid", "phone_number_id", "phone_number", "record_id")
    phone_number_sid = fields.String(validate=validate.Length(min=1))
    # Canonical: the platform's number ids are stored, and looked up, in that form.
    phone_number_id = _UuidText()
    phone_number = fields.String(validate=validate.Length(min=1))
    record_id = fields.String(validate=validate.Length(min=1))
    scenario = fields.String(required=True, allow_none=True)

    @validates_schema
    def _one_key(self, data: dict, **kwargs) -> None:
        given = [key for key in self.KEYS if key in data]
        if len(given) != 1:
            raise ValidationError(
                "give exactly one of phone_number_sid, phone_number_id, phone_number and record_id",
                field_name="phone_number",
            )
