"""What ``mockserver serve`` prints once listening: where, with what, and how to point a
client at it."""

from mockserver import __version__
from mockserver.provider_contract import all_options
from mockserver.serving import CONNECTION_LIMIT, THREADS
from mockserver.settings import Settings

IN_MEMORY = ":memory:"


def banner(runtime, port: int) -> str:
    """The lines ``serve`` prints at start, for the runtime listening on ``port``."""
    settings = runtime.settings
    shown_host = "127.0.0.1" if settings.host in ("0.0.0.0", "::") else settings.host
    base = f"http://{shown_host}:{port}"
    return "\n".join(
        [
            f"mockserver {__version__} listening on http://{settings.host}:{port}",
            f"  store: {store_line(settings)}",
            f"  seed file: {settings.seed_file or '(none)'}",
            f"  auth: {'strict (declared accounts only)' if settings.strict_auth else 'open'}",
            f"  control API (/_mock): {_control_access(settings)}",
            f"  durability: fsync {settings.fsync}",
            f"  server: cheroot, {THREADS} threads, {CONNECTION_LIMIT} keep-alive connections; "
            f"access log {'on' if settings.access_log else 'off'}",
            f"  default scenario: {_default_scenario(runtime)}; transitions run every "
            f"{settings.tick_seconds}s",
            *_provider_settings(runtime),
            f"  dashboard: {base}/_mock/ui/  (live events: {base}/_mock/stream, "
            "or mockserver tail)",
            f"  health: {base}/_mock/health",
            *_provider_lines(runtime),
            *(line for provider in runtime.providers for line in provider.banner(base)),
        ]
    )


def store_line(settings: Settings) -> str:
    """Where state is kept, and whether it outlives the process."""
    if settings.store == IN_MEMORY:
        return "in memory (state is lost on exit; --store PATH keeps it)"
    return f"{settings.store} (kept across restarts)"


def _default_scenario(runtime) -> str:
    """The default scenario, and the kinds that run one of their own (as the book decides:
    with ``--scenario``, only the kinds of the other story)."""
    book = runtime.scenarios
    own = [
        f"{kind.provider} {kind.name}: {runs}"
        for provider in runtime.providers
        for kind in provider.record_kinds
        if kind.lifecycle is not None
        and (runs := book.default_for(kind.default_scenario, kind.lifecycle.story)) != book.default
    ]
    if runtime.settings.scenario and not own:
        return f"{book.default} (every provider and kind)"
    return book.default + (f" ({', '.join(own)})" if own else "")


def _provider_settings(runtime) -> list[str]:
    """One line per provider option that is set (the banner shows what differs)."""
    settings = runtime.settings
    return [
        f"  {option.flag.removeprefix('--')}: "
        + ("(set)" if option.secret else ", ".join(value) if option.kind is tuple else str(value))
        for option in all_options(runtime.providers)
        if (value := settings.options.get(option.key)) not in (None, (), option.default)
    ]


def _control_access(settings: Settings) -> str:
    if settings.control_token:
        return "needs 'Authorization: Bearer <control token>'"
    if settings.host in ("127.0.0.1", "localhost", "::1"):
        return "open to this machine only (no --control-token)"
    return f"OPEN to anyone who reaches {settings.host} (set --control-token)"


def _provider_lines(runtime) -> list[str]:
    """Each provider's paths at the server root and the credentials its seed declares."""
    lines = []
    for provider in runtime.providers:
        lines.append(f"  {provider.name}: {', '.join(provider.path_prefixes)}")
        section = runtime.seed.get(provider.seed_section, {}) if provider.seed_section else {}
        lines += [f"    {line}" for line in provider.seed_credentials(section or {})]
    return lines
