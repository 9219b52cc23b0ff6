"""Provider slices and the registry the app and runtime build from.

Each provider is a vertical slice (routes → schemas → backend → store) described by one
``ProviderSpec``; core modules never import providers, they receive specs from the runtime.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Response


@dataclass(frozen=True)
class ProviderSpec:
    """What the app needs to know to mount and run one provider."""

    name: str
    blueprint: Blueprint
    path_prefixes: tuple[str, ...]
    render_error: Callable[[BaseException], Response]
    make_backend: Callable[[Any], Any]
    control_blueprint: Blueprint | None = None
    seed_section: str | None = None
    validate_seed: Callable[[str | None, dict], dict] | None = None
    load_seed: Callable[[Any, dict], None] | None = None


def all_providers() -> list[ProviderSpec]:
    """Every provider the sandbox emulates."""
    from mockserver.providers.pinnacle import SPEC as PINNACLE
    from mockserver.providers.twilio import SPEC as TWILIO

    return [TWILIO, PINNACLE]
