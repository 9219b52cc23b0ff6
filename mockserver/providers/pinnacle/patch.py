"""Upserts change only what a client sends, nested objects included.

The rcs SDK sends only the fields set on a nested model (``exclude_unset``), so changing one
link must not drop the other: objects merge key by key, an explicit ``null`` clears.
"""


def merged(current: dict, changes: dict) -> dict:
    """``current`` with ``changes`` applied (objects merge recursively; ``None`` clears)."""
    result = dict(current)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merged(result[key], value)
        else:
            result[key] = value
    return result
