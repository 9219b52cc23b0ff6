"""``/v1/Tollfree/Verifications``: create, list, fetch, edit, delete."""

from flask import Response, g

from mockserver.json_body import json_response, writer, written_response
from mockserver.openapi import documented, kind_schema

from ..backend import VerificationFilters
from ..errors import InvalidValue
from ..models import VERIFICATION
from ..schemas import load_form
from ..schemas.document import VERIFICATION_EXAMPLE, page_of
from ..schemas.paging import page_position
from ..schemas.verifications import (
    LIST_PATH,
    CreateVerificationSchema,
    ListVerificationsQuery,
    UpdateVerificationSchema,
    dump_verification,
    list_page,
)
from . import backend, bp, form, load_query, origin

_create_schema = CreateVerificationSchema()
_update_schema = UpdateVerificationSchema()
_list_query = ListVerificationsQuery()
_VERIFICATION = kind_schema(VERIFICATION)


@bp.post(LIST_PATH)
@documented(
    form=CreateVerificationSchema,
    answers={201: _VERIFICATION},
    errors=(400, 409, 422),
    example=VERIFICATION_EXAMPLE,
)
def create_verification():
    """Submit a toll-free number for verification (201)."""
    values = load_form(_create_schema, form(), InvalidValue)
    record = backend().create_verification(g.account_sid, values)
    return json_response(dump_verification(record, origin(), with_links=False), 201)


@bp.get(LIST_PATH)
@documented(
    query=ListVerificationsQuery,
    answers={200: page_of("verifications", VERIFICATION)},
    errors=(400,),
)
def list_verifications():
    """One page of the account's verifications (200, even when empty)."""
    params = load_query(_list_query)
    filters = VerificationFilters(
        status=params.get("status"),
        tollfree_phone_number_sid=params.get("tollfree_phone_number_sid"),
        external_reference_id=params.get("external_reference_id"),
        trust_product_sids=tuple(params.get("trust_product_sid") or ()),
        include_sub_accounts=params.get("include_sub_accounts", False),
    )
    position = _, offset, page_size = page_position(params)
    # One past the page tells whether a next page exists.
    records = backend().list_verifications(
        g.account_sid, filters, offset=offset, limit=page_size + 1, shared=True
    )
    write = writer()
    if write is None:
        return json_response(list_page(params, records, origin(), position=position))
    # Each record's JSON is kept with its stored version: a page read again writes only meta.
    url = origin()
    render = write.bound(dump_verification, url)
    page = list_page(params, records, url, position=position, render=render)
    return write.page_response(page, "verifications")


@bp.get(f"{LIST_PATH}/<sid>")
@documented(answers={200: _VERIFICATION}, errors=(404,))
def fetch_verification(sid: str):
    """One verification (200)."""
    record = backend().fetch_verification(g.account_sid, sid, shared=True)
    return written_response(record, dump_verification, origin())


@bp.post(f"{LIST_PATH}/<sid>")
@documented(
    form=UpdateVerificationSchema,
    answers={202: _VERIFICATION},
    errors=(400, 404, 409),
    example={"BusinessWebsite": "https://owl.example/about", "EditReason": "Website fixed"},
)
def update_verification(sid: str):
    """Edit a rejected verification and resubmit it (202)."""
    values = load_form(_update_schema, form(), InvalidValue)
    record = backend().update_verification(g.account_sid, sid, values)
    return json_response(dump_verification(record, origin(), with_links=False), 202)


@bp.delete(f"{LIST_PATH}/<sid>")
@documented(answers={204: None}, errors=(404,))
def delete_verification(sid: str):
    """Delete a verification (204, empty body)."""
    backend().delete_verification(g.account_sid, sid)
    return Response(status=204)
