import http.server
import os
import socket
import threading
import time
from contextlib import contextmanager

import pytest

from course_utils import env


@contextmanager
def local_server(handler_class):
    """A throwaway HTTP server on the loopback interface, standing in for the Hub."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler_class)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class Answers(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self):
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


class Refuses(Answers):
    def do_HEAD(self):
        self.send_response(407)  # a proxy that wants credentials is not the Hub
        self.end_headers()


@pytest.fixture
def no_flags(monkeypatch):
    for name in env.OFFLINE_FLAGS:
        monkeypatch.delenv(name, raising=False)


def test_flag_turns_offline_on(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.delenv("COURSE_OFFLINE", raising=False)
    assert env.offline_reason() == "HF_HUB_OFFLINE=1"


def test_an_answering_hub_means_online(no_flags, monkeypatch):
    with local_server(Answers) as url:
        monkeypatch.setenv("HF_ENDPOINT", url)
        assert env.probe_hub() is None
        assert env.offline_reason() is None


def test_a_proxy_that_refuses_counts_as_unreachable(no_flags, monkeypatch):
    with local_server(Refuses) as url:
        monkeypatch.setenv("HF_ENDPOINT", url)
        assert env.probe_hub() == "HTTP 407"
        assert "cannot be reached: HTTP 407" in env.offline_reason()


def test_a_half_open_connection_is_given_up_at_the_deadline(no_flags, monkeypatch):
    with socket.create_server(("127.0.0.1", 0)) as silent:  # accepts connections, never answers
        monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{silent.getsockname()[1]}")
        started = time.perf_counter()
        reason = env.probe_hub(deadline=0.5)
        assert time.perf_counter() - started < 1.5
    assert reason is not None


def test_nothing_listening_turns_offline_on(no_flags, monkeypatch):
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")  # the discard port: nothing listens
    assert "cannot be reached" in env.offline_reason()


def test_without_standins_a_failed_probe_stays_online_and_says_why(no_flags, monkeypatch):
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")
    monkeypatch.setenv("COURSE_DATA_DIR", "/nonexistent/course-data")
    reason, warning = env.connection()
    assert reason is None
    assert "did not answer" in warning and "stays online" in warning and "/nonexistent/course-data" in warning


def test_setup_switches_hub_libraries_offline(offline_mode, monkeypatch):
    monkeypatch.delenv("HF_DATASETS_OFFLINE", raising=False)
    monkeypatch.setenv("COURSE_LANG", "en")
    summary = env.setup()
    assert os.environ["HF_DATASETS_OFFLINE"] == "1"
    assert summary.offline == "COURSE_OFFLINE=1" and summary.device.split()[0] in {"cpu", "cuda", "mps"}
    assert "offline profile" in str(summary) and "edition: en (from COURSE_LANG)" in str(summary)


def test_setup_speaks_the_editions_language(offline_mode, monkeypatch):
    monkeypatch.setenv("COURSE_LANG", "ko")
    assert "오프라인 프로필" in str(env.setup()) and "COURSE_LANG에서 확인" in str(env.setup())


def test_a_network_failure_is_recognised_for_the_hint():
    assert env._looks_like_network(OSError("We couldn't connect to 'https://huggingface.co'"))
    assert not env._looks_like_network(ValueError("shapes do not match"))


def test_a_failed_download_in_a_notebook_ends_with_the_offline_hint(monkeypatch, capsys):
    class Shell:
        def set_custom_exc(self, kinds, handler):
            self.kinds, self.handler = kinds, handler

        def showtraceback(self, exc_tuple, tb_offset=None):
            print(f"Traceback: {exc_tuple[1]}")

    shell = Shell()
    monkeypatch.setattr("IPython.get_ipython", lambda: shell)
    monkeypatch.setenv("COURSE_LANG", "en")
    env._hint_on_hub_errors()
    assert OSError in shell.kinds
    shell.handler(shell, OSError, OSError("We couldn't connect to 'https://huggingface.co'"), None)
    shell.handler(shell, RuntimeError, RuntimeError("CUDA out of memory"), None)
    printed = capsys.readouterr().out
    assert printed.count("COURSE_OFFLINE=1") == 1 and "CUDA out of memory" in printed
