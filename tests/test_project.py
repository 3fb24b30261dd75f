"""The project's own files agree with each other: pins, README, CLI and Makefile errors."""

import re
import subprocess
import sys
import tomllib

import pytest

from course_utils import notebooks
from course_utils.__main__ import main

ROOT = notebooks.ROOT


def pinned(requirements):
    """{normalized name: version} for the exact pins among `requirements`."""
    pins = {}
    for requirement in requirements:
        if "==" in requirement:
            name, version = requirement.split("==", 1)
            pins[re.sub(r"[-_.]+", "-", name.strip()).lower()] = version.strip()
    return pins


def test_environment_yml_has_the_same_pins_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    expected = pinned(project["dependencies"])
    for extra in ("local", "test", "lab"):
        expected |= pinned(project["optional-dependencies"][extra])
    listed = re.findall(r"^\s+- ([A-Za-z0-9_.-]+==\S+)$", (ROOT / "environment.yml").read_text(), flags=re.M)
    assert pinned(listed) == expected


def test_constraints_agree_with_pyproject_pins():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    locked = pinned(line.strip() for line in (ROOT / "constraints.txt").read_text().splitlines())
    for name, version in pinned(project["dependencies"] + project["optional-dependencies"]["local"]).items():
        assert locked.get(name) == version, name


def test_readme_lesson_table_matches_the_catalog():
    assert notebooks.readme_table() in (ROOT / "README.md").read_text()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["run", "99"], "Unknown lesson '99'"),
        (["run", "01", "--lang", "fr"], "Unknown language 'fr'"),
        (["run", "02"], "does not exist yet"),
    ],
)
def test_cli_errors_are_clear(argv, message, capsys):
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_cli_lists_all_lessons(capsys):
    assert main(["list"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 21 and out[1].startswith("01  ready")


def test_make_run_reports_a_bad_lesson(tmp_path):
    stamp = tmp_path / "installed"  # newer than every install input, so make skips the install step
    stamp.touch()
    result = subprocess.run(["make", "--no-print-directory", "run", "LESSON=42", f"PY={sys.executable}",
                             f"STAMP={stamp}"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode != 0
    assert "Unknown lesson '42'" in result.stderr
