"""The seed file: YAML declaring the accounts, numbers and profiles present at start-up.

Each provider owns one top-level section and validates it; see ``defaults/seed.yaml``.
"""

from pathlib import Path

import yaml
from marshmallow import Schema, ValidationError

from mockserver.errors import ValidationFailed
from mockserver.validation import describe_errors


class SeedFileError(ValidationFailed):
    """The seed file cannot be read or does not validate."""


def read_seed_file(path: str | None) -> dict:
    """Parse the seed file into a dict (empty when no file is configured)."""
    if not path:
        return {}
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise SeedFileError(f"cannot read seed file {path}: {exc.strerror}") from exc
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    except yaml.YAMLError as exc:
        raise SeedFileError(f"seed file {path} is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise SeedFileError(f"seed file {path} must be a mapping of provider sections")
    return data


def validate_section(schema: Schema, path: str | None, name: str, section: dict) -> dict:
    """Load one provider's section; SeedFileError names the file, the field path and why."""
    try:
        return schema.load(section)
    except ValidationError as exc:
        raise SeedFileError(f"seed file {path}: {describe_errors(exc.messages, name)}") from None
