"""Bodies that declare setups and phone numbers: the control API's and the seed file's."""

from marshmallow import RAISE, Schema, fields, validate

from .setups import E164, SECRET_PREFIX

UUID_TEXT = validate.Regexp(
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\Z",
    error="Not a valid UUID.",
)
# One printable ASCII token: the key travels in an Authorization header.
API_KEY = validate.Regexp(r"^[\x21-\x7e]+\Z", error="One token of printable ASCII characters.")
SECRET = validate.Regexp(
    rf"^{SECRET_PREFIX}[A-Za-z0-9+/]+=*\Z", error=f"{SECRET_PREFIX} followed by base64."
)


class _Strict(Schema):
    class Meta:
        unknown = RAISE


class SetupBody(_Strict):
    """``POST /_mock/setups``."""

    api_key = fields.String(required=True, validate=API_KEY)
    id = fields.String(validate=UUID_TEXT)
    name = fields.String(allow_none=True)
    webhook_url = fields.Url(allow_none=True, schemes={"http", "https"}, require_tld=False)
    webhook_secret = fields.String(validate=SECRET)


class PhoneNumberBody(_Strict):
    """``POST /_mock/setups/{setup_id}/phone-numbers``."""

    phone_number = fields.String(
        required=True, validate=validate.Regexp(E164, error="Not an E.164 number.")
    )
    id = fields.String(validate=UUID_TEXT)


class _SeedNumber(PhoneNumberBody):
    id = fields.String(required=True, validate=UUID_TEXT)


class _SeedSetup(SetupBody):
    id = fields.String(required=True, validate=UUID_TEXT)
    phone_numbers = fields.List(fields.Nested(_SeedNumber), load_default=list)


class PlatformSeedSchema(_Strict):
    """The seed file's ``platform`` section: setups with fixed ids and their numbers."""

    setups = fields.List(fields.Nested(_SeedSetup), load_default=list)
