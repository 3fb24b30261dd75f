import json
import shutil

import pytest
from datasets import load_dataset

from course_utils import data, paths
from course_utils.__main__ import main
from course_utils.catalog import DATASET_STANDINS


@pytest.fixture
def sample_copy(monkeypatch, tmp_path):
    """A private copy of data/, so a test can damage it."""
    shutil.copytree(paths.ROOT / "data", tmp_path / "data")
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data" / "stanfordnlp__imdb"


@pytest.mark.parametrize("name", [name for name in sorted(DATASET_STANDINS) if data.has_rows(name)])
def test_sample_loads_with_exactly_the_features_and_splits_of_its_card(name, tmp_path):
    folder = data.sample_path(name)
    loaded = load_dataset(str(folder), cache_dir=str(tmp_path))  # a fresh cache: what a new machine sees
    assert tuple(loaded) == tuple(data.split_files(folder))
    for split in loaded.values():
        assert split.features == data.real_features(name)
    assert data.problems(folder) == []


def test_imdb_sample_is_balanced_and_clean():
    rows = {split: data.read_split("stanfordnlp/imdb", split) for split in ("train", "test", "unsupervised")}
    assert len(rows["train"]) >= 300 and len(rows["test"]) >= 100
    for split in ("train", "test"):
        labels = [row["label"] for row in rows[split]]
        assert labels.count(0) == labels.count(1)
    assert {row["label"] for row in rows["unsupervised"]} == {-1}
    texts = [row["text"] for split in rows.values() for row in split]
    assert len(texts) == len(set(texts)), "a review appears twice"
    words = sorted(len(text.split()) for text in texts)
    assert words[0] < 20 and words[-1] > 150, "lengths should vary like real reviews"


def test_imdb_features_print_like_the_hub():
    assert str(data.real_features("stanfordnlp/imdb")) == (
        "{'text': Value('string'), 'label': ClassLabel(names=['neg', 'pos'])}"
    )


def test_missing_files_say_how_to_restore(sample_copy):
    (sample_copy / "README.md").unlink()
    (sample_copy / "test.jsonl").unlink()
    with pytest.raises(data.SampleError, match="README.md, test.jsonl missing"):
        data.sample_path("stanfordnlp/imdb")


def test_a_changed_sample_is_caught_before_any_cache_can_serve_it(sample_copy):
    with open(sample_copy / "train.jsonl", "a", encoding="utf-8") as handle:
        handle.write(json.dumps({"text": "An extra review.", "label": 1}) + "\n")
    with pytest.raises(data.SampleError, match="differs from the course's pinned copy: train.jsonl"):
        data.sample_path("stanfordnlp/imdb")


def test_labels_outside_the_label_names_are_found(sample_copy):
    (sample_copy / "test.jsonl").write_text(json.dumps({"text": "fine", "label": 2}) + "\n")
    assert data.problems(sample_copy) == [f"{sample_copy / 'test.jsonl'}, line 1: label=2 is outside ['neg', 'pos']"]


def test_a_broken_json_line_is_named(sample_copy):
    lines = (sample_copy / "test.jsonl").read_text().splitlines()
    lines[4] = lines[4][:-1]
    (sample_copy / "test.jsonl").write_text("\n".join(lines) + "\n")
    with pytest.raises(data.SampleError, match=r"test.jsonl, line 5: not valid JSON"):
        data.read_jsonl(sample_copy / "test.jsonl")


def test_check_reports_a_damaged_sample_with_the_hashes_to_pin(sample_copy, capsys):
    (sample_copy / "test.jsonl").write_text(json.dumps({"text": "fine", "label": 2}) + "\n")
    assert main(["check"]) == 2
    captured = capsys.readouterr()
    assert "differs from the course's pinned copy: test.jsonl" in captured.err
    assert "test.jsonl: " in captured.out


def test_unknown_dataset_lists_the_offline_ones():
    with pytest.raises(data.SampleError, match="No offline sample for dataset 'squad'.*stanfordnlp/imdb"):
        data.sample_path("squad")
