from dataclasses import replace

import numpy as np
import pytest
import torch
from datasets import load_dataset
from transformers import BertConfig, BertForTokenClassification

from course_utils import data, rehearsal


@pytest.mark.parametrize("key", sorted(rehearsal.SHAPES))
def test_synthetic_data_has_the_samples_schema_and_the_real_lengths(key, tmp_path):
    shape = rehearsal.SHAPES[key]
    small = replace(shape, rows={split: 400 for split in shape.rows})
    folder = rehearsal.synthetic_dataset(small, tmp_path / "data")
    loaded = load_dataset(str(folder), cache_dir=str(tmp_path / "cache"))
    assert loaded["train"].features == data.real_features(shape.dataset)
    words = [len(rehearsal.row_words(row)) for row in loaded["train"]]
    assert abs(np.median(words) - shape.words_median) / shape.words_median < 0.25
    assert min(words) >= shape.words_range[0] and max(words) <= shape.words_range[1]
    if "context" in loaded["train"].column_names:  # answer spans point into their contexts
        for row in loaded["validation"]:
            for text, start in zip(row["answers"]["text"], row["answers"]["answer_start"]):
                assert row["context"][start:start + len(text)] == text


def test_synthetic_tags_are_valid_bio():
    rng = np.random.default_rng(1)
    for index in range(200):
        tags = rehearsal.tagged_row(["w"] * 30, index, "train", rng)["ner_tags"]
        for previous, tag in zip([0, *tags], tags):
            if tag and tag % 2 == 0:  # an I- tag follows its own B- or I- tag
                assert previous in (tag - 1, tag)


def test_synthetic_eli5_rows_share_their_words_among_one_to_three_answers():
    rng = np.random.default_rng(2)
    words = [f"w{i}" for i in range(50)]
    for index in range(100):
        answers = rehearsal.eli5_row(words, index, "train", rng)["answers"]
        assert 1 <= len(answers["text"]) <= 3 and " ".join(answers["text"]).split() == words
        assert len(answers["a_id"]) == len(answers["score"]) == len(answers["text_urls"]) == len(answers["text"])


def test_an_output_layer_tied_to_the_embeddings_counts_as_work():
    from transformers import GPT2Config, GPT2LMHeadModel

    model = GPT2LMHeadModel(GPT2Config(n_layer=1, n_head=2, n_embd=16, n_positions=8, vocab_size=1000))
    assert model.lm_head.weight is model.transformer.wte.weight
    assert rehearsal.forward_flops(model, 1, 1) >= 2 * 1000 * 16


def test_the_work_counter_counts_training_steps_three_times():
    model = BertForTokenClassification(BertConfig(hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                                                  intermediate_size=64, vocab_size=100, num_labels=3))
    counter = rehearsal.WorkCounter()
    counter.watch(model)
    ids = torch.ones(4, 10, dtype=torch.long)
    model.eval()
    model(input_ids=ids)
    once = counter.flops
    assert once == rehearsal.forward_flops(model, 4, 10) > 0
    model.train()
    model(input_ids=ids)
    assert counter.flops == pytest.approx(4 * once)


def test_the_rehearsal_needs_a_gpu(monkeypatch, tmp_path):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    with pytest.raises(RuntimeError, match="on a GPU, and this machine has none"):
        rehearsal.rehearse("01", tmp_path)
