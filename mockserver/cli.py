"""The ``mockserver`` command: ``mockserver serve`` runs the sandbox in the foreground."""

import argparse
import sys

from mockserver import __version__
from mockserver.app import create_app
from mockserver.errors import MockError
from mockserver.server import build_server
from mockserver.settings import Settings

_FLAGS = (
    ("--host", "host", str, "address to listen on (default 127.0.0.1)"),
    ("--port", "port", int, "port to listen on (default 8080)"),
    (
        "--store",
        "store",
        str,
        "TinyDB JSON file holding all state "
        "(default ./mockserver-store.json; :memory: keeps nothing)",
    ),
    ("--seed-file", "seed_file", str, "YAML declaring accounts, numbers and profiles at start"),
    ("--random-seed", "random_seed", int, "seed for generated ids (same seed, same ids)"),
    ("--public-url", "public_url", str, "origin to put in generated URLs (behind a proxy)"),
)


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    parser = argparse.ArgumentParser(prog="mockserver", description=__doc__)
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
    serve.add_argument(
        "--strict-auth",
        dest="strict_auth",
        action="store_const",
        const=True,
        default=None,
        help="accept only accounts the seed file or control API declared "
        "[env MOCKSERVER_STRICT_AUTH]",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script and of ``python -m mockserver``."""
    args = build_parser().parse_args(argv)
    overrides = {key: value for key, value in vars(args).items() if key != "command"}
    try:
        settings = Settings.from_env(**overrides)
        app = create_app(settings)
    except (MockError, ValueError) as exc:
        print(f"mockserver: {getattr(exc, 'message', exc)}", file=sys.stderr)
        return 2
    # werkzeug explains a busy port itself and exits with status 1.
    server = build_server(app, settings.host, settings.port)
    print(_banner(settings, server.server_port), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        app.extensions["mockserver"].close()
    return 0


def _banner(settings: Settings, port: int) -> str:
    shown_host = "127.0.0.1" if settings.host in ("0.0.0.0", "::") else settings.host
    base = f"http://{shown_host}:{port}"
    store = settings.store if settings.store != ":memory:" else ":memory: (nothing is kept)"
    return "\n".join(
        [
            f"mockserver {__version__} listening on http://{settings.host}:{port}",
            f"  store: {store}",
            f"  seed file: {settings.seed_file or '(none)'}",
            f"  auth: {'strict (declared accounts only)' if settings.strict_auth else 'open'}",
            f"  health: {base}/_mock/health",
            "Point the twilio SDK at it by rewriting the host of every request:",
            f"  Client(sid, token, http_client=mockserver.testing.twilio_http_client({base!r}))",
            "  (see README: 'Pointing the twilio SDK at the sandbox')",
        ]
    )
