"""The 2010 API's Messages: send, fetch, list, redact or cancel, delete; and their Media."""

from flask import Response, jsonify, request

from mockserver.openapi import documented, kind_schema

from ..errors import MessageError, ResourceNotFound
from ..media import find
from ..message_models import MESSAGE
from ..messages import MessageFilters, date_matches, date_sent_bound
from ..schemas import load_form
from ..schemas.document import SEED_LOCAL_NUMBER, Media, page_of
from ..schemas.messages import (
    API,
    ListMediaQuery,
    ListMessagesQuery,
    SendMessageSchema,
    UpdateMessageSchema,
    dump_media,
    dump_message,
)
from ..schemas.paging import filter_params, page_2010, page_position
from . import backend, bp, form, load_query, path_account

MESSAGES = f"{API}/Accounts/<account_sid>/Messages"
MEDIA = f"{MESSAGES}/<message_sid>/Media"
_send = SendMessageSchema()
_list_query = ListMessagesQuery()
_media_query = ListMediaQuery()
_MESSAGE = kind_schema(MESSAGE)


def _bounds(params: dict, *names: str) -> list[str | None]:
    """The date filters ``names`` as the filters compare them (validated by the schema)."""
    return [date_sent_bound(params[name]) if params.get(name) else None for name in names]


@bp.post(f"{MESSAGES}.json")
@documented(
    form=SendMessageSchema,
    answers={201: _MESSAGE},
    errors=(400, 404),
    example={"From": SEED_LOCAL_NUMBER, "To": "+14155550123", "Body": "Your Owl code is 123456"},
)
def send_message(account_sid: str):
    """Accept a message for sending (201, ``queued``)."""
    values = load_form(_send, form())
    values["from"] = values.pop("from_", None)
    record = backend().send_message(path_account(account_sid), values)
    return jsonify(dump_message(record)), 201


@bp.get(f"{MESSAGES}.json")
@documented(
    query=ListMessagesQuery,
    answers={200: page_of("messages", MESSAGE, v1=False)},
    errors=(400, 404),
)
def list_messages(account_sid: str):
    """The account's messages, newest first, 2010-style paging."""
    params = load_query(_list_query)
    on, before, after = _bounds(params, "date_sent", "date_sent_before", "date_sent_after")
    filters = MessageFilters(
        to=params.get("to"),
        sender=params.get("from_"),
        sent_on=on,
        sent_before=before,
        sent_after=after,
    )
    position = _, offset, page_size = page_position(params)
    records = backend().message_page(
        path_account(account_sid), filters, offset=offset, limit=page_size + 1
    )
    filters_shown = filter_params(params, _list_query)
    return jsonify(
        page_2010(request.path, "messages", records, dump_message, position, filters_shown)
    )


@bp.get(f"{MESSAGES}/<sid>.json")
@documented(answers={200: _MESSAGE}, errors=(404,))
def fetch_message(account_sid: str, sid: str):
    """One message (200)."""
    return jsonify(dump_message(backend().message(path_account(account_sid), sid, shared=True)))


@bp.post(f"{MESSAGES}/<sid>.json")
@documented(
    form=UpdateMessageSchema, answers={200: _MESSAGE}, errors=(400, 404), example={"Body": ""}
)
def update_message(account_sid: str, sid: str):
    """Redact a message's body (``Body=""``) or cancel a scheduled one (``Status=canceled``)."""
    owner = path_account(account_sid)
    # Exactly one of the two, once, with the one value ``UpdateMessageSchema`` documents.
    given = {key: values for key, values in form().items() if key in ("Body", "Status")}
    if given == {"Status": ["canceled"]}:
        record = backend().cancel_message(owner, sid)
    elif given == {"Body": [""]}:
        record = backend().redact_message(owner, sid)
    else:
        raise MessageError(30400, "Parameters are not valid")
    return jsonify(dump_message(record))


@bp.delete(f"{MESSAGES}/<sid>.json")
@documented(answers={204: None}, errors=(400, 404))
def delete_message(account_sid: str, sid: str):
    """Delete a message that is done (204)."""
    backend().delete_message(path_account(account_sid), sid)
    return Response(status=204)


@bp.get(f"{MEDIA}.json")
@documented(
    query=ListMediaQuery,
    answers={200: page_of("media_list", Media, v1=False)},
    errors=(400, 404),
)
def list_media(account_sid: str, message_sid: str):
    """A message's media (``media_list``), in the order they were sent."""
    params = load_query(_media_query)
    message = backend().message(path_account(account_sid), message_sid, shared=True)
    on, before, after = _bounds(params, "date_created", "date_created_before", "date_created_after")
    media = [m for m in message["media"] if date_matches(m["date_created"], on, before, after)]
    position = _, offset, page_size = page_position(params)

    def render(medium: dict) -> dict:
        return dump_media(message, medium)

    window = media[offset : offset + page_size + 1]
    filters_shown = filter_params(params, _media_query)
    return jsonify(page_2010(request.path, "media_list", window, render, position, filters_shown))


@bp.get(f"{MEDIA}/<sid>.json")
@documented(answers={200: Media}, errors=(404,))
def fetch_media(account_sid: str, message_sid: str, sid: str):
    """One medium of a message (200)."""
    message = backend().message(path_account(account_sid), message_sid, shared=True)
    medium = find(message, sid)
    if medium is None:
        raise ResourceNotFound(request.path)
    return jsonify(dump_media(message, medium))


@bp.delete(f"{MEDIA}/<sid>.json")
@documented(answers={204: None}, errors=(400, 404))
def delete_media(account_sid: str, message_sid: str, sid: str):
    """Delete one medium of a message that is done (204)."""
    backend().delete_message_media(path_account(account_sid), message_sid, sid)
    return Response(status=204)
