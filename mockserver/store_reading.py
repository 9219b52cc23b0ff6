"""Reading a file store back exactly: its snapshot and journal segments, or
``StoreCorrupted`` naming the file and what is wrong with it (``mockserver.storage``)."""

from pathlib import Path

from mockserver.errors import MockError
from mockserver.store_codec import parse_journal_line, parse_snapshot


class StoreCorrupted(MockError):
    """The store files cannot be read back exactly."""

    def __init__(self, message: str):
        super().__init__(" ".join(message.splitlines()))


def read_snapshot(path: Path) -> dict[str, dict[str, bytes]]:
    """The tables of the snapshot at ``path``, or ``StoreCorrupted`` saying what is wrong."""
    if path.stat().st_size == 0:
        raise StoreCorrupted(f"store snapshot {path} is empty (0 bytes)")
    try:
        return parse_snapshot(path, lambda data: check_tables(path, data))
    except (ValueError, RecursionError) as exc:
        raise StoreCorrupted(f"cannot read store snapshot {path}: {exc}") from exc


def check_tables(path: Path, data) -> None:
    """Refuse parsed snapshot JSON that is not an object of tables of objects."""
    wrong = f"store snapshot {path} is not a TinyDB store:"
    if not isinstance(data, dict):
        raise StoreCorrupted(f"{wrong} expected an object of tables, got {kind_of(data)}")
    for table, docs in data.items():
        if not isinstance(docs, dict):
            raise StoreCorrupted(f"{wrong} table {table!r} is {kind_of(docs)}, not an object")
        for key, doc in docs.items():
            if not isinstance(doc, dict):
                kind = kind_of(doc)
                raise StoreCorrupted(f"{wrong} document {key!r} of table {table!r} is {kind}")


def replay(path: Path, raw: bytes, end: int, data: dict[str, dict[str, bytes]]) -> None:
    """Apply the changes of the whole lines in ``raw[:end]`` to ``data``, line by line."""
    for number, line in enumerate(raw[:end].split(b"\n")[:-1], start=1):

        def check(parsed, number=number) -> None:
            if type(parsed) is not list or not all(map(is_change, parsed)):
                raise StoreCorrupted(
                    f"line {number} of {path} is not a list of [table, key, document or null]"
                )

        try:
            changes = parse_journal_line(line, check)
        except (ValueError, RecursionError) as exc:
            raise StoreCorrupted(f"cannot read line {number} of {path}: {exc}") from exc
        for table, key, doc in changes:
            if doc is None:
                data.get(table, {}).pop(key, None)
            else:
                data.setdefault(table, {})[key] = doc


def is_change(change) -> bool:
    """Whether a parsed journal entry is ``[table, key, document or null]``."""
    return (
        type(change) is list
        and len(change) == 3
        and type(change[0]) is str
        and type(change[1]) is str
        and (change[2] is None or type(change[2]) is dict)
    )


def kind_of(value) -> str:
    """What a JSON value is, in words, for an error message."""
    names = {"NoneType": "null", "bool": "a boolean", "int": "a number", "float": "a number"}
    return names.get(type(value).__name__, {str: "a string", list: "a list"}.get(type(value)))
