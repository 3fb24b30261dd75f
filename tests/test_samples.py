import hashlib
import shutil
from collections import Counter

import numpy as np
import pytest

from course_utils import catalog, data, paths, samples, world


@pytest.mark.parametrize("dataset", samples.DRAWN)
def test_a_drawn_sample_is_exactly_what_the_course_draws(dataset, monkeypatch, tmp_path):
    folder = catalog.DATASET_STANDINS[dataset].folder
    shutil.copytree(paths.ROOT / "data" / folder, tmp_path / folder)
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path))
    for path in samples.write(dataset):
        pinned = catalog.DATASET_STANDINS[dataset].files[path.name]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == pinned, f"{path.name} is not what the code draws"


def test_the_food_sample_has_ten_dishes_evenly_and_no_picture_in_both_splits():
    names = data.real_features("ethz/food101")["label"].names
    counts = {split: Counter(names[row["label"]] for row in data.read_split("ethz/food101", split))
              for split in ("train", "validation")}
    assert counts["train"] == {food: samples.FOOD101["train"] for food in world.FOODS}
    assert counts["validation"] == {food: samples.FOOD101["validation"] for food in world.FOODS}
    pictures = [{row["image"]["bytes"] for row in data.read_split("ethz/food101", split)}
                for split in ("train", "validation")]
    assert not pictures[0] & pictures[1]


def test_a_dish_is_drawn_where_its_mask_says_and_unknown_dishes_are_refused():
    dish = world.dish(3, "pizza")
    assert dish.image.size == (224, 224) and dish.mask.shape == (224, 224)
    x0, y0, x1, y1 = dish.box
    assert 0 <= x0 < x1 <= 224 and 0 <= y0 < y1 <= 224 and dish.mask[y0:y1, x0:x1].sum() == dish.mask.sum() > 500
    assert np.array_equal(np.asarray(world.dish(3, "pizza").image), np.asarray(dish.image))
    with pytest.raises(ValueError, match="draws these foods: donuts"):
        world.dish(0, "apple_pie")


def test_a_damaged_picture_is_found(monkeypatch, tmp_path):
    from datasets import Dataset

    folder = tmp_path / "ethz__food101"
    shutil.copytree(paths.ROOT / "data" / "ethz__food101", folder)
    rows = data.read_rows(folder / "validation.parquet")
    rows[3]["image"] = {"bytes": rows[3]["image"]["bytes"][:200], "path": None}
    Dataset.from_list(rows, features=data.features_of(folder)).to_parquet(folder / "validation.parquet")
    assert data.problems(folder) == [f"{folder / 'validation.parquet'}, row 4: image is not a readable image"]


def test_scene_annotations_are_ade20k_ids_plus_one_and_umbrellas_are_other():
    import json
    from io import BytesIO

    from PIL import Image

    id2label = json.loads((data.sample_path("huggingface/label-files") / "ade20k-id2label.json").read_text())
    for name, value in samples.ADE20K_ANNOTATION.items():  # the world's names are ADE20K's, one above their id
        assert (id2label[str(value - 1)] == name) if value else name not in id2label.values()
    scene = world.scene(samples.SCENE_PARSE_SEEDS["train"], size=samples.SCENE_PARSE_SIZE)
    row = data.read_split("zhoubolei/scene_parse_150", "train")[0]
    annotation = np.asarray(Image.open(BytesIO(row["annotation"]["bytes"])))
    for index, name in enumerate(world.CLASSES):
        assert (annotation[scene.classes == index] == samples.ADE20K_ANNOTATION[name]).all()
    test = data.read_split("zhoubolei/scene_parse_150", "test")
    assert all(row["annotation"] is None and row["scene_category"] is None for row in test)
    assert any(0 in np.asarray(Image.open(BytesIO(row["annotation"]["bytes"])))
               for row in data.read_split("zhoubolei/scene_parse_150", "validation")), "some scene should show 'other'"


def test_the_ucf101_archive_has_the_real_layout_and_decodable_clips():
    import io
    import tarfile

    import av

    archive = data.sample_path("sayakpaul/ucf101-subset") / samples.UCF101_ARCHIVE
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        first = tar.extractfile(names[0]).read()
    counts = Counter(tuple(name.split("/")[1:3]) for name in names)
    assert counts == {(split, action): n for split, n in samples.UCF101.items() for action in world.ACTIONS}
    groups = {split: {name.rsplit("_c", 1)[0].rsplit("/", 1)[1] for name in names if f"/{split}/" in name}
              for split in samples.UCF101}
    assert not groups["train"] & groups["test"] and not groups["train"] & groups["val"]
    with av.open(io.BytesIO(first)) as container:
        frames = [frame.to_ndarray(format="rgb24") for frame in container.decode(video=0)]
    assert len(frames) == samples.UCF101_FRAMES and frames[0].shape == (96, 128, 3)


def test_cppe5_boxes_are_coco_boxes_inside_their_pictures_with_the_real_categories():
    names = data.real_features("rishitdagli/cppe-5")["objects"]["category"].feature.names  # a dict of lists
    assert tuple(names) == world.PPE
    rows = data.read_split("rishitdagli/cppe-5", "train")
    counts = Counter(names[c] for row in rows for c in row["objects"]["category"])
    assert set(counts) == set(world.PPE) and min(counts.values()) >= 50, counts
    ids = [i for row in rows for i in row["objects"]["id"]]
    assert len(ids) == len(set(ids)), "annotation ids are unique"
    for row in rows:
        for (x, y, w, h), area in zip(row["objects"]["bbox"], row["objects"]["area"]):
            assert 0 <= x and 0 <= y and w > 0 and h > 0 and x + w <= row["width"] and y + h <= row["height"]
            assert area == int(w * h)
    first = rows[0]["objects"]
    drawn = world.ppe_scene(rows[0]["image_id"], size=samples.CPPE5_SIZE).objects  # the image id is the seed
    assert [(names[c], [int(v) for v in box]) for c, box in zip(first["category"], first["bbox"])] == \
        [(name, list(box)) for name, box in drawn]
