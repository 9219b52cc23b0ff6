"""Measuring what Python objects take in memory, for the tests of memory bounds."""

import sys


def deep_size(value, seen=None) -> int:
    """Bytes ``value`` and everything it holds take, each object counted once (objects in
    ``seen`` not at all)."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return 0
    seen.add(id(value))
    size = sys.getsizeof(value)
    if isinstance(value, dict):
        size += sum(deep_size(k, seen) + deep_size(v, seen) for k, v in value.items())
    elif isinstance(value, list | tuple):
        size += sum(deep_size(item, seen) for item in value)
    elif hasattr(type(value), "__slots__"):
        size += sum(deep_size(getattr(value, name), seen) for name in type(value).__slots__)
    return size


ASTRAL = "\U0001f680"  # a character that takes 4 bytes in CPython's strings
#: A request with every journaled field at or past its bound, in 4-byte characters: the
#: arguments of ``EnvironBuilder`` and of a test client's ``open`` alike.
HOSTILE_REQUEST = {
    "path": "/v1/setups/" + ASTRAL * 5000,
    "method": "P" * 100,
    "query_string": "q=" + ASTRAL * 5000,
    "data": (ASTRAL * 100_000).encode(),
    "headers": {
        **{f"X-{number:03d}": ASTRAL * 158 for number in range(150)},
        "Content-Type": "application/" + ASTRAL * 5000,
        "Authorization": "Bearer " + "k" * 100_000,
    },
}

#: An answer at its bounds: a body past 64 KiB, a Content-Type in 4-byte characters.
HOSTILE_ANSWER = (b"[" + b"0," * 40_000 + b"0]", "application/" + ASTRAL * 5000)
