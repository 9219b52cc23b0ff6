"""Helpers for marshmallow's nested error messages, and for text no encoder can take."""

import re


def flatten_errors(messages: dict | list | str, prefix: str = "") -> dict[str, str]:
    """Turn ``{"a": {"0": {"b": ["bad"]}}}`` into ``{"a.0.b": "bad"}`` (first reason per path)."""
    if isinstance(messages, str):
        return {prefix or "_": messages}
    flat: dict[str, str] = {}
    if isinstance(messages, list):
        for item in messages:
            for path, reason in flatten_errors(item, prefix).items():
                flat.setdefault(path, reason)
        return flat
    for key, value in messages.items():
        # marshmallow files errors about a nested object as a whole under "_schema"
        name = "" if key == "_schema" and prefix else str(key)
        path = ".".join(part for part in (prefix, name) if part)
        for inner, reason in flatten_errors(value, path).items():
            flat.setdefault(inner, reason)
    return flat


def describe_errors(messages: dict | list | str, prefix: str = "") -> str:
    """One line naming every failing field and why: ``a.b: bad; c: missing``."""
    return "; ".join(
        f"{path}: {reason}" for path, reason in flatten_errors(messages, prefix).items()
    )


# Python parses a JSON "\ud83d\ude80" pair into one character: a surrogate left in a str is
# a lone one, which has no UTF-8 form (hashing, signing or encoding it would raise).
_SURROGATE = re.compile("[\ud800-\udfff]")


def has_lone_surrogate(text: str) -> bool:
    """Whether ``text`` holds a lone surrogate (``"\\ud800"`` sent as a JSON escape)."""
    return _SURROGATE.search(text) is not None


def lone_surrogate_paths(value: object) -> list[str]:
    """Dotted paths (``contact.email``, ``phones.0``; ``_`` for the value itself) of the
    strings in parsed JSON, keys included, that hold a lone surrogate."""
    found = []
    pending: list[tuple[str, object]] = [("", value)]
    while pending:  # a loop, not recursion: parsed JSON can nest as deep as the parser allows
        path, item = pending.pop()
        if isinstance(item, str):
            if has_lone_surrogate(item):
                found.append(path or "_")
        elif isinstance(item, dict):
            for key, inner in item.items():
                inner_path = f"{path}.{key}" if path else str(key)
                if isinstance(key, str) and has_lone_surrogate(key):
                    found.append(inner_path)
                pending.append((inner_path, inner))
        elif isinstance(item, list):
            pending.extend(
                (f"{path}.{index}" if path else str(index), inner)
                for index, inner in enumerate(item)
            )
    return sorted(found)
