"""``mockserver serve``: its flags, generated from ``Settings`` and the providers' options,
and the run of the production server until Ctrl-C or SIGTERM."""

import errno
import signal
import sys
from dataclasses import fields
from typing import Any, get_args

import click
from click.core import ParameterSource

from mockserver import demo
from mockserver.app import create_app
from mockserver.cli_banner import banner
from mockserver.console import configure as configure_console
from mockserver.errors import MockError, one_line
from mockserver.provider_contract import Option
from mockserver.providers import registered_options
from mockserver.serving import build_production_server
from mockserver.settings import FSYNC_MODES, LOG_FORMATS, LOG_LEVELS, Settings
from mockserver.storage import StoreCorrupted

# The Settings fields that are flags of serve, in the order --help lists them:
# (field, metavar, help, default as shown when the field's own would mislead).
# Type, default and variable come from Settings itself.
_FLAGS = (
    ("host", "HOST", "Address to listen on.", None),
    ("port", "PORT", "Port to listen on (0: any free port).", None),
    (
        "store",
        "PATH",
        "A JSON file that keeps all state across restarts (with PATH.journal beside it); "
        ":memory: keeps it in memory only.",
        "in memory",
    ),
    (
        "seed_file",
        "PATH",
        "YAML declaring accounts, numbers and profiles at start; empty for none.",
        "the bundled defaults/seed.yaml",
    ),
    ("strict_auth", None, "Accept only accounts the seed file or control API declared.", None),
    ("random_seed", "N", "Seed for generated ids (same seed, same ids).", None),
    ("public_url", "URL", "Origin to put in generated URLs (behind a proxy).", None),
    (
        "scenario",
        "NAME",
        "Scenario for every submission nothing else selects, of every provider.",
        "happy_path, or the kind's own: GET /_mock/kinds lists them",
    ),
    (
        "scenarios_dir",
        "DIR",
        "A folder of your own scenario files (same name replaces a bundled one).",
        None,
    ),
    ("tick_seconds", "SECONDS", "How often due transitions and deliveries run.", None),
    ("webhook_timeout", "SECONDS", "How long to wait for a webhook's answer.", None),
    (
        "fsync",
        None,
        "always: acknowledge a write once it is on disk (survives power loss); never: once "
        "the OS has it (survives a crash of mockserver). Any case.",
        None,
    ),
    (
        "control_token",
        "TOKEN",
        "Require 'Authorization: Bearer TOKEN' on the control API (/_mock), except "
        "GET /_mock/health.",
        "none, the control API is open",
    ),
    ("access_log", None, "One line per request on stderr.", None),
    (
        "log_level",
        None,
        "The least severe console lines shown (INFO: transitions, clock moves, failed "
        "webhooks). Any case.",
        None,
    ),
    (
        "log_format",
        None,
        "Text lines for people, or one JSON object a line for machines. Any case.",
        None,
    ),
    ("demo", None, "Start with a few customers at different stages of review, for a demo.", None),
)
_CHOICES = {"fsync": FSYNC_MODES, "log_level": LOG_LEVELS, "log_format": LOG_FORMATS}


class SettingOption(click.Option):
    """A flag of ``serve``: its help shows its variable, but ``Settings.from_env`` reads that
    variable (one reader for serve, tests and code: the same conversions, an error line that
    names the variable, old names with a warning); a flag given beats it."""

    def value_from_envvar(self, ctx: click.Context) -> Any:
        """Nothing: the variable is read by ``Settings.from_env``."""
        return None

    def get_error_hint(self, ctx: click.Context | None) -> str:
        """The flag alone: Click never read the variable, so a value it refuses is a flag's."""
        return click.Parameter.get_error_hint(self, ctx)


def _setting_flag(name: str, metavar: str | None, text: str, shown: str | None) -> click.Option:
    """One Settings field as a flag, with its type, default and variable from Settings."""
    setting = next(field for field in fields(Settings) if field.name == name)
    kind = next(arg for arg in (get_args(setting.type) or (setting.type,)) if arg is not type(None))
    flag = "--" + name.replace("_", "-")
    extra: dict[str, Any] = {}
    if kind is bool:
        decls = [name, f"{flag}/--no-{flag[2:]}" if setting.default else flag]
        extra["is_flag"] = True
    else:
        decls = [name, flag]
        extra["type"] = kind
        extra["metavar"] = metavar
        if name in _CHOICES:
            extra["type"] = click.Choice(_CHOICES[name], case_sensitive=False)
            extra["metavar"] = f"[{'|'.join(_CHOICES[name])}]"
    return SettingOption(
        decls,
        default=setting.default,
        show_default=shown or setting.default not in (None, False),
        envvar=f"MOCKSERVER_{name.upper()}",
        show_envvar=True,
        help=text,
        **extra,
    )


def _provider_flag(option: Option) -> click.Option:
    """A provider's declared setting as a flag (its old names still work and are listed)."""
    text = option.help[:1].upper() + option.help[1:] + "."
    if option.aliases:
        text += f" Formerly {', '.join(option.aliases)}."
    metavar = option.name.rsplit("_", 1)[-1].upper()
    extra: dict[str, Any]
    if option.kind is bool:
        extra = {"is_flag": True}
    elif option.kind is tuple:
        text += " The variable takes several, comma-separated."
        extra = {"multiple": True, "metavar": metavar}
    else:
        extra = {"type": option.kind, "metavar": metavar}
    return SettingOption(
        [option.key, option.flag, *option.aliases],
        default=option.default,
        show_default=option.default not in (None, (), "", False),
        envvar=[option.env, *option.env_aliases],
        show_envvar=True,
        help=text,
        **extra,
    )


def given_on_the_command_line(ctx: click.Context) -> dict[str, Any]:
    """The flags given, by setting name (the rest is left to the environment and defaults)."""
    return {
        name: value
        for name, value in ctx.params.items()
        if ctx.get_parameter_source(name) is ParameterSource.COMMANDLINE
    }


@click.command(
    "serve",
    params=[
        *(_setting_flag(*flag) for flag in _FLAGS),
        *(_provider_flag(option) for option in registered_options()),
    ],
    short_help="Run the sandbox in the foreground.",
    help="Run the sandbox in the foreground until Ctrl-C or SIGTERM.\n\n"
    "Every flag can also be set by the environment variable shown beside it; a flag given "
    "beats its variable. A bad setting stops serve before it listens, with exit status 2.",
)
@click.pass_context
def serve(ctx: click.Context, **_: Any) -> None:
    """Run the sandbox (the flags given override the environment)."""
    ctx.exit(run(given_on_the_command_line(ctx)))


def run(overrides: dict[str, Any]) -> int:
    """Start the sandbox with ``overrides`` on top of ``MOCKSERVER_*``; the exit status."""
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
        print(banner(runtime, server.port), flush=True)
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
