"""Offline samples that the course draws from its own world (`world`), in the real dataset's schema.

`python -m course_utils sample ethz/food101` rewrites the sample's Parquet files from fixed seeds, so anyone can
check that the committed files are what the code draws. The dataset card (README.md) is written by hand and
declares the features that the rows are encoded with.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np

from . import data, paths, world

#: Food-101: pictures per food in each split, the pictures' size, and the first seed of each split
FOOD101 = {"train": 40, "validation": 10}
FOOD101_SIZE = (128, 128)
FOOD101_SEEDS = {"train": 0, "validation": 10_000}


def jpeg(image, quality: int = 90) -> dict:
    """An image as `datasets` stores one: the encoded bytes (JPEG, as the real photos are) and no path."""
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=quality)
    return {"bytes": buffer.getvalue(), "path": None}


def food101_row(picture, food: str) -> dict:
    """A Food-101 row: the picture as JPEG bytes, and the food's label id among Food-101's 101 names."""
    return {"image": jpeg(picture), "label": data.real_features("ethz/food101")["label"].names.index(food)}


def food101_rows(split: str) -> list[dict]:
    """Close-ups of each food the course draws, in a shuffled but fixed order, labelled with Food-101's ids."""
    first = FOOD101_SEEDS[split]
    rows = [food101_row(world.dish(first + k, food).image.resize(FOOD101_SIZE), food)
            for food in world.FOODS for k in range(FOOD101[split])]
    order = np.random.default_rng(first).permutation(len(rows))
    return [rows[i] for i in order]


WRITERS = {"ethz/food101": food101_rows}


def write(dataset: str) -> list[Path]:
    """Draw every split of `dataset`'s sample again and write it where its card says."""
    from datasets import Dataset

    if dataset not in WRITERS:
        raise ValueError(f"The course draws samples for {', '.join(WRITERS)}; not for {dataset!r}.")
    folder = paths.data_root() / data.spec_for(dataset).folder
    features = data.features_of(folder)
    written = []
    for split, name in data.split_files(folder).items():
        Dataset.from_list(WRITERS[dataset](split), features=features).to_parquet(folder / name)
        written.append(folder / name)
    return written
