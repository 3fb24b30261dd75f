"""The project's own files agree with each other: pins, README, CLI and Makefile errors."""

import importlib.metadata
import re
import subprocess
import sys
import tomllib

import pytest
from packaging.requirements import Requirement

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


def declared():
    """Every requirement of pyproject.toml: the dependencies and all extras."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return [Requirement(r) for r in project["dependencies"] + sum(project["optional-dependencies"].values(), [])]


def locked():
    return pinned(line.strip() for line in (ROOT / "constraints.txt").read_text().splitlines())


def normalized(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def locked_version(requirement, lock):
    """The version the lock holds, or the exact pin of a requirement the lock leaves out (the `lab` extra)."""
    return lock.get(normalized(requirement.name)) or str(requirement.specifier).removeprefix("==")


def test_environment_yml_lists_every_requirement_at_its_locked_version():
    listed = re.findall(r"^\s+- ([A-Za-z0-9_.-]+==\S+)$", (ROOT / "environment.yml").read_text(), flags=re.M)
    lock = locked()
    assert pinned(listed) == {normalized(r.name): locked_version(r, lock) for r in declared()}


def test_the_lock_satisfies_every_requirement():
    lock = locked()
    for requirement in declared():
        assert requirement.specifier.contains(locked_version(requirement, lock)), requirement


def test_colab_gets_exact_pins_only_for_what_the_lessons_teach():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    exact = {normalized(Requirement(r).name) for r in project["dependencies"] if "==" in r}
    assert exact == {"transformers", "datasets", "tokenizers", "accelerate", "safetensors"}


def test_the_version_has_one_source():
    import course_utils

    assert importlib.metadata.version("course-utils") == course_utils.__version__


def test_readme_lesson_table_matches_the_catalog():
    assert notebooks.readme_table() in (ROOT / "README.md").read_text()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["run", "99"], "Unknown lesson '99'"),
        (["run", "01", "--lang", "fr"], "Unknown language 'fr'"),
        (["run", "16"], "does not exist yet"),
        (["run", "01", "-p", "train_sise", "10"], "has no parameter 'train_sise'"),
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
