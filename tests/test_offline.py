import pytest

from course_utils import data, models, offline


def test_online_names_pass_through(online_mode, capsys, monkeypatch):
    monkeypatch.setenv("COURSE_LANG", "en")
    assert offline.resolve("a/model", dataset="b/data") == ("a/model", "b/data")
    assert capsys.readouterr().out.startswith("Online: using a/model, b/data")


def test_offline_swaps_and_says_so(offline_mode, capsys, monkeypatch):
    monkeypatch.setenv("COURSE_LANG", "en")
    checkpoint, dataset = offline.resolve("distilbert/distilbert-base-uncased", dataset="stanfordnlp/imdb")
    printed = capsys.readouterr().out.splitlines()
    assert checkpoint == str(models.package_dir("all-MiniLM-L6-v2"))
    assert dataset.endswith("stanfordnlp__imdb")
    assert len(printed) == 2
    assert printed[0].startswith("Offline (COURSE_OFFLINE=1): checkpoint distilbert/distilbert-base-uncased → stand-in")
    assert printed[1].startswith("Offline (COURSE_OFFLINE=1): dataset stanfordnlp/imdb") and "train 300, test 100" in printed[1]


def test_the_swap_line_speaks_korean_in_the_korean_edition(offline_mode, capsys, monkeypatch):
    monkeypatch.setenv("COURSE_LANG", "ko")
    offline.resolve("distilbert/distilbert-base-uncased")
    assert capsys.readouterr().out.startswith("오프라인(COURSE_OFFLINE=1): 체크포인트")


def test_a_local_folder_is_used_as_it_is(offline_mode, tmp_path, capsys):
    assert offline.resolve(str(tmp_path), dataset=str(tmp_path)) == (str(tmp_path), str(tmp_path))
    assert capsys.readouterr().out.count("is used as it is") == 2


def test_an_unknown_dataset_is_called_a_dataset(offline_mode):
    with pytest.raises(data.SampleError, match="No offline sample for dataset 'e9t/nsmc'"):
        offline.resolve("distilbert/distilbert-base-uncased", dataset="e9t/nsmc")


def test_suggestions_fit_the_lessons_task(offline_mode):
    with pytest.raises(models.StandInError) as caught:
        offline.resolve("klue/bert-base", task="text-classification")
    suggested = caught.value.args[0]
    assert "for text-classification" in suggested and "distilbert/distilbert-base-uncased" in suggested
    assert "distilbert/distilgpt2" not in suggested and "dslim/bert-base-NER" not in suggested
    assert "pass a local model folder" in suggested


def test_a_raw_hub_file_becomes_the_samples_file(offline_mode, capsys, monkeypatch):
    monkeypatch.setenv("COURSE_LANG", "en")
    path = offline.resolve(dataset="hf://datasets/rexarski/eli5_category/eli5-category-train.json.gz")
    assert path == str(data.sample_path("rexarski/eli5_category") / "train.jsonl")
    assert "file hf://datasets/rexarski/eli5_category/eli5-category-train.json.gz → course sample file" in \
        capsys.readouterr().out


@pytest.mark.parametrize(("address", "message"), [
    ("hf://datasets/rexarski/eli5_category/eli5-category-full.json.gz", "no stand-in for its file .*it has: eli5-"),
    ("hf://datasets/rexarski", "not a file address of the form hf://datasets/<owner>/<dataset>/<file>"),
    ("hf://datasets/someone/else/train.json", "No offline sample for dataset 'someone/else'"),
])
def test_raw_hub_files_without_a_sample_are_named(offline_mode, address, message):
    with pytest.raises(data.SampleError, match=message):
        offline.resolve(dataset=address)


def test_a_local_file_is_used_as_it_is(offline_mode, tmp_path):
    (tmp_path / "mine.jsonl").write_text("{}\n")
    assert offline.resolve(dataset=str(tmp_path / "mine.jsonl")) == str(tmp_path / "mine.jsonl")


def test_a_raw_file_on_a_branch_and_a_label_file_become_the_course_copies(offline_mode, capsys, monkeypatch):
    monkeypatch.setenv("COURSE_LANG", "en")
    parquet = "hf://datasets/zhoubolei/scene_parse_150@refs%2Fconvert%2Fparquet/scene_parsing/validation/0000.parquet"
    assert offline.resolve(dataset=parquet) == str(data.sample_path("zhoubolei/scene_parse_150") / "validation.parquet")
    assert "(50 rows, written for this course)" in capsys.readouterr().out
    labels = offline.resolve(dataset="hf://datasets/huggingface/label-files/ade20k-id2label.json")
    assert labels.endswith("huggingface__label-files/ade20k-id2label.json")
    assert "→ course copy" in capsys.readouterr().out
