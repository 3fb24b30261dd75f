import os
import socket

from course_utils import env


def test_flag_turns_offline_on(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.delenv("COURSE_OFFLINE", raising=False)
    assert env.offline_reason() == "HF_HUB_OFFLINE=1"


def test_unreachable_hub_turns_offline_on_quickly(monkeypatch):
    for name in env.OFFLINE_FLAGS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(env, "HUB_HOST", ("127.0.0.1", 9))  # nothing listens on the discard port
    reason = env.offline_reason(timeout=0.5)
    assert reason is not None and "cannot be reached" in reason


def test_reachable_hub_means_online(monkeypatch):
    for name in env.OFFLINE_FLAGS:
        monkeypatch.delenv(name, raising=False)
    with socket.create_server(("127.0.0.1", 0)) as server:
        monkeypatch.setattr(env, "HUB_HOST", server.getsockname()[:2])
        assert env.offline_reason() is None
        assert env.is_offline() is False


def test_setup_switches_hub_libraries_offline(offline_mode, monkeypatch):
    monkeypatch.delenv("HF_DATASETS_OFFLINE", raising=False)
    summary = env.setup(seed=7)
    assert os.environ["HF_DATASETS_OFFLINE"] == "1"
    assert summary.offline == "COURSE_OFFLINE=1" and summary.device in {"cpu", "cuda", "mps"}
    assert "offline profile" in str(summary) and "seed 7" in str(summary)
