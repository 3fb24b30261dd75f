"""Which edition (en/ko) of a notebook is running, so what the helpers print and draw speaks its language.

Both editions run identical code, so the language is read from outside the code: `COURSE_LANG`, the
notebook path that Jupyter gives its kernel, or Colab's copy of the notebook metadata.
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache
from pathlib import PurePath

from .catalog import LANGUAGES, check_language

DEFAULT = "en"


def _from_path(path: str) -> str | None:
    parts = PurePath(path).parts
    return next((part for part in reversed(parts[:-1]) if part in LANGUAGES), None)


def _from_colab() -> str | None:
    """Colab hands the kernel the open notebook on request; ours carry `metadata.course.lang`."""
    if "google.colab" not in sys.modules:
        return None
    try:
        from google.colab import _message

        notebook = _message.blocking_request("get_ipynb", timeout_sec=5)["ipynb"]
        return notebook["metadata"]["course"]["lang"]
    except Exception:  # noqa: BLE001 - any failure just means "unknown", and English
        return None


@lru_cache(maxsize=1)
def detect() -> tuple[str, str]:
    """The edition and how it was found: COURSE_LANG, the notebook's path, Colab's metadata, or the default."""
    if os.environ.get("COURSE_LANG"):
        return check_language(os.environ["COURSE_LANG"]), "COURSE_LANG"
    session = os.environ.get("JPY_SESSION_NAME") or getattr(sys.modules.get("__main__"), "__session__", "")
    # Jupyter starts kernels in the notebook's folder, so the working directory is the next clue.
    here = str(PurePath(os.getcwd(), "notebook.ipynb"))
    for found, how in ((session and _from_path(session), "notebook path"), (_from_path(here), "notebook folder"),
                       (_from_colab(), "Colab notebook metadata")):
        if found:
            return found, how
    return DEFAULT, "default"


def notebook_language() -> str:
    """`en` or `ko`, for the running notebook."""
    return detect()[0]


def say(en: str, ko: str) -> str:
    """The text of the running edition: helpers and lessons pass both, so code cells stay identical."""
    return ko if notebook_language() == "ko" else en
