"""Messaging Services v1 (``messaging.twilio.com/v1/Services``): services and sender pools."""

from flask import Response, g, jsonify

from mockserver.openapi import documented, kind_schema

from ..schemas import load_form
from ..schemas.document import SEED_TOLL_FREE_PN, page_of
from ..schemas.paging import meta_page
from ..schemas.services import (
    SERVICES_PATH,
    AddPhoneNumberSchema,
    CreateServiceSchema,
    ListPhoneNumbersQuery,
    ListServicesQuery,
    UpdateServiceSchema,
    dump_service,
    dump_service_number,
)
from ..service_models import SERVICE, SERVICE_PHONE_NUMBER
from . import backend, bp, form, load_query, origin

NUMBERS = f"{SERVICES_PATH}/<service_sid>/PhoneNumbers"
_create, _update, _list = CreateServiceSchema(), UpdateServiceSchema(), ListServicesQuery()
_add_number, _list_numbers = AddPhoneNumberSchema(), ListPhoneNumbersQuery()
_SERVICE, _NUMBER = kind_schema(SERVICE), kind_schema(SERVICE_PHONE_NUMBER)


def _page(path: str, key: str, records: list, params: dict, dump, kind: str) -> Response:
    base = origin()
    return jsonify(
        meta_page(
            url=f"{base}{path}",
            key=key,
            items=records,
            query=params,
            filters=[],
            render=lambda record: dump(record, base),
            kind=kind,
        )
    )


@bp.post(SERVICES_PATH)
@documented(
    form=CreateServiceSchema,
    answers={201: _SERVICE},
    errors=(400,),
    example={"FriendlyName": "Owl notifications", "StatusCallback": "https://owl.example/status"},
)
def create_service():
    """Create a Messaging Service (201)."""
    values = load_form(_create, form())
    return jsonify(dump_service(backend().create_service(g.account_sid, values), origin())), 201


@bp.get(SERVICES_PATH)
@documented(query=ListServicesQuery, answers={200: page_of("services", SERVICE)}, errors=(400,))
def list_services():
    """The account's services, newest first (list key ``services``)."""
    params = load_query(_list)
    services = backend().list_services(g.account_sid)
    return _page(SERVICES_PATH, "services", services, params, dump_service, "messaging service")


@bp.get(f"{SERVICES_PATH}/<sid>")
@documented(answers={200: _SERVICE}, errors=(404,))
def fetch_service(sid: str):
    """One service."""
    return jsonify(dump_service(backend().fetch_service(g.account_sid, sid), origin()))


@bp.post(f"{SERVICES_PATH}/<sid>")
@documented(
    form=UpdateServiceSchema,
    answers={200: _SERVICE},
    errors=(400, 404),
    example={"FriendlyName": "Owl alerts", "ValidityPeriod": 3600},
)
def update_service(sid: str):
    """Change any of a service's settings."""
    values = load_form(_update, form())
    return jsonify(dump_service(backend().update_service(g.account_sid, sid, values), origin()))


@bp.delete(f"{SERVICES_PATH}/<sid>")
@documented(answers={204: None}, errors=(404,))
def delete_service(sid: str):
    """Delete a service and its sender pool (204)."""
    backend().delete_service(g.account_sid, sid)
    return Response(status=204)


@bp.post(NUMBERS)
@documented(
    form=AddPhoneNumberSchema,
    answers={201: _NUMBER},
    errors=(400, 404),
    example={"PhoneNumberSid": SEED_TOLL_FREE_PN},
)
def add_service_phone_number(service_sid: str):
    """Put one of the account's numbers in the service's pool (201)."""
    values = load_form(_add_number, form())
    entry = backend().add_service_number(g.account_sid, service_sid, values["phone_number_sid"])
    return jsonify(dump_service_number(entry, origin())), 201


@bp.get(NUMBERS)
@documented(
    query=ListPhoneNumbersQuery,
    answers={200: page_of("phone_numbers", SERVICE_PHONE_NUMBER)},
    errors=(400, 404),
)
def list_service_phone_numbers(service_sid: str):
    """The pool's numbers, oldest first (list key ``phone_numbers``)."""
    params = load_query(_list_numbers)
    numbers = backend().service_numbers(g.account_sid, service_sid)
    path = f"{SERVICES_PATH}/{service_sid}/PhoneNumbers"
    return _page(path, "phone_numbers", numbers, params, dump_service_number, "pool number")


@bp.get(f"{NUMBERS}/<sid>")
@documented(answers={200: _NUMBER}, errors=(404,))
def fetch_service_phone_number(service_sid: str, sid: str):
    """One number of the pool."""
    entry = backend().fetch_service_number(g.account_sid, service_sid, sid)
    return jsonify(dump_service_number(entry, origin()))


@bp.delete(f"{NUMBERS}/<sid>")
@documented(answers={204: None}, errors=(404,))
def delete_service_phone_number(service_sid: str, sid: str):
    """Take a number out of the pool (204)."""
    backend().remove_service_number(g.account_sid, service_sid, sid)
    return Response(status=204)
