"""The platform's part of the control API: setups (owned by an API key) and phone numbers."""

from flask import Blueprint, jsonify
from marshmallow import EXCLUDE, Schema, fields

from mockserver.admin.answers import OpenAnswer
from mockserver.admin.http import (
    created,
    read_json,
    read_query,
    renamed_from,
    render_control_error,
)
from mockserver.listing import render_all
from mockserver.openapi import documented
from mockserver.runtime import current_runtime

from .backend import PlatformBackend
from .setup_schemas import PhoneNumberBody, SetupBody

bp = Blueprint("platform_control", __name__)
bp.register_error_handler(Exception, render_control_error)


class SetupAnswer(Schema):
    """A setup as the control API shows it (its numbers when it lists them)."""

    id = fields.String(required=True)
    api_key = fields.String(required=True)
    name = fields.String(required=True, allow_none=True)
    webhook_url = fields.String(required=True, allow_none=True)
    webhook_secret = fields.String(required=True)
    created_at = fields.String(required=True)
    phone_numbers = fields.List(fields.Dict(keys=fields.String()))


class SetupsAnswer(Schema):
    """Setups with their numbers."""

    setups = fields.List(fields.Nested(SetupAnswer), required=True)


class SetupsQuery(Schema):
    """``GET /_mock/platform/setups``: one key's setups (other parameters are ignored)."""

    class Meta:
        unknown = EXCLUDE

    api_key = fields.String()


class NumberAnswer(OpenAnswer):
    """A number given to a setup."""

    id = fields.String(required=True)
    phone_number = fields.String(required=True)


def _backend() -> PlatformBackend:
    return current_runtime().backend("platform")


def public_setup(setup: dict, numbers: list[dict] | None = None) -> dict:
    """A setup as the control API shows it (with its numbers when given)."""
    body = {
        key: setup[key]
        for key in ("id", "api_key", "name", "webhook_url", "webhook_secret", "created_at")
    }
    if numbers is not None:
        body["phone_numbers"] = numbers
    return body


@renamed_from(bp, "POST", "/_mock/setups")
@bp.post("/_mock/platform/setups")
@documented(
    body=SetupBody,
    answers={201: SetupAnswer},
    errors=(400, 409),
    example={
        "api_key": "owl_platform_key",
        "name": "Owl",
        "webhook_url": "https://owl.example/hooks",
    },
)
def create_setup():
    """Create a setup owned by an API key (201 with its id and webhook signing secret)."""
    body = read_json(SetupBody())
    setup = _backend().create_setup(
        body["api_key"],
        setup_id=body.get("id"),
        webhook_url=body.get("webhook_url"),
        webhook_secret=body.get("webhook_secret"),
        name=body.get("name"),
    )
    return created(public_setup(setup))


@renamed_from(bp, "GET", "/_mock/setups")
@bp.get("/_mock/platform/setups")
@documented(query=SetupsQuery, answers={200: SetupsAnswer})
def list_setups():
    """Every setup, or one key's (``?api_key=…``), with their numbers."""
    setups = _backend().list_setups(read_query(SetupsQuery()).get("api_key"))
    shown = render_all(
        setups, lambda s: public_setup(s, _backend().setup_phone_numbers(s["id"])), "setup", "id"
    )
    return jsonify(setups=shown)


@renamed_from(bp, "GET", "/_mock/setups/<setup_id>")
@bp.get("/_mock/platform/setups/<setup_id>")
@documented(answers={200: SetupAnswer}, errors=(404,))
def fetch_setup(setup_id: str):
    """One setup with its numbers."""
    setup = _backend().setup(setup_id)
    return jsonify(public_setup(setup, _backend().setup_phone_numbers(setup_id)))


@renamed_from(bp, "POST", "/_mock/setups/<setup_id>/phone-numbers")
@bp.post("/_mock/platform/setups/<setup_id>/phone-numbers")
@documented(
    body=PhoneNumberBody,
    answers={201: NumberAnswer},
    errors=(400, 404, 409),
    example={"phone_number": "+18775550144"},
)
def add_phone_number(setup_id: str):
    """Give a setup a phone number (201 with its id; any E.164 number, toll-free or not)."""
    body = read_json(PhoneNumberBody())
    number = _backend().add_phone_number(setup_id, body["phone_number"], number_id=body.get("id"))
    return created(number)
