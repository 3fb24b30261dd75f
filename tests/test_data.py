import json

import pytest
from datasets import load_dataset

from course_utils import data
from course_utils.catalog import DATASET_STANDINS


@pytest.mark.parametrize("name", sorted(DATASET_STANDINS))
def test_sample_loads_with_the_real_schema(name):
    loaded = load_dataset(str(data.sample_path(name)))
    assert tuple(loaded) == DATASET_STANDINS[name].splits
    for split in loaded.values():
        assert split.features == data.real_features(name)


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


def test_missing_sample_says_how_to_restore(monkeypatch, tmp_path):
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path))
    (tmp_path / "stanfordnlp__imdb").mkdir()
    (tmp_path / "stanfordnlp__imdb" / "train.jsonl").write_text(json.dumps({"text": "ok", "label": 1}) + "\n")
    with pytest.raises(data.SampleError, match="README.md, test.jsonl, unsupervised.jsonl missing.*git checkout"):
        data.sample_path("stanfordnlp/imdb")


def test_unknown_dataset_lists_the_offline_ones():
    with pytest.raises(data.SampleError, match="No offline sample for dataset 'squad'.*stanfordnlp/imdb"):
        data.sample_path("squad")
