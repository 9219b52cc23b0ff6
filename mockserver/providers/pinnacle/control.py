"""Pinnacle's part of the control API: API keys, numbers without a purchase, sent messages."""

from flask import Blueprint, jsonify
from marshmallow import RAISE, Schema, ValidationError, fields, validate

from mockserver.admin.answers import DeletedAnswer, MessagesAnswer, OpenAnswer
from mockserver.admin.http import (
    created,
    read_json,
    read_query,
    renamed_from,
    render_control_error,
)
from mockserver.nanp import E164
from mockserver.openapi import documented
from mockserver.runtime import current_runtime
from mockserver.webhooks import header_problem, url_problem

from .backend import PinnacleBackend
from .schemas import examples
from .schemas.messages import logged

bp = Blueprint("pinnacle_control", __name__)
bp.register_error_handler(Exception, render_control_error)


class _Body(Schema):
    class Meta:
        unknown = RAISE


class ApiKeyBody(_Body):
    api_key = fields.String(required=True, validate=validate.Length(min=1, max=512))


class PhoneNumberBody(_Body):
    api_key = fields.String(required=True, validate=validate.Length(min=1, max=512))
    phone_number = fields.String(required=True, validate=validate.Regexp(E164))


_OBJECTS = fields.List(fields.Dict(keys=fields.String()), required=True)


class ApiKeyAnswer(OpenAnswer):
    """A declared key and where it came from."""

    api_key = fields.String(required=True)
    source = fields.String()


class ApiKeysAnswer(Schema):
    """Every known key."""

    api_keys = _OBJECTS


class NumberAnswer(Schema):
    """A number given to a key."""

    number = fields.String(required=True)
    tenant = fields.String(required=True)
    type = fields.String(required=True)
    created_at = fields.String(required=True)


class SubscriptionAnswer(OpenAnswer):
    """A registered webhook URL."""

    id = fields.String(required=True)
    url = fields.String(required=True)


class SubscriptionsAnswer(Schema):
    """Every registered URL."""

    webhooks = _OBJECTS


class UnsubscribedAnswer(Schema):
    """The subscription that went."""

    deleted = fields.String(required=True)


def _backend() -> PinnacleBackend:
    return current_runtime().backend("pinnacle")


@bp.post("/_mock/pinnacle/api-keys")
@documented(
    body=ApiKeyBody,
    answers={201: ApiKeyAnswer},
    errors=(400,),
    example=examples.API_KEY,
)
def create_api_key():
    """Declare an API key (the only way in besides the seed file under --strict-auth)."""
    body = read_json(ApiKeyBody())
    return created(_backend().declare_api_key(body["api_key"], source="control API"))


@bp.get("/_mock/pinnacle/api-keys")
@documented(answers={200: ApiKeysAnswer})
def list_api_keys():
    """Every known API key and where it came from."""
    return jsonify(api_keys=_backend().api_key_list())


@bp.post("/_mock/pinnacle/phone-numbers")
@documented(
    body=PhoneNumberBody,
    answers={201: NumberAnswer},
    errors=(400, 404, 409),
    example=examples.PHONE_NUMBER,
)
def give_phone_number():
    """Give a key a number without a purchase (201); any E.164 number nobody owns."""
    body = read_json(PhoneNumberBody())
    number = _backend().give_number(body["api_key"], body["phone_number"])
    return created({key: number[key] for key in ("number", "tenant", "type", "created_at")})


class MessageQuery(_Body):
    api_key = fields.String()
    sender = fields.String(data_key="from")
    to = fields.String()
    type = fields.String(validate=validate.OneOf(["SMS", "MMS", "sms", "mms"]))


def _sendable_url(value: str) -> None:
    problem = url_problem(value)
    if problem is not None:
        raise ValidationError(f"The URL {problem}.")


def _header_value(value: str) -> None:
    """The secret travels as the PINNACLE-SIGNING-SECRET header, byte for byte."""
    problem = header_problem(value)
    if problem is not None:
        raise ValidationError(f"The secret is sent as a header value: it {problem}.")


class WebhookBody(_Body):
    url = fields.String(required=True, validate=_sendable_url)
    api_key = fields.String(validate=validate.Length(min=1, max=512), load_default=None)
    secret = fields.String(
        validate=[validate.Length(min=1, max=512), _header_value], load_default=None
    )


@bp.post("/_mock/pinnacle/webhooks")
@documented(
    body=WebhookBody,
    answers={201: SubscriptionAnswer},
    errors=(400,),
    example=examples.WEBHOOK,
)
def subscribe():
    """Send Pinnacle events (one key's, or every key's) to a URL from now on (201)."""
    body = read_json(WebhookBody())
    return created(_backend().subscribe(body["url"], body["api_key"], body["secret"]))


@bp.get("/_mock/pinnacle/webhooks")
@documented(answers={200: SubscriptionsAnswer})
def subscriptions():
    """Every registered URL."""
    return jsonify(webhooks=_backend().subscription_list())


@bp.delete("/_mock/pinnacle/webhooks/<sub_id>")
@documented(answers={200: UnsubscribedAnswer}, errors=(404,))
def unsubscribe(sub_id: str):
    """Stop sending to a registered URL; its pending deliveries are cancelled."""
    _backend().unsubscribe(sub_id)
    return jsonify(deleted=sub_id)


@renamed_from(bp, "GET", "/_mock/messages")
@bp.get("/_mock/pinnacle/messages")
@documented(query=MessageQuery, answers={200: MessagesAnswer}, errors=(400,))
def list_messages():
    """Messages the sandbox accepted, oldest first (``?api_key=&from=&to=&type=SMS|MMS``)."""
    args = read_query(MessageQuery())
    messages = _backend().sent_messages(
        tenant=args.get("api_key"),
        sender=_number(args.get("sender")),
        to=_number(args.get("to")),
        type=args["type"].upper() if args.get("type") else None,
    )
    return jsonify(messages=[logged(message) for message in messages])


@renamed_from(bp, "DELETE", "/_mock/messages")
@bp.delete("/_mock/pinnacle/messages")
@documented(answers={200: DeletedAnswer})
def clear_messages():
    """Forget every recorded message."""
    return jsonify(deleted=_backend().clear_messages())


def _number(value: str | None) -> str | None:
    """A number filter; an unencoded ``+`` in a query string arrives as a space."""
    return "+" + value.strip() if value and value.startswith(" ") else value
