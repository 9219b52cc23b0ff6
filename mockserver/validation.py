"""Helpers for marshmallow's nested error messages."""


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
