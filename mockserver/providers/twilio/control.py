"""Twilio's part of the control API: accounts, API keys, phone numbers, customer profiles,
and inbound messages (a handset texting a number)."""

from flask import Blueprint, jsonify
from marshmallow import EXCLUDE, RAISE, Schema, ValidationError, fields, pre_load, validate

from mockserver.admin.answers import MessagesAnswer, OpenAnswer
from mockserver.admin.http import (
    created,
    read_json,
    read_query,
    renamed_from,
    render_control_error,
)
from mockserver.listing import render_all
from mockserver.nanp import E164
from mockserver.openapi import documented, kind_schema
from mockserver.record_kinds import RecordKind
from mockserver.runtime import current_runtime
from mockserver.validation import lone_surrogate_paths

from .backend import TwilioBackend
from .message_models import MAX_BODY, MAX_MEDIA
from .records import ACCOUNT, API_KEY, CUSTOMER_PROFILE, PHONE_NUMBER
from .schemas.document import SEED_ACCOUNT
from .schemas.messages import dump_message

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


def _body(kind: RecordKind) -> type[_Body]:
    """The control API's body creating a ``kind``: its create fields, required ones first,
    then those with a default, then the id a client may choose, then the rest (the order a
    body's errors are listed in). Their checks are the directory's, which words them."""
    # A number's settings are the 2010 API's business, not the control API's.
    ordered = sorted(
        (f for f in kind.create_fields() if f.within is None),
        key=lambda f: (not f.required, not f.has_default, f.name != kind.id_field),
    )
    return _Body.from_dict(
        {
            f.name: fields.String(load_default=f.default)
            if f.has_default
            else fields.String(required=f.required)
            for f in ordered
        },
        name=f"{kind.name.title().replace('_', '')}Body",
    )


AccountBody = _body(ACCOUNT)
ApiKeyBody = _body(API_KEY)
PhoneNumberBody = _body(PHONE_NUMBER)
CustomerProfileBody = _body(CUSTOMER_PROFILE)


def _backend() -> TwilioBackend:
    return current_runtime().backend("twilio")


def _shown(kind: RecordKind):
    names = tuple((f.name, f.output_name) for f in kind.shown())
    return lambda record: {output: record[name] for name, output in names}


_public_account = _shown(ACCOUNT)
_public_key = _shown(API_KEY)
_public_profile = _shown(CUSTOMER_PROFILE)


# The control API's summary of a number, not the 2010 API's IncomingPhoneNumber.
_NUMBER_SUMMARY = (
    "sid",
    "account_sid",
    "phone_number",
    "friendly_name",
    "toll_free",
    "date_created",
)
NumberSummary = kind_schema(PHONE_NUMBER, _NUMBER_SUMMARY)


def _public_number(number: dict) -> dict:
    return {key: number[key] for key in _NUMBER_SUMMARY}


class PhoneNumbersQuery(Schema):
    """``GET /_mock/twilio/phone-numbers``: whose numbers (other parameters are ignored)."""

    class Meta:
        unknown = EXCLUDE

    account_sid = fields.String(load_default="")


class PhoneNumbersAnswer(Schema):
    """An account's numbers."""

    phone_numbers = fields.List(fields.Nested(NumberSummary), required=True)


class InboundAnswer(OpenAnswer):
    """What an inbound message did: the message stored, and the replies a TwiML answer sent."""

    message = fields.Dict(keys=fields.String(), required=True)
    replies = fields.List(fields.Dict(keys=fields.String()), required=True)


@renamed_from(bp, "POST", "/_mock/accounts")
@bp.post("/_mock/twilio/accounts")
@documented(
    body=AccountBody,
    answers={201: kind_schema(ACCOUNT)},
    errors=(400, 404, 409),
    example={"friendly_name": "Customer of the ISV", "parent_sid": SEED_ACCOUNT},
)
def create_account():
    """Declare an account or subaccount (201); missing sid and token are generated."""
    body = read_json(AccountBody())
    return created(_public_account(_backend().create_account(**body)))


@renamed_from(bp, "POST", "/_mock/api-keys")
@bp.post("/_mock/twilio/api-keys")
@documented(
    body=ApiKeyBody,
    answers={201: kind_schema(API_KEY)},
    errors=(400, 404, 409),
    example={"account_sid": SEED_ACCOUNT, "friendly_name": "CI key"},
)
def create_api_key():
    """Create an ``SK…`` key that authenticates as the account (201)."""
    return created(_public_key(_backend().create_api_key(**read_json(ApiKeyBody()))))


@renamed_from(bp, "POST", "/_mock/phone-numbers")
@bp.post("/_mock/twilio/phone-numbers")
@documented(
    body=PhoneNumberBody,
    answers={201: NumberSummary},
    errors=(400, 404, 409),
    example={"account_sid": SEED_ACCOUNT, "phone_number": "+18775550142"},
)
def create_phone_number():
    """Give an account a phone number (201 with its ``PN…`` sid)."""
    body = read_json(PhoneNumberBody())
    number = _backend().add_phone_number(
        body["account_sid"],
        body["phone_number"],
        sid=body.get("sid"),
        friendly_name=body.get("friendly_name"),
    )
    return created(_public_number(number))


@renamed_from(bp, "GET", "/_mock/phone-numbers")
@bp.get("/_mock/twilio/phone-numbers")
@documented(query=PhoneNumbersQuery, answers={200: PhoneNumbersAnswer})
def list_phone_numbers():
    """An account's phone numbers (``?account_sid=AC…``)."""
    numbers = _backend().phone_numbers(read_query(PhoneNumbersQuery())["account_sid"])
    return jsonify(phone_numbers=render_all(numbers, _public_number, "phone number", "sid"))


@renamed_from(bp, "POST", "/_mock/customer-profiles")
@bp.post("/_mock/twilio/customer-profiles")
@documented(
    body=CustomerProfileBody,
    answers={201: kind_schema(CUSTOMER_PROFILE)},
    errors=(400, 404, 409),
    example={"account_sid": SEED_ACCOUNT, "status": "twilio-approved"},
)
def create_customer_profile():
    """Create a TrustHub customer profile (201 with its ``BU…`` sid)."""
    profile = _backend().create_customer_profile(**read_json(CustomerProfileBody()))
    return created(_public_profile(profile))


_E164 = validate.Regexp(E164, error="must be an E.164 number such as +14155550123")


class InboundMessageBody(_Body):
    """``POST /_mock/twilio/inbound-messages``: who texts which number, and what."""

    from_ = fields.String(required=True, data_key="from", validate=_E164)
    to = fields.String(required=True, validate=_E164)
    body = fields.String(load_default="", validate=validate.Length(max=MAX_BODY))
    media_urls = fields.List(
        fields.Url(schemes={"http", "https"}),
        load_default=list,
        validate=validate.Length(max=MAX_MEDIA),
    )


class MessageQuery(_Body):
    """``GET /_mock/twilio/messages``' filters."""

    account_sid = fields.String()
    sender = fields.String(data_key="from")
    to = fields.String()
    status = fields.String()
    direction = fields.String()


@bp.get("/_mock/twilio/messages")
@documented(query=MessageQuery, answers={200: MessagesAnswer}, errors=(400,))
def list_messages():
    """Every Twilio message, oldest first, as the 2010 API renders it
    (``?account_sid=&from=&to=&status=&direction=``)."""
    args = read_query(MessageQuery())
    found = _backend().all_messages(
        account_sid=args.get("account_sid"),
        sender=_number(args.get("sender")),
        to=_number(args.get("to")),
        status=args.get("status"),
        direction=args.get("direction"),
    )
    return jsonify(messages=render_all(found, dump_message, "message", "sid"))


def _number(value: str | None) -> str | None:
    """A number filter; an unencoded ``+`` in a query string arrives as a space."""
    return "+" + value.strip() if value and value.startswith(" ") else value


@bp.post("/_mock/twilio/inbound-messages")
@documented(
    body=InboundMessageBody,
    answers={201: InboundAnswer},
    errors=(400, 404),
    example={"from": "+14155550123", "to": "+18005550100", "body": "STOP"},
)
def receive_inbound_message():
    """A handset texts one of the sandbox's numbers (201): the message is stored, its
    keyword applied, the number's webhook posted and a TwiML answer's replies sent."""
    body = read_json(InboundMessageBody())
    outcome = _backend().receive_message(
        body["from_"], body["to"], body["body"], body["media_urls"]
    )
    outcome["message"] = dump_message(outcome["message"])
    outcome["replies"] = [
        {"message": dump_message(reply["message"])} if "message" in reply else reply
        for reply in outcome["replies"]
    ]
    return created(outcome)
