import pytest

from course_utils import hub


@pytest.mark.parametrize("value", ["false", "True", 1, None])
def test_only_a_real_bool_is_accepted(value):
    with pytest.raises(TypeError, match="push_to_hub must be True or False"):
        hub.ready_to_push(value)


def test_false_uploads_nothing(capsys, monkeypatch):
    monkeypatch.setenv("COURSE_LANG", "en")
    assert hub.ready_to_push(False) is False
    assert "nothing was uploaded" in capsys.readouterr().out


def test_offline_uploads_nothing(offline_mode, capsys, monkeypatch):
    monkeypatch.setenv("COURSE_LANG", "ko")
    assert hub.ready_to_push(True) is False
    assert "오프라인" in capsys.readouterr().out


def test_no_token_uploads_nothing_and_asks_for_write_access(online_mode, capsys, monkeypatch):
    monkeypatch.setenv("COURSE_LANG", "en")
    monkeypatch.setattr("huggingface_hub.get_token", lambda: None)
    assert hub.ready_to_push(True) is False
    assert "write access" in capsys.readouterr().out
