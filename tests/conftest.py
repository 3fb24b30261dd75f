"""Shared fixtures: every test starts with fresh offline detection and its own stand-in cache."""

from __future__ import annotations

import pytest

from course_utils import env, lang


@pytest.fixture(autouse=True)
def fresh_detection(monkeypatch, tmp_path_factory):
    """Forget cached offline/language answers and keep built stand-ins out of the user's cache."""
    env.offline_reason.cache_clear()
    lang.notebook_language.cache_clear()
    monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "standins"))
    yield
    env.offline_reason.cache_clear()
    lang.notebook_language.cache_clear()


@pytest.fixture
def offline_mode(monkeypatch):
    monkeypatch.setenv("COURSE_OFFLINE", "1")
    env.offline_reason.cache_clear()
