"""What a user installs: the distribution's name, its extras, its licence and an sdist that
carries its own tests."""

import shutil
import subprocess
import sys
import tarfile
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
NAME = "sms-compliance-sandbox"


def extra(name: str) -> dict[str, Requirement]:
    """The requirements of one extra, by canonical name."""
    found = [Requirement(line) for line in PROJECT["optional-dependencies"][name]]
    return {canonicalize_name(requirement.name): requirement for requirement in found}


def test_the_distribution_has_a_name_of_its_own_and_keeps_the_mockserver_command():
    """The index refuses names equal to its ``mock-server`` once separators are ignored."""
    name = canonicalize_name(PROJECT["name"])
    assert name == NAME and name.replace("-", "") != "mockserver"
    assert PROJECT["scripts"] == {"mockserver": "mockserver.cli:main"}
    assert PROJECT["entry-points"]["pytest11"] == {"mockserver": "mockserver.pytest_plugin"}


def test_each_sdk_extra_names_the_version_the_suite_runs_as_its_lower_bound():
    """``[twilio]``, ``[pinnacle]`` (with requests, for the README's snippet) and ``[all]``."""
    wanted = {"twilio": {"twilio"}, "pinnacle": {"rcs", "requests"}}
    for name, packages in wanted.items():
        requirements = extra(name)
        assert set(requirements) == packages
        for package, requirement in requirements.items():
            [lower] = [spec.version for spec in requirement.specifier if spec.operator == ">="]
            assert Version(lower) <= Version(version(package)), requirement
    [everything] = extra("all").values()
    assert (everything.name, everything.extras) == (NAME, {"twilio", "pinnacle"})


def test_the_test_extra_brings_the_sdks_and_the_linters_stay_in_dev():
    assert extra("test")[NAME].extras == {"all"}
    assert "ruff" not in extra("test") and "ruff" in extra("dev")


@pytest.fixture(scope="module")
def sdist(tmp_path_factory) -> tarfile.TarFile:
    """An sdist built from this checkout's tracked files (copied apart: the suite may run
    other builds in the checkout at the same time)."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: the files to ship are the tracked ones")
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    source = tmp_path_factory.mktemp("source")
    for name in filter(None, tracked.split("\0")):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    out = tmp_path_factory.mktemp("sdist")
    build = "from setuptools import build_meta as b; import sys; b.build_sdist(sys.argv[1])"
    subprocess.run(
        [sys.executable, "-c", build, str(out)], cwd=source, capture_output=True, check=True
    )
    [archive] = out.glob("*.tar.gz")
    with tarfile.open(archive) as opened:
        yield opened


def test_the_sdist_carries_every_tracked_file_so_its_tests_run(sdist):
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    [top] = {member.name.split("/", 1)[0] for member in sdist.getmembers()}
    names = [member.name for member in sdist.getmembers()]
    shipped = {name.split("/", 1)[1] for name in names if "/" in name}
    missing = [name for name in tracked if name != ".gitignore" and name not in shipped]
    assert missing == []
    assert top.startswith("sms_compliance_sandbox-")
    for needed in ("tests/conftest.py", "tests/admin/test_stream.py", "bench/settle.py"):
        assert needed in shipped


def test_the_sdist_states_its_mit_licence(sdist):
    [info] = [name for name in sdist.getnames() if name.count("/") == 1 and "/PKG-INFO" in name]
    metadata = sdist.extractfile(info).read().decode()
    assert "License-Expression: MIT" in metadata and "License-File: LICENSE" in metadata
    assert "MIT License" in (ROOT / "LICENSE").read_text()
