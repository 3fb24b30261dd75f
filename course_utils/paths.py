"""Where the course keeps things: the repository checkout, its data samples, the build and stand-in cache."""

from __future__ import annotations

import os
from pathlib import Path

#: the repository root when the package runs from a clone (an editable install); a pip install has no such root
ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build"
STANDINS = ROOT / "standins"


def in_checkout() -> bool:
    """True when the package runs from a clone of the course, where `make install` can help."""
    return (ROOT / "Makefile").is_file() and (ROOT / "notebooks").is_dir()


def data_root() -> Path:
    """`$COURSE_DATA_DIR`, else the `data/` folder of this repository checkout."""
    override = os.environ.get("COURSE_DATA_DIR")
    return Path(override) if override else ROOT / "data"


def folder_name(checkpoint: str) -> str:
    """A stand-in's folder name, in the cache and under standins/: `owner/name` becomes `owner__name`."""
    return checkpoint.replace("/", "__")


def cache_dir() -> Path:
    """Where built stand-ins live: `$COURSE_CACHE_DIR`, else `~/.cache/hf-task-course`."""
    root = os.environ.get("COURSE_CACHE_DIR") or Path.home() / ".cache" / "hf-task-course"
    return Path(root)


def install_hint(requirement: str) -> str:
    """What to run to get a missing piece: `make install` in a clone, else the pip line or a clone."""
    if in_checkout():
        return f"run `make install` in {ROOT}"
    return (f"install it with `pip install --no-deps {requirement}`, or clone the course repository and run "
            "`make install` there")
