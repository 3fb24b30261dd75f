import json

import pytest
import torch
from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer

from course_utils import catalog, models


def manifest(folder):
    return json.loads((folder / models.MANIFEST).read_text())["files"]


def test_packaged_weights_are_verified_against_the_pinned_hash(monkeypatch):
    folder = models.minilm_dir()
    assert models.sha256(folder / "model.safetensors") == catalog.MINILM_SHA256
    monkeypatch.setattr(models, "MINILM_SHA256", "0" * 64)
    with pytest.raises(models.StandInError, match="does not match the pinned SHA-256.*--force-reinstall"):
        models.minilm_dir()


def test_bare_encoder_checkpoint_resolves_to_the_package():
    assert models.standin_path("distilbert/distilbert-base-uncased") == models.minilm_dir()


def test_head_standin_carries_the_real_labels():
    folder = models.standin_path("dslim/bert-base-NER")
    config = AutoConfig.from_pretrained(folder)
    assert tuple(config.id2label.values()) == catalog.CONLL_LABELS
    assert config.architectures == ["BertForTokenClassification"]


def test_builds_are_deterministic(monkeypatch, tmp_path):
    digests = []
    for name in ("first", "second"):
        monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path / name))
        digests.append(manifest(models.standin_path("distilbert/distilgpt2")))
    assert digests[0] == digests[1]
    assert "model.safetensors" in digests[0]


def test_tiny_standin_is_the_real_architecture_and_generates(monkeypatch, tmp_path):
    monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path))
    folder = models.standin_path("distilbert/distilgpt2")
    model = AutoModelForCausalLM.from_pretrained(folder)
    tokenizer = AutoTokenizer.from_pretrained(folder)
    assert model.config.model_type == "gpt2" and model.config.n_layer == 2
    assert model.config.architectures == ["GPT2LMHeadModel"]
    inputs = tokenizer("The movie was", return_tensors="pt")
    with torch.no_grad():
        output = model.generate(**inputs, max_new_tokens=5, do_sample=False, pad_token_id=tokenizer.eos_token_id)
    assert output.shape == (1, inputs["input_ids"].shape[1] + 5)


def test_corrupted_cache_is_rebuilt(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path))
    folder = models.standin_path("distilbert/distilgpt2")
    good = manifest(folder)
    with open(folder / "model.safetensors", "r+b") as handle:
        handle.seek(200)
        handle.write(b"\x00" * 64)
    assert models.standin_path("distilbert/distilgpt2") == folder
    assert "rebuilding" in capsys.readouterr().out
    assert manifest(folder) == good
    assert models.sha256(folder / "model.safetensors") == good["model.safetensors"]


def test_a_folder_the_course_did_not_build_is_left_alone(monkeypatch, tmp_path):
    monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path))
    mine = tmp_path / "distilbert__distilgpt2"
    mine.mkdir()
    (mine / "notes.txt").write_text("my work")
    with pytest.raises(models.StandInError, match="not built by this course"):
        models.standin_path("distilbert/distilgpt2")
    assert (mine / "notes.txt").read_text() == "my work"


def test_unknown_checkpoint_lists_what_works_offline():
    with pytest.raises(models.StandInError, match="(?s)No offline stand-in for checkpoint 'gpt2-xl'.*dslim/bert-base-NER"):
        models.standin_path("gpt2-xl")
