"""Lists that survive a damaged record.

A stored document missing a field (a hand-edited store file, a record an older version
wrote) must not make every list of its tenant fail. Lists render each record on its own:
one that cannot be rendered is left out, with one warning naming it, and the rest are
listed, counted and paged as usual. Sorting and filtering read fields with defaults, so a
record only they need a field of is still listed.
"""

import logging
from collections.abc import Callable, Iterable

log = logging.getLogger(__name__)
# What rendering a document that lacks a field, or has one of the wrong type (or a time
# out of range), raises.
DAMAGE = (KeyError, TypeError, ValueError, AttributeError, IndexError, OverflowError)


class ShapeError(Exception):
    """A renderer wrote a member its answer's shape does not name: a bug, never a damaged
    record (none of ``DAMAGE``: a list does not leave the record out, it fails)."""


def render_all(
    records: Iterable[dict], render: Callable[[dict], dict], kind: str, key: str
) -> list[dict]:
    """``render`` of every record it can render; each other is logged (as the ``kind``
    whose id is its ``key`` field) and left out."""
    shown = []
    for record in records:
        try:
            shown.append(render(record))
        except DAMAGE as exc:
            log.warning(
                "left damaged %s %s out of a list: %s", kind, name_of(record, key), _reason(exc)
            )
    return shown


def name_of(record: object, key: str) -> str:
    """What a warning calls a record: its id (``key``), or lacking one the fields it has."""
    if not isinstance(record, dict):
        return f"(a {type(record).__name__}, not a document)"
    if isinstance(record.get(key), str) and record[key]:
        return record[key]
    # Field names only: values may be credentials (a Pinnacle record's tenant is an API key).
    return f"(no id; fields {', '.join(sorted(map(str, record))) or 'none'})"


def _reason(exc: BaseException) -> str:
    if isinstance(exc, KeyError):
        return f"no {exc.args[0]!r} field"
    return f"{type(exc).__name__}: {exc}"
