"""Opt-in sharing on the Hugging Face Hub: upload only when the learner asked, is online and logged in."""

from __future__ import annotations

from .env import offline_reason


def ready_to_push(requested: bool) -> bool:
    """True only if uploading was asked for and can work; otherwise print why nothing is uploaded."""
    if not requested:
        print("Sharing is off: nothing was uploaded. Set push_to_hub = True in the parameters cell to share.")
        return False
    reason = offline_reason()
    if reason:
        print(f"Sharing needs the Hub, and this notebook runs offline ({reason}): nothing was uploaded.")
        return False
    from huggingface_hub import get_token

    if get_token() is None:  # only checks that a token exists; it is never printed
        print("You are not logged in: run `from huggingface_hub import notebook_login; notebook_login()` first.")
        return False
    return True
