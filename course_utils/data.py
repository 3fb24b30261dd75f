"""Offline data samples: where they are, what schema they promise, and their raw text.

Each sample folder is laid out like a Hub dataset (a README whose YAML header declares configs and
features, one JSON Lines file per split), so `load_dataset(folder)` returns the real dataset's features.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .catalog import DATASET_STANDINS, DatasetStandIn


class SampleError(RuntimeError):
    """A data sample is missing or unknown; the message says what to do."""


def data_root() -> Path:
    """`$COURSE_DATA_DIR`, else the `data/` folder of this repository checkout."""
    override = os.environ.get("COURSE_DATA_DIR")
    return Path(override) if override else Path(__file__).resolve().parents[1] / "data"


def spec_for(dataset: str) -> DatasetStandIn:
    """The catalog entry for `dataset`, or an error listing the datasets that work offline."""
    try:
        return DATASET_STANDINS[dataset]
    except KeyError:
        known = ", ".join(sorted(DATASET_STANDINS))
        raise SampleError(
            f"No offline sample for dataset {dataset!r}. Offline, the course ships samples of: {known}. "
            "Connect to the Hugging Face Hub to use other datasets."
        ) from None


def sample_path(dataset: str) -> Path:
    """Folder of the course sample that stands in for `dataset`; `load_dataset` accepts it as is."""
    spec = spec_for(dataset)
    folder = data_root() / spec.folder
    missing = [f"{split}.jsonl" for split in spec.splits if not (folder / f"{split}.jsonl").is_file()]
    if not (folder / "README.md").is_file():
        missing.insert(0, "README.md")
    if missing:
        raise SampleError(
            f"The offline sample for {dataset!r} is incomplete: {', '.join(missing)} missing in {folder}. "
            "Restore it with `git checkout -- data/` in the course repository, or set COURSE_DATA_DIR "
            "to a folder that holds the course's data/."
        )
    return folder


def real_features(dataset: str):
    """The real dataset's `datasets.Features`, built from the catalog's compact schema."""
    from datasets import ClassLabel, Features, Value

    return Features({
        name: ClassLabel(names=list(kind)) if isinstance(kind, tuple) else Value(kind)
        for name, kind in spec_for(dataset).features.items()
    })


def read_split(dataset: str, split: str) -> list[dict]:
    """Rows of one split as plain dicts, without going through `datasets` (fast, for building stand-ins)."""
    path = sample_path(dataset) / f"{split}.jsonl"
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def sample_texts(dataset: str, split: str = "train", column: str = "text") -> list[str]:
    return [row[column] for row in read_split(dataset, split)]


def split_sizes(dataset: str) -> dict[str, int]:
    return {split: len(read_split(dataset, split)) for split in spec_for(dataset).splits}
