"""How the store holds documents: as JSON bytes, in memory and on disk alike.

A document is kept encoded, not as a ``dict``: 100,000 Twilio verifications with their
numbers and plans take about 245 MB as compact JSON against about 670 MB as Python dicts
(docs/store.md has the figures). msgspec writes and reads that JSON in a few microseconds a
document, exactly (integers of any size included); ``decode`` gives a fresh ``dict`` every
call, so reading a document is also copying it. Two things msgspec does not do the way the
standard library does, and how the store copes:

* a lone surrogate (``"\\ud800"``, which Python's JSON parser accepts) cannot be UTF-8:
  such a document is written by the standard library, escaped, and read back by it;
* NaN and infinities, which strict JSON lacks, are written as ``null`` (the standard library
  would write the non-JSON ``NaN``, and does in the rare document it writes);
* msgspec writes what JSON lacks (a datetime, an enum, a set, bytes) where ``json.dumps``
  refuses it: ``encode`` refuses such a value first, with the ``TypeError`` ``json.dumps``
  raises, so a leaked sentinel or object never becomes a stored string.

A snapshot is plain JSON (a TinyDB file) with one document per line::

    {
    "table":{
    "key":{...},
    "key2":{...}
    }
    }

``parse_snapshot`` reads any JSON object of tables (that layout, an older single-line
snapshot, a file edited by hand) with msgspec, which checks the whole file and hands each
document over without building or copying it: a ``msgspec.Raw`` slice of the file's bytes,
which stay in memory while any document loaded from them does (so replaced documents keep
their old bytes until a restart: at most the snapshot's size). Only a file msgspec refuses
is read again by the standard library, for its exact error or its lone surrogates.
"""

import codecs
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypedDict

import msgspec

_encode = msgspec.json.Encoder().encode
_decode = msgspec.json.Decoder().decode
_tables = msgspec.json.Decoder(dict[str, dict[str, msgspec.Raw]]).decode
_changes = msgspec.json.Decoder(list[tuple[str, str, msgspec.Raw]]).decode
_SEPARATORS = (",", ":")
_BRACE = ord("{")
_SCALARS = frozenset({str, int, float, bool, type(None)})


def encode(doc: dict) -> bytes:
    """A document as compact JSON bytes; ``TypeError`` for a value JSON lacks, as
    ``json.dumps`` refuses it (msgspec would write a datetime, an enum or a set)."""
    _refuse_non_json(doc)
    try:
        return _encode(doc)
    except (TypeError, UnicodeEncodeError):  # a lone surrogate, a key None or True
        return json.dumps(doc, separators=_SEPARATORS).encode()


def decode(raw: bytes) -> dict:
    """A fresh ``dict`` of an encoded document."""
    try:
        return _decode(raw)
    except msgspec.DecodeError:  # an escaped lone surrogate, a number past a float's range
        return json.loads(bytes(raw))


def fields_decoder(fields: Iterable[str]) -> Callable[[bytes], dict]:
    """A ``decode`` that keeps only the top-level ``fields`` a document has (msgspec skips
    the rest without building it: what a store index reads of a replaced document)."""
    only = msgspec.json.Decoder(TypedDict("Fields", dict.fromkeys(fields, Any), total=False))

    def decode_fields(raw: bytes) -> dict:
        try:
            return only.decode(raw)
        except msgspec.DecodeError:  # whatever the whole document's decode makes of it
            return decode(raw)

    return decode_fields


def _refuse_non_json(value: Any) -> None:
    kind = type(value)
    if kind in _SCALARS:
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if type(key) is not str and not (isinstance(key, str | int | float) or key is None):
                raise TypeError(f"keys must be str, int, float, bool or None, not {_name(key)}")
            if type(item) not in _SCALARS:  # most values: no call
                _refuse_non_json(item)
    elif isinstance(value, list | tuple):
        for item in value:
            if type(item) not in _SCALARS:
                _refuse_non_json(item)
    elif not (isinstance(value, str | int | float) or value is None):
        raise TypeError(f"Object of type {_name(value)} is not JSON serializable")


def _name(value: Any) -> str:
    return type(value).__name__


def journal_line(changes: Iterable[tuple[str, str, bytes | None]]) -> bytes:
    """One transaction as one journal line: ``[[table, key, document or null], …]``."""
    parts = [
        b"[%s,%s,%s]" % (_key(table), _key(key), b"null" if raw is None else raw)
        for table, key, raw in changes
    ]
    return b"[" + b",".join(parts) + b"]\n"


def parse_journal_line(line: bytes, check: Callable[[Any], None]) -> list[tuple]:
    """A journal line's changes as ``(table, key, encoded document or None)``; ``check``
    vets the parsed JSON of a line msgspec refuses (and raises to refuse it). Raises
    ``ValueError`` for a line that is not JSON."""
    if not line.isascii():
        line.decode()  # msgspec leaves a string's UTF-8 to be checked when it is read
    try:
        changes = [(table, key, bytes(raw)) for table, key, raw in _changes(line)]
        if all(raw[:1] == b"{" or raw == b"null" for _, _, raw in changes):
            return [(table, key, None if raw == b"null" else raw) for table, key, raw in changes]
    except msgspec.DecodeError:
        pass
    parsed = json.loads(line)
    check(parsed)
    return [(table, key, None if doc is None else encode(doc)) for table, key, doc in parsed]


def tables_snapshot(tables: dict[str, dict[str, bytes]]) -> bytes:
    """Tables of encoded documents as a snapshot, one document per line."""
    lines = [b"{"]
    names = list(tables)
    for number, name in enumerate(names, start=1):
        lines.append(_key(name) + b":{")
        docs = tables[name]
        last = len(docs)
        lines.extend(
            b"%s:%s%s" % (_key(key), raw, b"," if position < last else b"")
            for position, (key, raw) in enumerate(docs.items(), start=1)
        )
        lines.append(b"}," if number < len(names) else b"}")
    lines.append(b"}")
    return b"\n".join(lines) + b"\n"


def parse_snapshot(path: Path, check: Callable[[Any], None]) -> dict[str, dict[str, bytes]]:
    """Tables of encoded documents from the snapshot at ``path``; ``check`` vets the parsed
    JSON of a snapshot msgspec refuses (and raises to refuse it). Raises ``ValueError`` for a
    file that is not JSON."""
    raw = path.read_bytes()
    _check_utf8(raw)
    try:
        tables = _tables(raw)
        if all(memoryview(doc)[0] == _BRACE for docs in tables.values() for doc in docs.values()):
            return tables
    except msgspec.DecodeError:
        pass
    data = json.loads(raw)
    check(data)
    return {name: {key: encode(doc) for key, doc in docs.items()} for name, docs in data.items()}


def _check_utf8(raw: bytes, chunk: int = 1 << 23) -> None:
    """``UnicodeDecodeError`` unless ``raw`` is UTF-8 (msgspec leaves a string's bytes to be
    checked when it is read), in 8 MiB steps so no copy of the whole file is made."""
    if raw.isascii():
        return
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(raw)
    for start in range(0, len(raw), chunk):
        decoder.decode(view[start : start + chunk])
    decoder.decode(b"", final=True)


def _key(text: str) -> bytes:
    try:
        return _encode(text)
    except UnicodeEncodeError:
        return json.dumps(text).encode()
