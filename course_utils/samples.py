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


#: SceneParse150: scenes in each split, their size, and the first seed of each split (the real `test` split has
#: pictures without annotations or scene categories)
SCENE_PARSE = {"train": 300, "validation": 50, "test": 20}
SCENE_PARSE_SIZE = (160, 120)
SCENE_PARSE_SEEDS = {"train": 200_000, "validation": 210_000, "test": 220_000}
#: each class of the course's world as SceneParse150 annotates it: the ADE20K class id plus one. 0 is "other",
#: for what is none of the 150 classes (umbrellas are not among them), and training ignores it.
ADE20K_ANNOTATION = {"sky": 3, "mountain": 17, "grass": 10, "road": 7, "tree": 5, "house": 26, "car": 21,
                     "person": 13, "rock": 35, "flower": 67, "ball": 120, "umbrella": 0}


def png(array: np.ndarray) -> dict:
    """A class map as `datasets` stores an annotation: a one-channel PNG (lossless, unlike JPEG)."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.fromarray(array.astype(np.uint8)).save(buffer, format="PNG")
    return {"bytes": buffer.getvalue(), "path": None}


def scene_category(scene: world.Scene) -> str:
    """The SceneParse150 scene category of a world scene: a road makes it a country road, a house a house."""
    present = {world.CLASSES[i] for i in np.unique(scene.classes)}
    return "country_road" if "road" in present else "house" if "house" in present else "meadow"


def scene_parse_row(seed: int, size: tuple[int, int] = SCENE_PARSE_SIZE, labelled: bool = True) -> dict:
    """World scene number `seed` as a SceneParse150 row: the picture as JPEG, the class map as PNG, and the scene
    category (both empty for an unlabelled row, as in the real `test` split)."""
    scene = world.scene(seed, size=size)
    if not labelled:
        return {"image": jpeg(scene.image), "annotation": None, "scene_category": None}
    lookup = np.array([ADE20K_ANNOTATION[name] for name in world.CLASSES])
    names = data.real_features("zhoubolei/scene_parse_150")["scene_category"].names
    return {"image": jpeg(scene.image), "annotation": png(lookup[scene.classes]),
            "scene_category": names.index(scene_category(scene))}


def scene_parse_rows(split: str) -> list[dict]:
    """The sample's rows of one split, from that split's seeds."""
    first = SCENE_PARSE_SEEDS[split]
    return [scene_parse_row(seed, labelled=split != "test") for seed in range(first, first + SCENE_PARSE[split])]


#: CPPE-5: pictures in each split (the real test split has 29), their size, and the first seed of each split
CPPE5 = {"train": 240, "test": 29}
CPPE5_SIZE = (192, 144)
CPPE5_SEEDS = {"train": 400_000, "test": 410_000}


def cppe5_rows(split: str, count: int | None = None, size: tuple[int, int] = CPPE5_SIZE,
               first: int | None = None) -> list[dict]:
    """Clinic scenes as CPPE-5 rows: the picture as JPEG, its size, and each piece of equipment with an id of its
    own, its box in COCO form ([x, y, width, height]), the box's area and its category id. By default the
    sample's rows of `split`; else `count` scenes of `size` from seed `first` on."""
    first = CPPE5_SEEDS[split] if first is None else first
    rows, next_id = [], first
    for seed in range(first, first + (CPPE5[split] if count is None else count)):
        picture = world.ppe_scene(seed, size=size)
        boxes = [box for _, box in picture.objects]
        rows.append({"image_id": seed, "image": jpeg(picture.image), "width": size[0], "height": size[1],
                     "objects": {"id": list(range(next_id, next_id + len(boxes))),
                                 "area": [int(w * h) for _, _, w, h in boxes],
                                 "bbox": [[float(v) for v in box] for box in boxes],
                                 "category": [world.PPE.index(name) for name, _ in picture.objects]}})
        next_id += len(boxes)
    return rows


WRITERS = {"ethz/food101": food101_rows, "zhoubolei/scene_parse_150": scene_parse_rows,
           "rishitdagli/cppe-5": cppe5_rows}

#: the UCF101 subset: clips per action in each split (the real one has 30, 3 and about 7), their groups (UCF101's
#: `g` numbers: clips of one group share a scene, so the real subset keeps each group in one split), the clips'
#: size and length, and the first seed of each split
UCF101 = {"train": 16, "val": 2, "test": 4}
UCF101_GROUPS = {"train": 8, "val": 1, "test": 5}
UCF101_SIZE, UCF101_FRAMES, UCF101_FPS = (128, 96), 32, 25
#: little pixel noise: the encoder's own artefacts add more, and noise makes files large
UCF101_NOISE = 2.0
UCF101_SEEDS = {"train": 300_000, "val": 310_000, "test": 320_000}
UCF101_DATASET, UCF101_ARCHIVE = "sayakpaul/ucf101-subset", "UCF101_subset.tar.gz"


def avi(frames, fps: int = UCF101_FPS, bit_rate: int = 60_000) -> bytes:
    """Frames as an AVI file in MPEG-4 Part 2, the family of UCF101's Xvid videos, encoded on one thread so the
    bytes are the same on every run."""
    import av

    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format="avi") as container:
        stream = container.add_stream("mpeg4", rate=fps)
        stream.width, stream.height = frames[0].size
        stream.pix_fmt, stream.thread_count, stream.bit_rate = "yuv420p", 1, bit_rate
        stream.codec_context.gop_size = len(frames)  # one key frame: these clips are short
        stream.codec_context.flags |= av.codec.context.Flags.bitexact
        for frame in frames:
            container.mux(stream.encode(av.VideoFrame.from_image(frame)))
        container.mux(stream.encode())
    return buffer.getvalue()


def ucf101_clip(split: str, action: str, k: int, size: tuple[int, int] = UCF101_SIZE, frames: int = UCF101_FRAMES,
                first: int = 0, bit_rate: int = 60_000) -> tuple[str, bytes]:
    """Clip `k` of `action` in `split`: its path in the archive, named as UCF101 names its clips
    (v_<Action>_g<group>_c<clip>, four clips a group), and its AVI bytes, drawn from seed `first` + the split's + k."""
    group, number = UCF101_GROUPS[split] + k // 4, k % 4 + 1
    pictures = world.clip(first + UCF101_SEEDS[split] + k, action, size, frames, noise=UCF101_NOISE)
    return f"UCF101_subset/{split}/{action}/v_{action}_g{group:02d}_c{number:02d}.avi", avi(pictures, bit_rate=bit_rate)


def ucf101_files() -> dict[str, bytes]:
    """{path inside the archive: AVI bytes} for every clip of the sample."""
    return dict(ucf101_clip(split, action, k) for split, per_action in UCF101.items() for action in world.ACTIONS
                for k in range(per_action))


def write_tar(path: Path, files: dict[str, bytes]) -> None:
    """A plain tar archive of `files` with fixed dates and owners, so the same files give the same bytes."""
    import tarfile

    with tarfile.open(path, "w", format=tarfile.USTAR_FORMAT) as archive:
        for name, content in sorted(files.items()):
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = len(content), 0, 0o644
            archive.addfile(info, io.BytesIO(content))


#: every dataset whose offline sample the course draws: those of rows, and the UCF101 subset's one archive
DRAWN = (*WRITERS, UCF101_DATASET)


def write(dataset: str) -> list[Path]:
    """Draw `dataset`'s sample again and write it where its card says (a dataset of rows) or as its one archive."""
    from datasets import Dataset

    if dataset not in DRAWN:
        raise ValueError(f"The course draws samples for {', '.join(DRAWN)}; not for {dataset!r}.")
    folder = paths.data_root() / data.spec_for(dataset).folder
    if dataset == UCF101_DATASET:
        write_tar(folder / UCF101_ARCHIVE, ucf101_files())
        return [folder / UCF101_ARCHIVE]
    features = data.features_of(folder)
    written = []
    for split, name in data.split_files(folder).items():
        Dataset.from_list(WRITERS[dataset](split), features=features).to_parquet(folder / name)
        written.append(folder / name)
    return written
