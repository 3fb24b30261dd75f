"""Where the notebook runs: Colab or local, online or offline, CPU or GPU; and seeds.

Everything here is cheap and imports no ML library at module level, because the offline switches must be
set before `transformers` and `datasets` are imported.
"""

from __future__ import annotations

import os
import socket
import sys
import warnings
from dataclasses import dataclass
from functools import lru_cache

OFFLINE_FLAGS = ("COURSE_OFFLINE", "HF_HUB_OFFLINE")
HUB_HOST = ("huggingface.co", 443)


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def in_colab() -> bool:
    """True inside Google Colab, where the install cell has work to do."""
    return "google.colab" in sys.modules


@lru_cache(maxsize=1)
def offline_reason(timeout: float = 1.5) -> str | None:
    """Why the offline profile is on (a flag, or the Hub out of reach), or None when online.

    The network check is one TCP connection with a short timeout, so it costs at most `timeout` seconds.
    """
    for name in OFFLINE_FLAGS:
        if _flag(name):
            return f"{name}=1"
    try:
        with socket.create_connection(HUB_HOST, timeout=timeout):
            return None
    except OSError as error:
        return f"the Hub ({HUB_HOST[0]}) cannot be reached: {error.__class__.__name__}"


def is_offline() -> bool:
    return offline_reason() is not None


@dataclass(frozen=True)
class Environment:
    """A summary that the notebook prints once at the top."""

    place: str
    device: str
    offline: str | None
    seed: int

    def __str__(self) -> str:
        mode = f"offline profile ({self.offline})" if self.offline else "online (Hugging Face Hub)"
        return f"Running on {self.place} · device: {self.device} · {mode} · seed {self.seed}"


def setup(seed: int = 42) -> Environment:
    """Detect the environment, switch the Hub libraries to offline mode when needed, and fix seeds."""
    reason = offline_reason()
    if reason:
        # Tell huggingface_hub, transformers and datasets not to try the network at all.
        for name in ("HF_HUB_OFFLINE", "HF_DATASETS_OFFLINE", "TRANSFORMERS_OFFLINE"):
            os.environ[name] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    # Harmless on a CPU-only machine, and it would repeat at every evaluation.
    warnings.filterwarnings("ignore", message=".*'pin_memory' argument is set as true but no accelerator")
    import torch
    from transformers import set_seed

    set_seed(seed)
    device = "cuda" if torch.cuda.is_available() else "mps" if torch.backends.mps.is_available() else "cpu"
    place = "Google Colab" if in_colab() else "a local machine"
    return Environment(place=place, device=device, offline=reason, seed=seed)
