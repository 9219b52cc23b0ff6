"""The ``mockserver`` command (Click): ``serve``, ``scenarios list|validate`` and ``tail``."""

import os
import sys
from pathlib import Path
from typing import NoReturn

import click

from mockserver import __version__
from mockserver.cli_serve import serve
from mockserver.errors import MockError
from mockserver.live import KINDS
from mockserver.scenarios import ScenarioBook, bundled_directory, load_scenario
from mockserver.tail import tail as follow

CONTEXT = {"help_option_names": ["-h", "--help"]}


class _InOrder(click.Group):
    """A group that lists its commands in the order they were added, not alphabetically."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """The commands, most used first."""
        return list(self.commands)


@click.group(
    cls=_InOrder,
    context_settings=CONTEXT,
    help="A local sandbox for toll-free messaging compliance APIs (Twilio, Pinnacle, platform "
    "setups).\n\nRun 'mockserver COMMAND --help' for a command's flags. Without a command, "
    "this help is shown and the exit status is 2, as for any usage error.",
)
@click.version_option(
    __version__, "--version", prog_name="mockserver", message="%(prog)s %(version)s"
)
def cli() -> None:
    """The ``mockserver`` command group."""


cli.add_command(serve)


@cli.group(short_help="List or validate scenario files.", help="List or validate scenario files.")
def scenarios() -> None:
    """The ``scenarios`` command group."""


@scenarios.command(
    "list",
    short_help="Show every loaded scenario.",
    help="Show every loaded scenario: the bundled ones, and your own from --scenarios-dir.",
)
@click.option(
    "--scenarios-dir",
    type=click.Path(path_type=Path),
    metavar="DIR",
    envvar="MOCKSERVER_SCENARIOS_DIR",
    show_envvar=True,
    help="A folder of your own scenario files, listed with the bundled ones (same name "
    "replaces a bundled one).",
)
def list_scenarios(scenarios_dir: Path | None) -> None:
    """Print each scenario with its story, steps and magic input."""
    directories = [bundled_directory(), *([scenarios_dir] if scenarios_dir else [])]
    try:
        book = ScenarioBook.from_directories(directories, default=None)
    except (MockError, OSError) as exc:
        _fail(exc)
    for scenario in book.all():
        steps = ", ".join(f"{s['do']} after {s['after']}" for s in scenario.describe()["steps"])
        print(f"{scenario.name}: {scenario.description}\n    story: {scenario.story}")
        print(f"    steps: {steps}")
        if scenario.match:
            print(f"    magic input: {scenario.match}")


@scenarios.command(
    short_help="Check scenario files.",
    help="Check each scenario FILE (YAML) as serve would load it: 'FILE: ok (…)' for each good "
    "one; the first bad one stops with its file, line and field, and exit status 1.",
)
@click.argument(
    "files", nargs=-1, required=True, metavar="FILE...", type=click.Path(path_type=Path)
)
def validate(files: tuple[Path, ...]) -> None:
    """Load each file as ``serve`` would and say what it holds."""
    try:
        for path in files:
            scenario = load_scenario(path)
            again = f"{len(scenario.on_resubmit)} on resubmit"
            if scenario.story != "review":
                again = f"{scenario.story} story"
            print(f"{path}: ok ({scenario.name}: {len(scenario.steps)} steps, {again})")
    except (MockError, OSError) as exc:
        _fail(exc)


@cli.command(
    short_help="Print a running sandbox's live events.",
    help="Print a running sandbox's live events (GET /_mock/stream), one line each, until Ctrl-C.",
)
@click.option(
    "--url",
    default="http://127.0.0.1:8080",
    envvar="MOCKSERVER_URL",
    show_default=True,
    show_envvar=True,
    metavar="URL",
    help="The sandbox.",
)
@click.option(
    "--tenant", metavar="TENANT", help="One tenant only: an account SID, API key or setup."
)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(KINDS),
    help="Only events of this kind (repeat for several).",
)
@click.option(
    "--control-token",
    metavar="TOKEN",
    envvar="MOCKSERVER_CONTROL_TOKEN",
    show_envvar=True,
    help="The sandbox's control token, if it has one.",
)
@click.pass_context
def tail(
    ctx: click.Context, url: str, tenant: str | None, kinds: tuple[str, ...], control_token
) -> None:
    """Follow the sandbox's event stream."""
    ctx.exit(follow(url, kinds=kinds, tenant=tenant, token=control_token))


def _fail(exc: BaseException) -> NoReturn:
    print(f"mockserver: {getattr(exc, 'message', exc)}", file=sys.stderr)
    raise click.exceptions.Exit(1)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script and of ``python -m mockserver``; the exit status."""
    try:
        cli.main(args=argv, prog_name="mockserver")  # standalone: it always raises SystemExit
        code = 0
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else int(exit_.code is not None)
    try:
        sys.stdout.flush()
        if sys.__stdout__ is not None:  # under Click's wrapper once a write met a closed pipe
            sys.__stdout__.flush()
    except BrokenPipeError:
        # The reader has gone (``mockserver scenarios list | head -1``): what is left can go
        # nowhere, and without this Python's own flush at exit prints a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.__stdout__.fileno())
        code = code or 1
    return code
