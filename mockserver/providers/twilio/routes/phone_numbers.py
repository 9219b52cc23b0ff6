"""The 2010 API routes SDK code uses to buy numbers: IncomingPhoneNumbers, AvailablePhoneNumbers."""

from flask import Response, jsonify, request

from mockserver.openapi import documented, kind_schema

from ..errors import ResourceNotFound
from ..purchases import LOCAL, TOLL_FREE
from ..records import PHONE_NUMBER
from ..schemas import load_form
from ..schemas.document import AvailableNumbers, page_of
from ..schemas.paging import filter_params, page_2010, page_position
from ..schemas.phone_numbers import (
    API,
    DEFAULT_CONFIG,
    ORIGIN,
    AvailableQuery,
    IncomingNumberSchema,
    KindNumberSchema,
    ListIncomingQuery,
    UpdateIncomingNumberSchema,
    dump_available,
    dump_incoming,
    number_pattern,
)
from . import backend, bp, form, load_query, path_account

ACCOUNT = f"{API}/Accounts/<account_sid>"
KINDS = {"TollFree": TOLL_FREE, "Local": LOCAL}
_incoming, _update = IncomingNumberSchema(), UpdateIncomingNumberSchema()
_of_kind = KindNumberSchema()
_list_query = ListIncomingQuery()
_available_query = AvailableQuery()
_NUMBER = kind_schema(PHONE_NUMBER)
_NUMBERS = page_of("incoming_phone_numbers", PHONE_NUMBER, v1=False)
_SETTINGS = {"FriendlyName": "Owl support", "SmsUrl": "https://owl.example/sms"}
_LIST = documented(query=ListIncomingQuery, answers={200: _NUMBERS}, errors=(400, 404))


def _config(values: dict) -> dict:
    return {name: values[name] for name in DEFAULT_CONFIG if name in values}


def _create(account_sid: str, kind: str | None):
    values = load_form(_incoming if kind is None else _of_kind, form())
    record = backend().buy_phone_number(
        path_account(account_sid),
        phone_number=values.get("phone_number"),
        area_code=values.get("area_code"),
        kind=kind,
        friendly_name=values.get("friendly_name"),
        config=_config(values),
    )
    return jsonify(dump_incoming(record)), 201


def _list(account_sid: str, kind: str | None):
    params = load_query(_list_query)
    records = backend().phone_numbers(path_account(account_sid))
    if kind is not None:
        records = [r for r in records if r.get("toll_free") == (kind == TOLL_FREE)]
    if params.get("friendly_name"):
        records = [r for r in records if r.get("friendly_name") == params["friendly_name"]]
    if params.get("phone_number"):
        matches = number_pattern(params["phone_number"]).search
        records = [r for r in records if matches(r.get("phone_number") or "")]
    if params.get("origin") and params["origin"].lower() != ORIGIN:
        records = []  # every sandbox number is Twilio's own, none hosted
    filters = filter_params(params, _list_query)
    position = _, offset, page_size = page_position(params)
    window = records[offset : offset + page_size + 1]
    key = "incoming_phone_numbers"
    return jsonify(page_2010(request.path, key, window, dump_incoming, position, filters))


@bp.post(f"{ACCOUNT}/IncomingPhoneNumbers.json")
@documented(
    form=IncomingNumberSchema,
    answers={201: _NUMBER},
    errors=(400, 404),
    example={"AreaCode": "877", **_SETTINGS},
)
def create_incoming_number(account_sid: str):
    """Buy a number by ``PhoneNumber`` or ``AreaCode`` (201)."""
    return _create(account_sid, None)


@bp.post(f"{ACCOUNT}/IncomingPhoneNumbers/<any(TollFree, Local):kind>.json")
@documented(
    form=KindNumberSchema,
    answers={201: _NUMBER},
    errors=(400, 404),
    example={"PhoneNumber": "+18005550101", **_SETTINGS},
)
def create_incoming_number_of_kind(account_sid: str, kind: str):
    """Buy a toll-free or local number (201)."""
    return _create(account_sid, KINDS[kind])


@bp.get(f"{ACCOUNT}/IncomingPhoneNumbers.json")
@_LIST
def list_incoming_numbers(account_sid: str):
    """The account's numbers, 2010-style paging."""
    return _list(account_sid, None)


@bp.get(f"{ACCOUNT}/IncomingPhoneNumbers/<any(TollFree, Local):kind>.json")
@_LIST
def list_incoming_numbers_of_kind(account_sid: str, kind: str):
    """The account's toll-free or local numbers."""
    return _list(account_sid, KINDS[kind])


@bp.get(f"{ACCOUNT}/IncomingPhoneNumbers/<sid>.json")
@documented(answers={200: _NUMBER}, errors=(404,))
def fetch_incoming_number(account_sid: str, sid: str):
    """One number (200)."""
    return jsonify(dump_incoming(backend().owned_phone_number(path_account(account_sid), sid)))


@bp.post(f"{ACCOUNT}/IncomingPhoneNumbers/<sid>.json")
@documented(
    form=UpdateIncomingNumberSchema,
    answers={200: _NUMBER},
    errors=(400, 404),
    example=_SETTINGS,
)
def update_incoming_number(account_sid: str, sid: str):
    """Change a number's friendly name or webhooks (200)."""
    values = load_form(_update, form())
    changes = {"friendly_name": values.get("friendly_name"), "config": _config(values)}
    record = backend().update_phone_number(path_account(account_sid), sid, changes)
    return jsonify(dump_incoming(record))


@bp.delete(f"{ACCOUNT}/IncomingPhoneNumbers/<sid>.json")
@documented(answers={204: None}, errors=(404,))
def release_incoming_number(account_sid: str, sid: str):
    """Release a number (204)."""
    backend().release_phone_number(path_account(account_sid), sid)
    return Response(status=204)


@bp.get(f"{ACCOUNT}/AvailablePhoneNumbers/<country>/<any(TollFree, Local):kind>.json")
@documented(query=AvailableQuery, answers={200: AvailableNumbers}, errors=(400, 404))
def search_available_numbers(account_sid: str, country: str, kind: str):
    """Free numbers from the sandbox's deterministic inventory."""
    path_account(account_sid)
    params = load_query(_available_query)
    numbers = backend().search_phone_numbers(
        country=country.upper(),
        kind=KINDS[kind],
        area_code=params.get("area_code"),
        contains=params.get("contains"),
        limit=params.get("page_size", 50),
    )
    if numbers is None:
        raise ResourceNotFound(request.path)
    return jsonify(
        {
            "uri": request.full_path.rstrip("?"),
            "available_phone_numbers": [
                dump_available(number, country.upper(), KINDS[kind] == TOLL_FREE)
                for number in numbers
            ],
        }
    )
