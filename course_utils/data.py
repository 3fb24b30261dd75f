"""Offline data samples: where they are, the real schema their dataset cards declare, and their checks.

Each sample folder is laid out like a Hub dataset (a README whose YAML header declares configs and
features in the Hub's `dataset_info.features` form, one JSON Lines file per split), so `load_dataset(folder)`
returns the real dataset's features. The card is the one source of a sample's schema and splits.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from . import paths
from .catalog import DATASET_STANDINS, DatasetStandIn
from .hashing import pinned_hash


#: how `datasets` names a file in a Hub dataset repository, for lessons that read raw files with a builder
HUB_FILES = "hf://datasets/"


class SampleError(RuntimeError):
    """A data sample is missing, damaged or unknown; the message says what to do."""


def spec_for(dataset: str) -> DatasetStandIn:
    """The catalog entry for `dataset`, or an error listing the datasets that work offline."""
    if dataset in DATASET_STANDINS:
        return DATASET_STANDINS[dataset]
    raise SampleError(f"No offline sample for dataset {dataset!r}. Offline, the course ships samples of: "
                      f"{', '.join(sorted(DATASET_STANDINS))}. Pass a local dataset folder, or connect to the "
                      "Hugging Face Hub to use other datasets.")


def _restore_hint(folder: Path) -> str:
    if paths.in_checkout():
        return f"Restore it with `git checkout -- {folder.name}` in {folder.parent}"
    return "Point COURSE_DATA_DIR at the data/ folder of a clone of the course"


def sample_path(dataset: str) -> Path:
    """Folder of the course sample for `dataset`, after checking every file against its pinned SHA-256."""
    spec = spec_for(dataset)
    folder = paths.data_root() / spec.folder
    missing = [name for name in spec.files if not (folder / name).is_file()]
    if missing:
        raise SampleError(f"The offline sample for {dataset!r} is incomplete: {', '.join(missing)} missing in "
                          f"{folder}. {_restore_hint(folder)}.")
    changed = [name for name, digest in spec.files.items() if pinned_hash(folder / name) != digest]
    if changed:
        raise SampleError(
            f"The offline sample for {dataset!r} differs from the course's pinned copy: {', '.join(changed)} in "
            f"{folder}. {_restore_hint(folder)}; if you changed it on purpose, run `python -m course_utils check` "
            "and put the hashes it prints into catalog.DATASET_STANDINS."
        )
    return folder


def hub_file(url: str) -> tuple[str, str]:
    """("owner/name", "file") of a `hf://datasets/owner/name[@revision]/file` address."""
    parts = url.removeprefix(HUB_FILES).split("/", 2)
    if not url.startswith(HUB_FILES) or len(parts) < 3:
        raise SampleError(f"{url!r} is not a file address of the form {HUB_FILES}<owner>/<dataset>/<file>.")
    return f"{parts[0]}/{parts[1].split('@')[0]}", parts[2]


def sample_file(url: str) -> Path:
    """The course sample's file that stands in for one raw file of a Hub dataset."""
    dataset, name = hub_file(url)
    folder, spec = sample_path(dataset), spec_for(dataset)
    if name not in spec.hub_files:
        raise SampleError(f"The offline sample of {dataset!r} has no stand-in for its file {name!r}; it has: "
                          f"{', '.join(sorted(spec.hub_files)) or 'none'}.")
    return folder / spec.hub_files[name]


def card(folder: Path) -> dict:
    """The YAML header of a sample's dataset card."""
    import yaml

    text = (folder / "README.md").read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        raise SampleError(f"{folder / 'README.md'} has no YAML header; the dataset card declares the sample's features.")
    return yaml.safe_load(text.split("---\n", 2)[1])


def split_files(folder: Path) -> dict[str, str]:
    """{split: file name} as the card's default config declares them; none for a sample of single files."""
    configs = card(folder).get("configs")
    return {entry["split"]: entry["path"] for entry in configs[0]["data_files"]} if configs else {}


def has_rows(dataset: str) -> bool:
    """True for a sample of a dataset with rows; False for one that stands in for single files only."""
    return bool(split_files(paths.data_root() / spec_for(dataset).folder))


def features_of(folder: Path):
    """The `datasets.Features` that the card declares, in the Hub's YAML form."""
    from datasets import Features

    return Features._from_yaml_list(card(folder)["dataset_info"]["features"])


def real_features(dataset: str):
    """The real dataset's features, as its course sample's card declares them."""
    return features_of(paths.data_root() / spec_for(dataset).folder)


def read_split(dataset: str, split: str) -> list[dict]:
    """Rows of one split as plain dicts, without going through `datasets`; a broken line is named."""
    folder = sample_path(dataset)
    return read_rows(folder / split_files(folder)[split])


def read_rows(path: Path) -> list[dict]:
    """The rows of a sample file: JSON Lines, or Parquet for samples with images (each image as its bytes)."""
    if path.suffix != ".parquet":
        return read_jsonl(path)
    import pyarrow.parquet as pq

    try:
        return pq.read_table(path).to_pylist()
    except Exception as error:  # noqa: BLE001 - pyarrow raises several kinds for a damaged file
        raise SampleError(f"{path}: not a readable Parquet file ({error}).") from None


def read_jsonl(path: Path) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise SampleError(f"{path}, line {number}: not valid JSON ({error.msg}).") from None
    return rows


def problems(folder: Path) -> list[str]:
    """Every row checked against the card: the declared columns, and class labels inside the label names."""
    from datasets import ClassLabel, Image

    files = split_files(folder)
    if not files:  # a sample of single files has no rows to check
        return []
    features = features_of(folder)
    found = []
    for split, name in files.items():
        for number, row in enumerate(read_rows(folder / name), start=1):
            if set(row) != set(features):
                found.append(f"{folder / name}, line {number}: columns {sorted(row)}, card declares {sorted(features)}")
                continue
            for column, feature in features.items():
                if row[column] is None:  # an empty cell, as in SceneParse150's `test` split
                    continue
                # -1 marks an unlabeled row, as in IMDb's `unsupervised` split
                if isinstance(feature, ClassLabel) and not -1 <= row[column] < feature.num_classes:
                    found.append(f"{folder / name}, line {number}: {column}={row[column]} is outside "
                                 f"{feature.names}")
                if isinstance(feature, Image) and not _decodes(row[column]):
                    found.append(f"{folder / name}, row {number}: {column} is not a readable image")
    return found


def _decodes(value) -> bool:
    """True when `value` is an image as `datasets` stores one (its encoded bytes) that opens as a picture."""
    import PIL.Image

    try:
        with PIL.Image.open(io.BytesIO(value["bytes"])) as image:
            image.load()
        return True
    except Exception:  # noqa: BLE001 - any failure means the image cannot be shown
        return False


def sample_texts(dataset: str, split: str = "train", column: str = "text") -> list[str]:
    return [row[column] for row in read_split(dataset, split)]


def split_sizes(dataset: str) -> dict[str, int]:
    folder = sample_path(dataset)
    return {split: len(read_rows(folder / name)) for split, name in split_files(folder).items()}
