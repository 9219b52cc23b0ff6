"""The platform's part of the control API: setups (owned by an API key) and phone numbers."""

from flask import Blueprint, jsonify, request

from mockserver.admin.http import created, read_json, renamed_from, render_control_error
from mockserver.listing import render_all
from mockserver.runtime import current_runtime

from .backend import PlatformBackend
from .setup_schemas import PhoneNumberBody, SetupBody

bp = Blueprint("platform_control", __name__)
bp.register_error_handler(Exception, render_control_error)


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
def list_setups():
    """Every setup, or one key's (``?api_key=…``), with their numbers."""
    setups = _backend().list_setups(request.args.get("api_key"))
    shown = render_all(
        setups, lambda s: public_setup(s, _backend().setup_phone_numbers(s["id"])), "setup", "id"
    )
    return jsonify(setups=shown)


@renamed_from(bp, "GET", "/_mock/setups/<setup_id>")
@bp.get("/_mock/platform/setups/<setup_id>")
def fetch_setup(setup_id: str):
    """One setup with its numbers."""
    setup = _backend().setup(setup_id)
    return jsonify(public_setup(setup, _backend().setup_phone_numbers(setup_id)))


@renamed_from(bp, "POST", "/_mock/setups/<setup_id>/phone-numbers")
@bp.post("/_mock/platform/setups/<setup_id>/phone-numbers")
def add_phone_number(setup_id: str):
    """Give a setup a phone number (201 with its id; any E.164 number, toll-free or not)."""
    body = read_json(PhoneNumberBody())
    number = _backend().add_phone_number(setup_id, body["phone_number"], number_id=body.get("id"))
    return created(number)
