"""Bodies that declare setups and phone numbers: the control API's and the seed file's."""

import base64

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from mockserver.nanp import E164
from mockserver.webhooks import url_problem

from .setups import SECRET_PREFIX

# One printable ASCII token: the key travels in an Authorization header.
API_KEY = validate.Regexp(r"^[\x21-\x7e]+\Z", error="One token of printable ASCII characters.")


def _secret(value: str) -> None:
    """A Standard Webhooks secret: ``whsec_`` and the base64 of at least one byte."""
    try:
        key = base64.b64decode(value.removeprefix(SECRET_PREFIX), validate=True)
    except ValueError:
        key = b""
    if not value.startswith(SECRET_PREFIX) or not key:
        raise ValidationError(f"{SECRET_PREFIX} followed by base64.")


def _sendable_url(value: str) -> None:
    problem = url_problem(value)
    if problem is not None:
        raise ValidationError(f"The URL {problem}.")


class UuidText(fields.UUID):
    """A UUID in any spelling marshmallow accepts, stored in canonical lower-case form (the
    form the API's path parameters are looked up in)."""

    def _deserialize(self, value, attr, data, **kwargs) -> str:
        return str(super()._deserialize(value, attr, data, **kwargs))


class _Strict(Schema):
    class Meta:
        unknown = RAISE


class SetupBody(_Strict):
    """``POST /_mock/platform/setups``."""

    api_key = fields.String(required=True, validate=API_KEY)
    id = UuidText()
    name = fields.String(allow_none=True)
    webhook_url = fields.String(allow_none=True, validate=_sendable_url)
    webhook_secret = fields.String(validate=_secret)


class PhoneNumberBody(_Strict):
    """``POST /_mock/platform/setups/{setup_id}/phone-numbers``."""

    phone_number = fields.String(
        required=True, validate=validate.Regexp(E164, error="Not an E.164 number.")
    )
    id = UuidText()


class _SeedNumber(PhoneNumberBody):
    id = UuidText(required=True)


class _SeedSetup(SetupBody):
    id = UuidText(required=True)
    phone_numbers = fields.List(fields.Nested(_SeedNumber), load_default=list)


class PlatformSeedSchema(_Strict):
    """The seed file's ``platform`` section: setups with fixed ids and their numbers."""

    setups = fields.List(fields.Nested(_SeedSetup), load_default=list)

    @validates_schema
    def _declared_once(self, data: dict, **kwargs) -> None:
        """Each setup id, phone-number id and E.164 number is declared once in the file: a
        toll-free number can have one active verification at a time (the vendor's rule)."""
        errors: dict[int, dict] = {}
        setups: dict[str, int] = {}
        numbers: dict[tuple[str, str], str] = {}
        for i, setup in enumerate(data["setups"]):
            if setup["id"] in setups:
                earlier = data["setups"][setups[setup["id"]]]
                same_key = earlier["api_key"] == setup["api_key"]
                errors.setdefault(i, {})["id" if same_key else "api_key"] = [
                    f"setup {setup['id']} is already declared at setups.{setups[setup['id']]}"
                    + ("" if same_key else " with another api_key")
                ]
            setups.setdefault(setup["id"], i)
            for j, number in enumerate(setup["phone_numbers"]):
                where, problems = f"setups.{i}.phone_numbers.{j}", {}
                for field in ("id", "phone_number"):
                    earlier = numbers.setdefault((field, number[field]), where)
                    if earlier != where:
                        problems[field] = [_DECLARED_TWICE[field].format(number[field], earlier)]
                if problems:
                    errors.setdefault(i, {}).setdefault("phone_numbers", {})[j] = problems
        if errors:
            raise ValidationError({"setups": errors})


_DECLARED_TWICE = {
    "id": "phone number {} is already declared at {}",
    "phone_number": "{} is already declared at {}: a toll-free number can have one active "
    "verification at a time, so one setup holds it",
}
