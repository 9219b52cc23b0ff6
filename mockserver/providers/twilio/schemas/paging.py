"""Twilio list pages: v1's ``meta`` block whose URLs are absolute on the sandbox's origin,
and the 2010 API's envelope whose ``*_page_uri`` are relative.

The SDK requests ``meta.next_page_url`` verbatim, so every page URL carries the request's
filters, ``PageSize``, ``Page`` and an opaque ``PageToken`` naming the page's offset.
"""

import base64
import binascii
import json
from collections.abc import Callable
from functools import lru_cache
from urllib.parse import urlencode

from mockserver.listing import render_all

from ..errors import InvalidParameter


def encode_page_token(offset: int) -> str:
    """An opaque ``PT…`` token naming where a page starts."""
    raw = json.dumps({"offset": offset}, separators=(",", ":")).encode()
    return "PT" + base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_page_token(token: str) -> int:
    """The offset inside a token from ``encode_page_token``."""
    try:
        if not token.startswith("PT"):
            raise ValueError("no PT prefix")
        raw = token[2:]
        data = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
        offset = data["offset"]
        if type(offset) is not int or offset < 0:
            raise ValueError("bad offset")
        return offset
    except (ValueError, KeyError, TypeError, binascii.Error):
        raise InvalidParameter("Invalid PageToken") from None


def page_position(query: dict) -> tuple[int, int, int]:
    """``(page, offset, page_size)`` a list query asks for (``PageToken`` names the offset)."""
    page_size = query.get("page_size", 50)
    if "page_token" in query:
        offset = decode_page_token(query["page_token"])
        return query.get("page", offset // page_size), offset, page_size
    page = query.get("page", 0)
    return page, page * page_size, page_size


def meta_page(
    *,
    url: str,
    key: str,
    items: list,
    query: dict,
    filters: list[tuple[str, str]],
    render: Callable[[dict], dict],
    kind: str = "record",
    position: tuple[int, int, int] | None = None,
) -> dict:
    """One page of ``items`` under ``key``, with Twilio's ``meta`` (``url`` is absolute).

    ``items`` is the whole list, or (``position``, the query's ``page_position``, given) only
    the part from the page's offset on, at least one item past the page when there is a next
    one. Only the page is rendered; an item of it that cannot be (a damaged stored record,
    the ``kind`` whose id is its ``sid``) is left out with a warning (``listing.render_all``).
    """
    page, offset, page_size = position or page_position(query)
    window = items[offset : offset + page_size + 1] if position is None else items
    shown = tuple(filters)

    def link(number: int, start: int) -> str:
        return page_link(url, shown, page_size, number, start)

    has_next = len(window) > page_size
    previous = link(max(page - 1, 0), max(offset - page_size, 0)) if offset else None
    return {
        "meta": {
            "page": page,
            "page_size": page_size,
            "first_page_url": link(0, 0),
            "previous_page_url": previous,
            "next_page_url": link(page + 1, offset + page_size) if has_next else None,
            "key": key,
            "url": link(page, offset),
        },
        key: render_all(window[:page_size], render, kind, "sid"),
    }


@lru_cache(maxsize=256)  # a poll asks for the same few pages: 3 urlencodes were ~10% of a list
def page_link(
    url: str, filters: tuple[tuple[str, str], ...], page_size: int, page: int, start: int
) -> str:
    """A page's URL: the filters, ``PageSize``, ``Page`` and (past the first) ``PageToken``."""
    params = [*filters, ("PageSize", page_size), ("Page", page)]
    if start:
        params.append(("PageToken", encode_page_token(start)))
    return f"{url}?{urlencode(params)}"


def page_2010(
    path: str,
    key: str,
    records: list[dict],
    render: Callable[[dict], dict],
    position: tuple[int, int, int],
    filters: list[tuple[str, str]],
) -> dict:
    """A 2010 page under ``key`` (``records`` from the page's offset on, one past the page
    when a next page exists); every ``*_page_uri`` is relative and repeats the filters."""
    page, offset, page_size = position
    chunk = render_all(records[:page_size], render, key, "sid")
    shown = tuple(filters)

    def uri(number: int, start: int) -> str:
        return page_link(path, shown, page_size, number, start)

    return {
        "end": offset + max(len(chunk) - 1, 0),
        "first_page_uri": uri(0, 0),
        key: chunk,
        "next_page_uri": uri(page + 1, offset + page_size) if len(records) > page_size else None,
        "page": page,
        "page_size": page_size,
        "previous_page_uri": uri(max(page - 1, 0), max(offset - page_size, 0)) if offset else None,
        "start": offset,
        "uri": uri(page, offset),
    }


PAGING = ("page_size", "page", "page_token")


def filter_params(params: dict, schema) -> list[tuple[str, str]]:
    """A list's filters (not its paging), in the query schema's order, as its page URLs
    repeat them: a boolean as ``true``/``false``, a list as one pair per value."""
    shown: list[tuple[str, str]] = []
    for name, field in schema.load_fields.items():
        value = params.get(name)
        if name in PAGING or value is None:
            continue
        values = value if isinstance(value, list | tuple) else [value]
        shown += [(field.data_key, _text(item)) for item in values]
    return shown


def _text(value) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)
