"""The ``twilio`` section of the seed file: accounts with their keys, numbers and profiles.

twilio:
  accounts:
    - sid: AC…            # required, AC + 32 hex
      auth_token: …       # optional: without it the first request's token is kept
      api_keys: [{sid: SK…, secret: …}]
      phone_numbers: [{sid: PN…, phone_number: "+18005550100"}]
      customer_profiles: [{sid: BU…, status: twilio-approved, profile_type: primary}]
      subaccounts: [ …the same shape… ]
"""

from marshmallow import RAISE, Schema, fields, validate

from .accounts import ACCOUNT_SID, E164, KEY_SID, PHONE_NUMBER_SID, PROFILE_SID
from .backend import TwilioBackend
from .records import ProfileStatus, ProfileType


class _Strict(Schema):
    class Meta:
        unknown = RAISE


class _ApiKey(_Strict):
    sid = fields.String(required=True, validate=validate.Regexp(KEY_SID))
    secret = fields.String(required=True, validate=validate.Length(min=1))
    friendly_name = fields.String()


class _PhoneNumber(_Strict):
    sid = fields.String(required=True, validate=validate.Regexp(PHONE_NUMBER_SID))
    phone_number = fields.String(required=True, validate=validate.Regexp(E164))
    friendly_name = fields.String()


class _Profile(_Strict):
    sid = fields.String(required=True, validate=validate.Regexp(PROFILE_SID))
    status = fields.String(required=True, validate=validate.OneOf(list(ProfileStatus)))
    profile_type = fields.String(required=True, validate=validate.OneOf(list(ProfileType)))
    friendly_name = fields.String()
    email = fields.String()


class _Account(_Strict):
    sid = fields.String(required=True, validate=validate.Regexp(ACCOUNT_SID))
    auth_token = fields.String(validate=validate.Length(min=1))
    friendly_name = fields.String()
    api_keys = fields.List(fields.Nested(_ApiKey), load_default=list)
    phone_numbers = fields.List(fields.Nested(_PhoneNumber), load_default=list)
    customer_profiles = fields.List(fields.Nested(_Profile), load_default=list)


class _TopAccount(_Account):
    subaccounts = fields.List(fields.Nested(_Account), load_default=list)


class TwilioSeedSchema(_Strict):
    """The whole ``twilio`` section."""

    accounts = fields.List(fields.Nested(_TopAccount), load_default=list)


def load_seed(backend: TwilioBackend, section: dict) -> None:
    """Create every declared account and what it owns, skipping what already exists."""
    for account in section.get("accounts", []):
        backend.seed_account(account, parent_sid=None)
        for subaccount in account.get("subaccounts", []):
            backend.seed_account(subaccount, parent_sid=account["sid"])
