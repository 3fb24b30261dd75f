"""Opt-in sharing on the Hugging Face Hub: upload only when the learner asked, is online and logged in."""

from __future__ import annotations

from .env import offline_reason
from .lang import say


def ready_to_push(requested: bool) -> bool:
    """True only if `requested` is the bool True and uploading can work; otherwise print why nothing is uploaded.

    Anything that is not a bool (papermill's `-p push_to_hub false` passes the string "false") is an error,
    so a typo can never upload.
    """
    if not isinstance(requested, bool):
        raise TypeError(say(f"push_to_hub must be True or False, not {requested!r} ({type(requested).__name__}).",
                            f"push_to_hub는 True 또는 False여야 합니다. 받은 값: {requested!r}"
                            f"({type(requested).__name__})."))
    if requested is not True:
        print(say("Sharing is off: nothing was uploaded. Set push_to_hub = True in the parameters cell to share.",
                  "공유가 꺼져 있어 아무것도 올리지 않았습니다. 공유하려면 매개변수 셀에서 push_to_hub = True로 설정하세요."))
        return False
    reason = offline_reason()
    if reason:
        print(say(f"Sharing needs the Hub, and this notebook runs offline ({reason}): nothing was uploaded.",
                  f"공유하려면 Hub가 필요한데 이 노트북은 오프라인({reason})으로 실행 중이라 아무것도 올리지 않았습니다."))
        return False
    from huggingface_hub import get_token

    if get_token() is None:  # only checks that a token exists; it is never printed
        print(say("You are not logged in: run `from huggingface_hub import notebook_login; notebook_login()` first, "
                  "with a token that has write access.",
                  "로그인되어 있지 않습니다. 먼저 쓰기(write) 권한이 있는 토큰으로 "
                  "`from huggingface_hub import notebook_login; notebook_login()`을 실행하세요."))
        return False
    return True
