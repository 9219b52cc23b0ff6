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
