import sys
import types

import pytest

from course_utils import checks


@pytest.mark.parametrize("value", [0, -3, 0.0, "100", None, True])
def test_parameters_that_cannot_work_are_named(value):
    with pytest.raises(checks.ParameterError, match=r"^train_size must be a number above 0, not "):
        checks.require_positive(batch_size=8, train_size=value)


def test_good_parameters_pass():
    checks.require_positive(train_size=1, learning_rate=2e-5, max_length=512)


def test_the_message_follows_the_edition(monkeypatch):
    monkeypatch.setenv("COURSE_LANG", "ko")
    with pytest.raises(checks.ParameterError, match="learning_rate은\\(는\\) 0보다 큰 수여야"):
        checks.require_positive(learning_rate=0)


def test_a_module_imported_before_an_upgrade_asks_for_a_restart(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "pytest_fake_pkg", types.SimpleNamespace(__version__="0.0.1"))
    monkeypatch.setattr(checks.importlib.metadata, "packages_distributions", lambda: {"pytest_fake_pkg": ["pytest"]})
    assert any(line.startswith("pytest_fake_pkg 0.0.1 → ") for line in checks.stale_imports())
    monkeypatch.setenv("COURSE_LANG", "ko")
    assert checks.report_restart() is True
    assert "런타임 → 세션 다시 시작" in capsys.readouterr().out


def test_nothing_stale_means_no_restart(monkeypatch, capsys):
    monkeypatch.setattr(checks, "stale_imports", lambda: [])
    monkeypatch.setenv("COURSE_LANG", "en")
    assert checks.report_restart() is False
    assert "No restart needed" in capsys.readouterr().out
