"""Server settings: one frozen value, built from flags, the environment or code.

    Settings()                                  # defaults: 127.0.0.1:8080, state in memory
    Settings(store="state.json", random_seed=7) # state kept in a file across restarts
    Settings.from_env({"MOCKSERVER_PORT": "9000"})

Every field can be set from the environment as ``MOCKSERVER_<FIELD NAME IN CAPITALS>``.
Providers declare their own settings (``provider_contract.Option``); their values sit in
``options`` under ``<provider>_<name>`` (``MOCKSERVER_PINNACLE_SIGNING_SECRET`` →
``options["pinnacle_signing_secret"]``); a tuple option takes several values separated by
commas or spaces.
"""

import logging
import math
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, get_args, get_origin

from mockserver.provider_contract import split_values

DEFAULT_SEED_FILE = str(Path(__file__).parent / "defaults" / "seed.yaml")
# In memory unless a file is named, as with moto, WireMock or stripe-mock: a user's second
# run of an example starts clean, and nothing appears in their working directory.
DEFAULT_STORE = ":memory:"
DEFAULT_SCENARIO = "happy_path"
ENV_PREFIX = "MOCKSERVER_"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
LOG_FORMATS = ("text", "json")
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
FSYNC_MODES = ("always", "never")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Settings:
    """Everything the server can be configured with."""

    host: str = "127.0.0.1"
    port: int = 8080
    store: str = DEFAULT_STORE
    seed_file: str | None = DEFAULT_SEED_FILE
    strict_auth: bool = False
    # ``serve --demo``: a new store starts with a few customers at different stages.
    demo: bool = False
    random_seed: int | None = None
    public_url: str | None = None
    max_body_bytes: int = 1 << 20
    # None: each kind of record runs its provider's default (DEFAULT_SCENARIO for most);
    # a name given here runs for every kind.
    scenario: str | None = None
    scenarios_dir: str | None = None
    webhook_timeout: float = 5.0
    tick_seconds: float = 0.1
    # "always": a write is acknowledged once fsynced (concurrent commits share one fsync);
    # "never": once the OS has it (survives a process crash, not an OS crash or power loss).
    # Default "never": a sandbox must survive a crash of mockserver, which "never" does, and
    # "always" puts an fsync under every write (see bench/commit_latency.py).
    fsync: str = "never"
    # When set, every /_mock route but GET /_mock/health needs "Authorization: Bearer TOKEN".
    control_token: str | None = None
    # ``mockserver serve`` writes one line per request to stderr; the in-thread test
    # server never does.
    access_log: bool = True
    # ``mockserver serve``'s console: the least severe level it prints, and ``text`` lines
    # for people or ``json`` objects (one a line) for machines.
    log_level: str = "INFO"
    log_format: str = "text"
    # Provider settings by ``<provider>_<name>``; each provider declares its own (and their
    # defaults) as ``Option``s, and the runtime refuses a key no provider declares.
    options: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self):
        if not self.host.strip():
            raise ValueError(f"{ENV_PREFIX}HOST: give an address to listen on (empty)")
        if not str(self.store).strip():  # a pathlib.Path names a file too
            # Read as "in memory", an unset variable meant to name a file would lose state.
            raise ValueError(
                f"{ENV_PREFIX}STORE is empty: name a file to keep state in, or unset it to keep "
                "state in memory"
            )
        if not 0 <= self.port <= 65535:
            raise ValueError(f"{ENV_PREFIX}PORT: expected 0 to 65535, got {self.port!r}")
        for name in ("tick_seconds", "webhook_timeout", "max_body_bytes"):
            value = getattr(self, name)
            if not (math.isfinite(value) and value > 0):
                raise ValueError(
                    f"{ENV_PREFIX}{name.upper()}: expected a finite number above 0, got {value!r}"
                )
        object.__setattr__(self, "fsync", self.fsync.strip().lower())  # ALWAYS is always
        if self.fsync not in FSYNC_MODES:
            raise ValueError(
                f"{ENV_PREFIX}FSYNC: expected {' or '.join(FSYNC_MODES)}, got {self.fsync!r}"
            )
        object.__setattr__(self, "log_level", self.log_level.strip().upper())
        if self.log_level not in LOG_LEVELS:
            raise ValueError(
                f"{ENV_PREFIX}LOG_LEVEL: expected {', '.join(LOG_LEVELS)}, got {self.log_level!r}"
            )
        object.__setattr__(self, "log_format", self.log_format.strip().lower())
        if self.log_format not in LOG_FORMATS:
            raise ValueError(
                f"{ENV_PREFIX}LOG_FORMAT: expected {' or '.join(LOG_FORMATS)}, "
                f"got {self.log_format!r}"
            )
        if self.control_token is not None and not _is_header_safe(self.control_token):
            raise ValueError(
                f"{ENV_PREFIX}CONTROL_TOKEN: use visible ASCII characters without spaces"
            )

    @classmethod
    def from_env(
        cls,
        environ: Mapping[str, str] | None = None,
        *,
        declared: Iterable[Any] | None = None,
        **overrides: Any,
    ) -> "Settings":
        """Read ``MOCKSERVER_*`` variables, then apply ``overrides`` that are not None.

        ``declared`` are the providers' ``Option``s (default: every registered provider's);
        an override named like an option's key sets that option, and ``options={…}`` sets
        several at once.
        """
        environ = os.environ if environ is None else environ
        if declared is None:
            from mockserver.providers import registered_options

            declared = registered_options()
        values: dict[str, Any] = {}
        for setting in fields(cls):
            if setting.name == "options":
                continue
            raw = environ.get(ENV_PREFIX + setting.name.upper())
            if raw is not None:
                values[setting.name] = _convert(setting.name, setting.type, raw)
        provider_values: dict[str, Any] = {}
        for option in declared:
            raw, variable = _option_variable(environ, option)
            if raw is not None:
                provider_values[option.key] = _convert(
                    variable.removeprefix(ENV_PREFIX).lower(), option.kind, raw
                )
            if overrides.get(option.key) is not None:
                provider_values[option.key] = overrides[option.key]
            overrides.pop(option.key, None)
        provider_values.update(overrides.pop("options", None) or {})
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values, options=provider_values)


def _option_variable(environ: Mapping[str, str], option: Any) -> tuple[str | None, str]:
    """The option's value in the environment and the variable it came from (an old name
    still works for one release, with a warning)."""
    if option.env in environ:
        return environ[option.env], option.env
    for alias in option.env_aliases:
        if alias in environ:
            log.warning(
                "%s is renamed %s; the old name goes in the next release", alias, option.env
            )
            return environ[alias], alias
    return None, option.env


def _convert(name: str, kind: Any, raw: str) -> Any:
    if kind is tuple or get_origin(kind) is tuple:
        return split_values(raw)
    if name == "control_token" and raw.strip() == "":
        # Read as "no token", an unset variable would open the control API without a word.
        raise ValueError(
            f"{ENV_PREFIX}CONTROL_TOKEN is set but empty: give a token, or unset the variable "
            "to leave the control API open"
        )
    options = get_args(kind) or (kind,)
    base = next(option for option in options if option is not type(None))
    if type(None) in options and raw.strip() == "":
        return None
    try:
        if base is bool:
            lowered = raw.strip().lower()
            if lowered not in _TRUE | _FALSE:
                raise ValueError(f"expected true or false, got {raw!r}")
            return lowered in _TRUE
        if base is int:
            return int(raw)
        if base is float:
            return float(raw)
    except ValueError as exc:
        raise ValueError(f"{ENV_PREFIX}{name.upper()}: {exc}") from exc
    return raw


def _is_header_safe(token: str) -> bool:
    """Whether ``token`` can travel in an ``Authorization: Bearer`` header as it is."""
    return bool(token) and all("!" <= char <= "~" for char in token)
