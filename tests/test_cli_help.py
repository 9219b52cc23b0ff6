"""The ``mockserver`` command's help, version, bare call and closed pipes."""

import os
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from mockserver import __version__
from mockserver.cli import cli
from mockserver.cli_serve import serve
from mockserver.providers import registered_options

COMMANDS = [
    [],
    ["serve"],
    ["scenarios"],
    ["scenarios", "list"],
    ["scenarios", "validate"],
    ["tail"],
]


def mockserver(*args: str, **kwargs) -> subprocess.CompletedProcess:
    """``python -m mockserver ARGS`` as a process, its output as text."""
    return subprocess.run(
        [sys.executable, "-m", "mockserver", *args],
        capture_output=True,
        text=True,
        timeout=30,
        **kwargs,
    )


def help_of(command: list[str]) -> str:
    """The help text of ``mockserver COMMAND --help``, on a wide terminal."""
    result = CliRunner().invoke(
        cli, [*command, "--help"], prog_name="mockserver", terminal_width=1000
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_a_bare_mockserver_shows_the_help_with_clicks_usage_error_status():
    result = mockserver()
    assert result.returncode == 2
    assert result.stderr.startswith("Usage: mockserver [OPTIONS] COMMAND [ARGS]...")
    assert re.search(r"Commands:\n  serve +Run the sandbox", result.stderr)
    assert "Traceback" not in result.stderr


def test_version_prints_the_name_and_version():
    result = mockserver("--version")
    assert (result.returncode, result.stdout) == (0, f"mockserver {__version__}\n")


@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: " ".join(command) or "-")
def test_every_help_is_plain_text_with_a_description(command):
    shown = help_of(command)
    assert shown.startswith(f"Usage: {' '.join(['mockserver', *command])} ")
    assert not re.search(r"``|:\w+:`", shown)  # no reStructuredText
    assert re.search(r"\n\n  \w", shown)  # a description under the usage line


def test_every_serve_flag_shows_its_variable_and_a_default_where_it_has_one():
    ctx = serve.make_context("serve", [])
    records = {param.opts[0]: param.get_help_record(ctx) for param in serve.params}
    for param in serve.params:
        variable = param.envvar if isinstance(param.envvar, str) else param.envvar[0]
        assert f"env var: {variable}" in records[param.opts[0]][1]
    for flag, default in [
        ("--port", "default: 8080]"),
        ("--store", "default: (in memory)]"),
        ("--fsync", "default: never]"),
        ("--pinnacle-signing-secret", "default: pss_sandbox_signing_secret]"),
    ]:
        assert records[flag][1].endswith(default), records[flag]
    assert "--log-level" in help_of(["serve"])


def test_provider_flags_and_their_variables_come_from_the_declared_options():
    flags = {opt: param for param in serve.params for opt in param.opts}
    for option in registered_options():
        param = flags[option.flag]
        assert param.name == option.key
        assert [*param.envvar] == [option.env, *option.env_aliases]
        assert all(flags[alias] is param for alias in option.aliases)


def test_the_scenario_commands_explain_their_folder_and_files():
    assert re.search(r"--scenarios-dir DIR +A folder of your own", help_of(["scenarios", "list"]))
    validate = help_of(["scenarios", "validate"])
    assert "Usage: mockserver scenarios validate [OPTIONS] FILE..." in validate
    assert "Check each scenario FILE (YAML)" in validate


def test_a_closed_pipe_ends_the_listing_quietly():
    """``mockserver scenarios list | head -1``: the reader left before the listing ended."""
    read, write = os.pipe()
    os.close(read)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "mockserver", "scenarios", "list"],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            timeout=30,
        )
    finally:
        os.close(write)
    assert result.stderr == ""
    assert result.returncode == 1
