"""The ``mockserver`` command.

mockserver serve [flags]             run the sandbox in the foreground
mockserver scenarios list            show the loaded scenarios
mockserver scenarios validate FILE…  check scenario files, naming line and field of errors
"""

import argparse
import errno
import os
import signal
import sys
from pathlib import Path

from mockserver import __version__, demo
from mockserver.app import create_app
from mockserver.console import configure as configure_console
from mockserver.errors import MockError, one_line
from mockserver.live import KINDS
from mockserver.provider_contract import Option
from mockserver.providers import registered_options
from mockserver.scenarios import ScenarioBook, bundled_directory, load_scenario
from mockserver.serving import CONNECTION_LIMIT, THREADS, build_production_server
from mockserver.settings import FSYNC_MODES, LOG_FORMATS, LOG_LEVELS, Settings
from mockserver.storage import StoreCorrupted
from mockserver.tail import tail

_FLAGS = (
    ("--host", "host", str, "address to listen on (default 127.0.0.1)"),
    ("--port", "port", int, "port to listen on (default 8080)"),
    (
        "--store",
        "store",
        str,
        "TinyDB JSON file holding all state (default ./mockserver-store.json; :memory: keeps "
        "nothing)",
    ),
    ("--seed-file", "seed_file", str, "YAML declaring accounts, numbers and profiles at start"),
    ("--random-seed", "random_seed", int, "seed for generated ids (same seed, same ids)"),
    ("--public-url", "public_url", str, "origin to put in generated URLs (behind a proxy)"),
    (
        "--scenario",
        "scenario",
        str,
        "scenario for every submission nothing else selects, of every provider (default: "
        "happy_path, or the kind's own default: GET /_mock/kinds lists them)",
    ),
    (
        "--scenarios-dir",
        "scenarios_dir",
        str,
        "a folder of your own scenario files (same name replaces a bundled one)",
    ),
    ("--tick-seconds", "tick_seconds", float, "how often due transitions run (default 0.1)"),
    ("--webhook-timeout", "webhook_timeout", float, "webhook response timeout (default 5)"),
    (
        "--control-token",
        "control_token",
        str,
        "require 'Authorization: Bearer TOKEN' on the control API (/_mock), except "
        "GET /_mock/health (default: none, the control API is open)",
    ),
)


# Flags taking one of a few words, in any case: (flag, setting, words, normaliser, help).
_CHOICE_FLAGS = (
    (
        "--fsync",
        "fsync",
        FSYNC_MODES,
        str.lower,
        "always: acknowledge a write once it is on disk (survives power loss); never: once the "
        "OS has it (survives a crash of mockserver) (default never)",
    ),
    (
        "--log-level",
        "log_level",
        LOG_LEVELS,
        str.upper,
        "the least severe console lines shown (default INFO: transitions, clock moves, failed "
        "webhooks)",
    ),
    (
        "--log-format",
        "log_format",
        LOG_FORMATS,
        str.lower,
        "text lines for people, or one JSON object a line for machines (default text)",
    ),
)


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    parser = argparse.ArgumentParser(
        prog="mockserver", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"mockserver {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser(
        "serve",
        help="run the sandbox",
        description="Run the sandbox. Every flag can also be set as MOCKSERVER_<NAME>.",
    )
    for flag, dest, kind, text in _FLAGS:
        serve.add_argument(
            flag, dest=dest, type=kind, default=None, help=f"{text} [env MOCKSERVER_{dest.upper()}]"
        )
    for flag, dest, choices, normalise, text in _CHOICE_FLAGS:
        serve.add_argument(
            flag,
            dest=dest,
            choices=choices,
            type=normalise,
            default=None,
            help=f"{text} [env MOCKSERVER_{dest.upper()}]",
        )
    serve.add_argument(
        "--access-log",
        dest="access_log",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="one line per request on stderr (default on) [env MOCKSERVER_ACCESS_LOG]",
    )
    serve.add_argument(
        "--strict-auth",
        dest="strict_auth",
        action="store_const",
        const=True,
        default=None,
        help="accept only accounts the seed file or control API "
        "declared [env MOCKSERVER_STRICT_AUTH]",
    )
    serve.add_argument(
        "--demo",
        dest="demo",
        action="store_const",
        const=True,
        default=None,
        help="start with a few customers at different stages of review, for a demo "
        "[env MOCKSERVER_DEMO]",
    )
    for option in registered_options():
        _add_option(serve, option)
    scenarios = commands.add_parser("scenarios", help="list or validate scenario files")
    actions = scenarios.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help="show every loaded scenario")
    listing.add_argument("--scenarios-dir", dest="scenarios_dir", default=None)
    validate = actions.add_parser("validate", help="check scenario files")
    validate.add_argument("files", nargs="+", type=Path)
    follow = commands.add_parser(
        "tail",
        help="print a running sandbox's live events",
        description="Print a running sandbox's live events (GET /_mock/stream), one line each.",
    )
    follow.add_argument(
        "--url",
        default=os.environ.get("MOCKSERVER_URL", "http://127.0.0.1:8080"),
        help="the sandbox (default http://127.0.0.1:8080) [env MOCKSERVER_URL]",
    )
    follow.add_argument("--tenant", help="one tenant only: an account SID, API key or setup")
    follow.add_argument(
        "--kind",
        action="append",
        choices=KINDS,
        help="only events of this kind (repeat for several)",
    )
    follow.add_argument(
        "--control-token",
        dest="control_token",
        default=os.environ.get("MOCKSERVER_CONTROL_TOKEN"),
        help="the sandbox's control token, if it has one [env MOCKSERVER_CONTROL_TOKEN]",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script and of ``python -m mockserver``."""
    args = build_parser().parse_args(argv)
    if args.command == "scenarios":
        return _scenarios(args)
    if args.command == "tail":
        return tail(args.url, kinds=args.kind or (), tenant=args.tenant, token=args.control_token)
    overrides = {key: value for key, value in vars(args).items() if key != "command"}
    for option in registered_options():
        if option.kind is tuple and overrides.get(option.key):
            overrides[option.key] = tuple(overrides[option.key])
    configure_console()  # before the settings: a warning reading them looks like the rest
    try:
        settings = Settings.from_env(**overrides)
        configure_console(settings.log_level, settings.log_format)  # before the app's warnings
        app = _build_app(settings)
        if settings.demo:
            demo.tell(app)
    except (MockError, ValueError, demo.DemoError) as exc:
        print(f"mockserver: {getattr(exc, 'message', exc)}", file=sys.stderr)
        return 2
    runtime = app.extensions["mockserver"]
    try:
        server = build_production_server(
            app,
            settings.host,
            settings.port,
            access_log=sys.stderr if settings.access_log else None,
            max_body_bytes=settings.max_body_bytes,
        )
    except OSError as exc:
        runtime.close()
        if exc.errno == errno.EADDRINUSE:
            print(
                f"mockserver: Port {settings.port} is in use by another program. Stop that "
                "program, or start the sandbox with a different port (--port).",
                file=sys.stderr,
            )
        else:
            print(
                f"mockserver: cannot listen on {settings.host}:{settings.port}: {exc}",
                file=sys.stderr,
            )
        return 1
    try:
        # In the try: a signal from here on still closes the runtime (and flushes the store).
        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGINT, _stop)
        runtime.start()
        print(_banner(runtime, server.port), flush=True)
        server.serve_forever()  # returns on Ctrl-C or SIGTERM
    except KeyboardInterrupt:
        pass
    finally:
        _ignore_signals()  # a second Ctrl-C or SIGTERM must not cut the store's flush short
        runtime.live.close()  # open streams end now, not at the stop's grace period
        try:
            server.server_close()  # bounded: STOP_GRACE for the requests in hand
        finally:
            runtime.close()
    return 0


def _add_option(parser: argparse.ArgumentParser, option: Option) -> None:
    """A provider's setting as a flag (its old names still work, and say so in the help)."""
    default = option.default if option.default not in ((), None, "") else None
    text = option.help + (f" (default {default})" if default is not None else "")
    if option.aliases:
        text += f"; formerly {', '.join(option.aliases)}"
    env = f"env {option.env}" + (", comma-separated" if option.kind is tuple else "")
    names = (option.flag, *option.aliases)
    if option.kind is tuple:
        parser.add_argument(
            *names, dest=option.key, action="append", default=None, help=f"{text} [{env}]"
        )
    elif option.kind is bool:
        parser.add_argument(
            *names,
            dest=option.key,
            action="store_const",
            const=True,
            default=None,
            help=f"{text} [{env}]",
        )
    else:
        parser.add_argument(
            *names, dest=option.key, type=option.kind, default=None, help=f"{text} [{env}]"
        )


def _build_app(settings: Settings):
    """``create_app``, with whatever else than a MockError or ValueError it raises as one
    line (the settings passed their checks: most likely a record in the store or a file
    it reads did not)."""
    try:
        return create_app(settings)
    except (MockError, ValueError):
        raise
    except Exception as exc:
        raise StoreCorrupted(
            f"cannot start: {one_line(exc)} (store {settings.store}, scenarios "
            f"{settings.scenarios_dir or 'bundled'}, seed file {settings.seed_file or 'none'})"
        ) from exc


def _stop(signum, frame) -> None:
    _ignore_signals()  # stopping has begun: further signals are ignored
    raise KeyboardInterrupt


def _ignore_signals() -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _scenarios(args: argparse.Namespace) -> int:
    try:
        if args.action == "validate":
            for path in args.files:
                scenario = load_scenario(path)
                again = f"{len(scenario.on_resubmit)} on resubmit"
                if scenario.story != "review":
                    again = f"{scenario.story} story"
                print(f"{path}: ok ({scenario.name}: {len(scenario.steps)} steps, {again})")
            return 0
        directories = [bundled_directory()]
        if args.scenarios_dir:
            directories.append(Path(args.scenarios_dir))
        book = ScenarioBook.from_directories(directories, default=None)
    except (MockError, OSError) as exc:
        print(f"mockserver: {getattr(exc, 'message', exc)}", file=sys.stderr)
        return 1
    for scenario in book.all():
        steps = ", ".join(f"{s['do']} after {s['after']}" for s in scenario.describe()["steps"])
        print(f"{scenario.name}: {scenario.description}\n    story: {scenario.story}")
        print(f"    steps: {steps}")
        if scenario.match:
            print(f"    magic input: {scenario.match}")
    return 0


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


def _provider_settings(settings: Settings) -> list[str]:
    """One line per provider option that is set (the banner shows what differs)."""
    return [
        f"  {option.flag.removeprefix('--')}: "
        + ("(set)" if option.secret else ", ".join(value) if option.kind is tuple else str(value))
        for option in registered_options()
        if (value := settings.options.get(option.key)) not in (None, (), option.default)
    ]


def _control_access(settings: Settings) -> str:
    if settings.control_token:
        return "needs 'Authorization: Bearer <control token>'"
    if settings.host in ("127.0.0.1", "localhost", "::1"):
        return "open to this machine only (no --control-token)"
    return f"OPEN to anyone who reaches {settings.host} (set --control-token)"


def _banner(runtime, port: int) -> str:
    """What ``serve`` prints once listening: where, with what, and how to point a client."""
    settings = runtime.settings
    shown_host = "127.0.0.1" if settings.host in ("0.0.0.0", "::") else settings.host
    base = f"http://{shown_host}:{port}"
    store = settings.store if settings.store != ":memory:" else ":memory: (nothing is kept)"
    return "\n".join(
        [
            f"mockserver {__version__} listening on http://{settings.host}:{port}",
            f"  store: {store}",
            f"  seed file: {settings.seed_file or '(none)'}",
            f"  auth: {'strict (declared accounts only)' if settings.strict_auth else 'open'}",
            f"  control API (/_mock): {_control_access(settings)}",
            f"  durability: fsync {settings.fsync}",
            f"  server: cheroot, {THREADS} threads, {CONNECTION_LIMIT} keep-alive connections; "
            f"access log {'on' if settings.access_log else 'off'}",
            f"  default scenario: {_default_scenario(runtime)}; transitions run every "
            f"{settings.tick_seconds}s",
            *_provider_settings(settings),
            f"  dashboard: {base}/_mock/ui/  (live events: {base}/_mock/stream, "
            "or mockserver tail)",
            f"  health: {base}/_mock/health",
            *_provider_lines(runtime),
            *(line for provider in runtime.providers for line in provider.banner(base)),
        ]
    )


def _provider_lines(runtime) -> list[str]:
    """Each provider's paths at the server root and the credentials its seed declares."""
    lines = []
    for provider in runtime.providers:
        lines.append(f"  {provider.name}: {', '.join(provider.path_prefixes)}")
        section = runtime.seed.get(provider.seed_section, {}) if provider.seed_section else {}
        lines += [f"    {line}" for line in provider.seed_credentials(section or {})]
    return lines
