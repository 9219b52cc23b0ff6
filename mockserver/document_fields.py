"""Reading the fields of a stored document with their types.

A document a person edited by hand, or an older version wrote, may lack a field or hold one
of another type. ``field`` names the field in what it raises: ``KeyError`` for a missing one
(``KeyError: 'record_id'``), ``TypeError`` for one of the wrong type, so a typed record's
``from_dict`` fails with a clear reason instead of deep inside whatever reads it later.
"""

import math
from enum import Enum
from typing import Any


class Absent(Enum):
    """The marker of a field a document does not have (as opposed to one that is null)."""

    ABSENT = "absent"


ABSENT = Absent.ABSENT
UNREADABLE = (KeyError, TypeError)  # what ``field`` raises
_KINDS = {float: "number", int: "whole number", str: "string", bool: "boolean"}


def is_number(value: object) -> bool:
    """A finite int or float (not a bool)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def field(doc: dict, name: str, kind: type, *, nullable: bool = False) -> Any:
    """``doc[name]`` if it holds a ``kind`` (``float``: any finite number; None too when
    ``nullable``), else KeyError or TypeError naming the field."""
    value = doc[name]
    if value is None:
        if nullable:
            return None
    elif type(value) is kind and (kind is not float or math.isfinite(value)):
        return value  # the usual case, decided by one look (plans are read at every step)
    if kind is float:
        valid = is_number(value)
    else:
        valid = isinstance(value, kind) and (kind is bool or not isinstance(value, bool))
    if not valid:
        raise TypeError(f"{name!r} is not a {_KINDS.get(kind, kind.__name__)}")
    return value


def problem_of(exc: BaseException) -> str:
    """What ``field`` (or a ``from_dict`` using it) found wrong, as a short reason."""
    if isinstance(exc, KeyError):
        return f"no {exc.args[0]!r} field"
    return str(exc)
