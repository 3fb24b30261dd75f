"""Where the notebook runs: Colab or local, online or offline, CPU or GPU.

Everything here is cheap and imports no ML library at module level, because the offline switches must be
set before `transformers` and `datasets` are imported.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import threading
import urllib.error
import urllib.request
import warnings
from dataclasses import dataclass
from functools import lru_cache

from . import lang, paths
from .catalog import PACKAGES

#: what the offline profile sets: the course's own switch, and the Hub libraries' switches
OFFLINE_ENV = {"COURSE_OFFLINE": "1", "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
OFFLINE_FLAGS = ("COURSE_OFFLINE", "HF_HUB_OFFLINE")
PROBE_PATH = "/api/models/distilbert/distilbert-base-uncased"
#: one deadline for the whole probe: name lookup, TCP, TLS and the answer
PROBE_SECONDS = 3.0


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def in_colab() -> bool:
    """True inside Google Colab, where the install cell has work to do."""
    return "google.colab" in sys.modules


def hub_endpoint() -> str:
    return os.environ.get("HF_ENDPOINT", "https://huggingface.co").rstrip("/")


def probe_hub(deadline: float = PROBE_SECONDS) -> str | None:
    """None if the Hub answers an HTTPS request within `deadline` seconds, else why not.

    The request runs in a thread, so a slow name lookup cannot stretch the deadline; a proxy or captive
    portal that answers with something other than the Hub counts as unreachable.
    """
    answer: list[str | None] = []

    def ask() -> None:
        try:
            with urllib.request.urlopen(urllib.request.Request(hub_endpoint() + PROBE_PATH, method="HEAD"),
                                        timeout=deadline):
                answer.append(None)
        except urllib.error.HTTPError as error:
            answer.append(None if error.code == 401 else f"HTTP {error.code}")
        except Exception as error:  # noqa: BLE001 - any failure means "not reachable", and says which
            answer.append(error.__class__.__name__)

    worker = threading.Thread(target=ask, daemon=True)
    worker.start()
    worker.join(deadline)
    return answer[0] if answer else f"no answer within {deadline:g} s"


def standins_missing() -> str | None:
    """None when this installation can run the offline profile, else what it lacks."""
    if not paths.data_root().is_dir():
        return f"the course's data samples ({paths.data_root()})"
    absent = [p.requirement for p in PACKAGES.values() if importlib.util.find_spec(p.module) is None]
    return f"the stand-in weights ({', '.join(absent)})" if absent else None


@lru_cache(maxsize=1)
def connection() -> tuple[str | None, str | None]:
    """(why the offline profile is on, or None when online; a warning worth printing, or None).

    A flag turns the profile on. Otherwise one HTTPS probe decides, but only an installation that has the
    stand-ins goes offline by itself: elsewhere (a pip install on Colab) it stays online and warns.
    """
    for name in OFFLINE_FLAGS:
        if _flag(name):
            return f"{name}=1", None
    failure = probe_hub()
    if failure is None:
        return None, None
    where = hub_endpoint().split("//")[-1]
    missing = standins_missing()
    if missing is None:
        return f"the Hub ({where}) cannot be reached: {failure}", None
    return None, lang.say(
        f"The Hub ({where}) did not answer ({failure}), and this installation lacks {missing}, so the "
        "notebook stays online. Check the connection and run this cell again.",
        f"Hub({where})가 응답하지 않았습니다({failure}). 이 설치에는 {missing}이(가) 없어서 온라인 모드를 "
        "유지합니다. 연결을 확인한 뒤 이 셀을 다시 실행하세요.",
    )


def offline_reason() -> str | None:
    """Why the offline profile is on, or None when online."""
    return connection()[0]


def offline_hint() -> str:
    return lang.say(
        "Loading from the Hub failed. To run this lesson on the course's offline stand-ins instead, set "
        "COURSE_OFFLINE=1 before starting Jupyter (in a clone of the course, after `make install`).",
        "Hub에서 불러오지 못했습니다. 강좌의 오프라인 대체 모델과 데이터로 이 강의를 실행하려면 Jupyter를 시작하기 "
        "전에 COURSE_OFFLINE=1을 설정하세요(강좌 저장소를 복제하고 `make install`을 실행한 환경에서).",
    )


def _looks_like_network(error: BaseException) -> bool:
    text = f"{type(error).__name__} {error}".lower()
    return any(word in text for word in ("connect", "timed out", "timeout", "offline", "resolve host", "network"))


def _hint_on_hub_errors() -> None:
    """In IPython, follow a traceback that looks like a failed download with the offline-profile hint."""
    shell = getattr(sys.modules.get("IPython"), "get_ipython", lambda: None)()
    if shell is None:
        return

    def handler(self, etype, value, tb, tb_offset=None):
        self.showtraceback((etype, value, tb), tb_offset=tb_offset)
        if _looks_like_network(value):
            print(offline_hint())

    shell.set_custom_exc((OSError, ConnectionError, RuntimeError), handler)


@dataclass(frozen=True)
class Environment:
    """A summary that the notebook prints once at the top."""

    place: str
    device: str
    offline: str | None
    edition: str
    edition_source: str
    warning: str | None = None

    def __str__(self) -> str:
        mode = (lang.say(f"offline profile ({self.offline})", f"오프라인 프로필({self.offline})") if self.offline
                else lang.say("online (Hugging Face Hub)", "온라인(Hugging Face Hub)"))
        text = lang.say(
            f"Running on {self.place} · device: {self.device} · {mode} · edition: {self.edition} "
            f"(from {self.edition_source})",
            f"실행 환경: {self.place} · 장치: {self.device} · {mode} · 언어: {self.edition}({self.edition_source}에서 확인)",
        )
        return text + (f"\n{self.warning}" if self.warning else "")


def setup() -> Environment:
    """Detect the environment and switch the Hub libraries to offline mode when the offline profile is on."""
    reason, warning = connection()
    if reason:
        # Tell huggingface_hub, transformers and datasets not to try the network at all.
        os.environ.update(OFFLINE_ENV)
    else:
        _hint_on_hub_errors()
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    # Harmless on a CPU-only machine, and it would repeat at every evaluation.
    warnings.filterwarnings("ignore", message=".*'pin_memory' argument is set as true but no accelerator")
    import torch

    if torch.cuda.is_available():
        device = f"cuda ({torch.cuda.get_device_name(0)})"
    else:
        device = "mps" if torch.backends.mps.is_available() else "cpu"
    place = "Google Colab" if in_colab() else lang.say("a local machine", "로컬 컴퓨터")
    edition, source = lang.detect()
    return Environment(place, device, reason, edition, source, warning)
