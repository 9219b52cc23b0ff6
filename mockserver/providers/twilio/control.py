"""Twilio's part of the control API: accounts, API keys, phone numbers, customer profiles."""

from flask import Blueprint, jsonify, request
from marshmallow import RAISE, Schema, ValidationError, fields, pre_load

from mockserver.admin.http import created, read_json, renamed_from, render_control_error
from mockserver.listing import render_all
from mockserver.runtime import current_runtime
from mockserver.validation import lone_surrogate_paths

from .accounts import ProfileStatus, ProfileType
from .backend import TwilioBackend

bp = Blueprint("twilio_control", __name__)
bp.register_error_handler(Exception, render_control_error)


class _Body(Schema):
    class Meta:
        unknown = RAISE

    @pre_load
    def _text_only(self, data, **kwargs):
        # A token or secret holding a lone surrogate could never be encoded to sign with.
        broken = lone_surrogate_paths(data) if isinstance(data, dict) else []
        if broken:
            raise ValidationError(dict.fromkeys(broken, "a lone surrogate is not Unicode text"))
        return data


class AccountBody(_Body):
    sid = fields.String()
    auth_token = fields.String()
    parent_sid = fields.String()
    friendly_name = fields.String()


class ApiKeyBody(_Body):
    account_sid = fields.String(required=True)
    sid = fields.String()
    secret = fields.String()
    friendly_name = fields.String()


class PhoneNumberBody(_Body):
    account_sid = fields.String(required=True)
    phone_number = fields.String(required=True)
    sid = fields.String()
    friendly_name = fields.String()


class CustomerProfileBody(_Body):
    account_sid = fields.String(required=True)
    status = fields.String(load_default=ProfileStatus.TWILIO_APPROVED.value)
    profile_type = fields.String(load_default=ProfileType.SECONDARY.value)
    sid = fields.String()
    friendly_name = fields.String()
    email = fields.String()


def _backend() -> TwilioBackend:
    return current_runtime().backend("twilio")


def _public_account(account: dict) -> dict:
    return {
        key: account[key]
        for key in ("sid", "auth_token", "parent_sid", "friendly_name", "status", "date_created")
    }


def _public_number(number: dict) -> dict:
    return {
        key: number[key]
        for key in (
            "sid",
            "account_sid",
            "phone_number",
            "friendly_name",
            "toll_free",
            "date_created",
        )
    }


@renamed_from(bp, "POST", "/_mock/accounts")
@bp.post("/_mock/twilio/accounts")
def create_account():
    """Declare an account or subaccount (201); missing sid and token are generated."""
    body = read_json(AccountBody())
    if "auth_token" not in body:
        body["auth_token"] = current_runtime().ids.hex(32)
    return created(_public_account(_backend().accounts.create_account(**body)))


@renamed_from(bp, "POST", "/_mock/api-keys")
@bp.post("/_mock/twilio/api-keys")
def create_api_key():
    """Create an ``SK…`` key that authenticates as the account (201)."""
    key = _backend().accounts.create_api_key(**read_json(ApiKeyBody()))
    return created(
        {
            name: key[name]
            for name in ("sid", "secret", "account_sid", "friendly_name", "date_created")
        }
    )


@renamed_from(bp, "POST", "/_mock/phone-numbers")
@bp.post("/_mock/twilio/phone-numbers")
def create_phone_number():
    """Give an account a phone number (201 with its ``PN…`` sid)."""
    body = read_json(PhoneNumberBody())
    number = _backend().accounts.add_phone_number(
        body["account_sid"],
        body["phone_number"],
        sid=body.get("sid"),
        friendly_name=body.get("friendly_name"),
    )
    return created(_public_number(number))


@renamed_from(bp, "GET", "/_mock/phone-numbers")
@bp.get("/_mock/twilio/phone-numbers")
def list_phone_numbers():
    """An account's phone numbers (``?account_sid=AC…``)."""
    numbers = _backend().accounts.phone_numbers(request.args.get("account_sid", ""))
    return jsonify(phone_numbers=render_all(numbers, _public_number, "phone number", "sid"))


@renamed_from(bp, "POST", "/_mock/customer-profiles")
@bp.post("/_mock/twilio/customer-profiles")
def create_customer_profile():
    """Create a TrustHub customer profile (201 with its ``BU…`` sid)."""
    profile = _backend().accounts.create_customer_profile(**read_json(CustomerProfileBody()))
    return created(profile)
