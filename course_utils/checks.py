"""Checks a lesson runs in the open: parameters that make sense, and a kernel that matches what is installed."""

from __future__ import annotations

import importlib.metadata
import sys
import warnings
from numbers import Real

from .lang import say


class ParameterError(ValueError):
    """A value in the parameters cell cannot work; the message names it and says what would."""


def require_positive(**values: object) -> None:
    """Stop with a one-line message when a size, count or rate from the parameters cell is not above zero."""
    for name, value in values.items():
        if isinstance(value, bool) or not isinstance(value, Real) or not value > 0:
            raise ParameterError(say(f"{name} must be a number above 0, not {value!r}.",
                                     f"{name}은(는) 0보다 큰 수여야 합니다. 받은 값: {value!r}."))


def stale_imports() -> list[str]:
    """`name old → new` for each module this kernel imported whose installed distribution is now another version.

    Colab imports its own matplotlib, numpy and others at start; when the install cell upgrades one of them,
    the kernel keeps running the old code until it restarts.
    """
    owners = importlib.metadata.packages_distributions()
    stale = []
    for name, module in list(sys.modules.items()):
        with warnings.catch_warnings():  # some packages deprecate `__version__` itself
            warnings.simplefilter("ignore")
            loaded = getattr(module, "__version__", None)
        if "." in name or not isinstance(loaded, str):
            continue
        for distribution in owners.get(name, [])[:1]:
            try:
                installed = importlib.metadata.version(distribution)
            except importlib.metadata.PackageNotFoundError:
                continue
            if installed.split("+")[0] != loaded.split("+")[0]:
                stale.append(f"{name} {loaded} → {installed}")
    return sorted(stale)


def report_restart() -> bool:
    """After an install, say whether the kernel must restart before the next cell; True if it must."""
    stale = stale_imports()
    if stale:
        print(say("Installed new versions of modules this session had already imported: ",
                  "이 세션이 이미 불러온 모듈의 새 버전이 설치되었습니다: ") + ", ".join(stale))
        print(say("Runtime → Restart session, then continue from the next cell.",
                  "런타임 → 세션 다시 시작을 누른 다음, 다음 셀부터 이어서 실행하세요."))
    else:
        print(say("Installed. No restart needed: continue with the next cell.",
                  "설치가 끝났습니다. 다시 시작할 필요 없이 다음 셀로 넘어가세요."))
    return bool(stale)
