"""Shared fixtures: every test starts with fresh offline and edition detection and its own stand-in cache."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from course_utils import env, lang

sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/prepare.py, imported as `prepare`


@pytest.fixture(autouse=True)
def fresh_detection(monkeypatch, tmp_path_factory):
    """Forget cached offline/language answers and keep built stand-ins out of the user's cache."""
    env.connection.cache_clear()
    lang.detect.cache_clear()
    monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "standins"))
    yield
    env.connection.cache_clear()
    lang.detect.cache_clear()


@pytest.fixture
def offline_mode(monkeypatch):
    monkeypatch.setenv("COURSE_OFFLINE", "1")
    env.connection.cache_clear()


@pytest.fixture
def online_mode(monkeypatch):
    for name in env.OFFLINE_FLAGS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(env, "probe_hub", lambda deadline=env.PROBE_SECONDS: None)
    env.connection.cache_clear()
