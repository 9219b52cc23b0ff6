"""JSON response bodies written by msgspec, byte for byte as the app's Flask JSON provider
writes them (compact, keys in the provider's order, ASCII only), for the hot routes whose
bodies hold only JSON's types (dicts, lists, strings, integers, booleans, None): a page of 50
Twilio verifications takes about 0.3 ms to write instead of 2.8 ms.

msgspec and the standard library agree on such bodies except in three places, where
``json_response`` hands the body to Flask instead: a character outside ASCII (the standard
library escapes it, msgspec writes UTF-8), DEL (``\\u007f``, same), and a float (``1e+16``
against ``1e16``), which a decoder whose float hook refuses finds without a Python walk.

Nothing here checks that a body holds only JSON's types: msgspec writes a datetime as ISO
text where Flask writes an HTTP date, NaN and infinities as ``null`` where Flask writes
``NaN``, and an enum, a set or bytes where Flask refuses them. So a route opts in only for a
body built from stored documents (decoded JSON, or a record that just passed
``store_codec.encode``'s check), never as the app's JSON provider.
"""

import json
from collections.abc import Callable
from typing import Any

import msgspec
from flask import Flask, Response, current_app, jsonify

from mockserver.shared_docs import SharedDoc

_ENCODERS = {
    True: msgspec.json.Encoder(order="sorted").encode,
    False: msgspec.json.Encoder().encode,  # a dict's own order, as json.dumps keeps it
}


class _Float(Exception):
    """A float in the body: only the standard library writes it as Flask would."""


def _refuse_float(text: str) -> float:
    raise _Float(text)


_check_floats = msgspec.json.Decoder(float_hook=_refuse_float).decode


def compact_json(body: Any, *, sort_keys: bool = True) -> bytes | None:
    """``body`` (JSON's types only: see the module's docstring) as Flask's compact, ASCII
    JSON (keys sorted or in each dict's order), or None when only the standard library writes
    it exactly (a character outside ASCII, DEL, a float, a key msgspec refuses)."""
    try:
        written = _ENCODERS[sort_keys](body)
    except (TypeError, ValueError):  # a lone surrogate, a key that is not a string, …
        return None
    if not written.isascii() or b"\x7f" in written:
        return None
    try:
        _check_floats(written)
    except _Float:
        return None
    return written


def json_response(body: Any, status: int = 200) -> Response:
    """``jsonify(body)`` with ``status``, written by msgspec when it writes the same bytes."""
    sort_keys = plain_json()
    written = None if sort_keys is None else compact_json(body, sort_keys=sort_keys)
    if written is None:
        return _jsonify(body, status)
    return _response(written, status)


def plain_json(app: Flask | None = None) -> bool | None:
    """Whether the app's JSON sorts keys, when it writes compact ASCII JSON (which the fast
    paths here copy); None when it writes anything else (indented, say, in debug mode)."""
    if app is None:
        app = current_app._get_current_object()  # one context lookup, not three
    provider = app.json
    compact = provider.compact if provider.compact is not None else not app.debug
    if compact and getattr(provider, "ensure_ascii", False) is True:
        return bool(provider.sort_keys)
    return None


class Writer:
    """``write(doc, render, *args)``: ``render(doc, *args)`` written, kept on ``doc`` when it
    is a ``SharedDoc``; ``bound(render, *args)``: the same for many documents (a page), the
    cache key worked out once; ``page_response``: a page of what it wrote. ``render`` must be
    a pure function of its arguments; a ``SharedDoc`` among ``args`` is named by its
    version."""

    __slots__ = ("_provider", "_sort_keys")

    def __init__(self, sort_keys: bool, provider: Any):
        self._sort_keys, self._provider = sort_keys, provider

    def __call__(self, doc: dict, render: Callable[..., Any], *args: Any) -> bytes:
        if not isinstance(doc, SharedDoc):
            return self._fresh(doc, render, args)
        key = self._key(render, args)
        if key is None:
            return self._fresh(doc, render, args)
        return doc.derive(key, lambda: self._fresh(doc, render, args))

    def bound(self, render: Callable[..., Any], *args: Any) -> Callable[[dict], bytes]:
        """``write(doc, render, *args)`` for any ``doc``."""
        key, fresh = self._key(render, args), self._fresh

        def write(doc: dict) -> bytes:
            if key is None or not isinstance(doc, SharedDoc):
                return fresh(doc, render, args)
            return doc.derive(key, lambda: fresh(doc, render, args))

        return write

    def page_response(self, body: dict, key: str, status: int = 200) -> Response:
        """``json_response`` of ``body`` whose ``key`` holds a list of items this writer
        wrote: only the rest of the body is written now."""
        items = body[key]
        if compact_json({**body, key: []}, sort_keys=self._sort_keys) is None:
            # Read back exactly (JSON's own types) for the standard library to write it all.
            return _jsonify({**body, key: [json.loads(item) for item in items]}, status)
        spliced = {**body, key: [msgspec.Raw(item) for item in items]}
        return _response(_ENCODERS[self._sort_keys](spliced), status)

    def _key(self, render: Callable[..., Any], args: tuple) -> tuple | None:
        """What names a rendering among a document's derived values; None when an argument
        is a plain dict (it names no stored version)."""
        # By type too: 1, 1.0 and True are equal keys but are written differently.
        named = tuple(
            arg.version if isinstance(arg, SharedDoc) else (type(arg), arg) for arg in args
        )
        key = (render, named, self._sort_keys, self._provider)
        try:
            hash(key)
        except TypeError:
            return None
        return key

    def _fresh(self, doc: dict, render: Callable[..., Any], args: tuple) -> bytes:
        body = render(doc, *args)
        exact = compact_json(body, sort_keys=self._sort_keys)
        if exact is not None:
            return exact
        return self._provider.dumps(body, separators=(",", ":")).encode()


def writer() -> Writer | None:
    """A ``Writer`` for this request: JSON as the app writes it, kept on each ``SharedDoc``
    for the next reader of the same stored version; None when the app does not write compact
    ASCII JSON (``plain_json``)."""
    app = current_app._get_current_object()
    sort_keys = plain_json(app)
    if sort_keys is None:
        return None
    return Writer(sort_keys, app.json)


def written_response(doc: dict, render: Callable[..., Any], *args: Any, status: int = 200):
    """``json_response(render(doc, *args), status)``, its JSON kept on a ``SharedDoc``."""
    write = writer()
    if write is None:
        return _jsonify(render(doc, *args), status)
    return _response(write(doc, render, *args), status)


def _jsonify(body: Any, status: int) -> Response:
    response = jsonify(body)
    response.status_code = status
    return response


def _response(written: bytes, status: int) -> Response:
    app = current_app._get_current_object()
    return app.response_class(written + b"\n", status=status, mimetype=app.json.mimetype)
