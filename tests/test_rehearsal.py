import os
import re
from dataclasses import replace
from functools import partial

import numpy as np
import pytest
import torch
from datasets import load_dataset
from transformers import AutoModelForCausalLM, BertConfig, BertForTokenClassification

from course_utils import data, rehearsal


@pytest.mark.parametrize("key", sorted(key for key, shape in rehearsal.SHAPES.items()
                                       if shape.dataset and shape.draw_rows is None and shape.draw_archive is None))
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

    model = GPT2LMHeadModel(GPT2Config(n_layer=1, n_head=2, n_embd=16, n_positions=8, vocab_size=1000)).eval()
    assert model.lm_head.weight is model.transformer.wte.weight
    counter = rehearsal.WorkCounter()
    counter.watch(model)
    with counter:
        model(input_ids=torch.ones(1, 1, dtype=torch.long))
    assert counter.flops >= 2 * 1000 * 16


def test_the_work_counter_counts_training_steps_three_times():
    model = BertForTokenClassification(BertConfig(hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                                                  intermediate_size=64, vocab_size=100, num_labels=3))
    counter = rehearsal.WorkCounter()
    counter.watch(model)
    counter.watch(model.bert)  # watching a model or its parts again does not count twice
    ids = torch.ones(4, 10, dtype=torch.long)
    model.eval()
    with counter:
        with torch.no_grad():
            model(input_ids=ids)
        once = counter.flops
        dense = sum(m.weight.numel() for m in model.modules() if isinstance(m, torch.nn.Linear))
        assert once == 2 * dense * 40 + 4 * 2 * 10 * 10 * 32 * 4  # attention: 2 layers, 10 x 10 positions, width 32
        model.train()
        model(input_ids=ids)  # with gradients, as in a training step
        assert counter.flops == pytest.approx(4 * once)
    with torch.no_grad():
        model(input_ids=ids)  # attention outside the counter is not counted
    assert counter.flops == pytest.approx(4 * once + 2 * dense * 40)


def test_the_work_counter_counts_a_decoder_at_the_targets_length():
    from transformers import T5Config, T5ForConditionalGeneration

    model = T5ForConditionalGeneration(T5Config(d_model=16, d_ff=32, d_kv=4, num_heads=2, num_layers=1,
                                                vocab_size=50, decoder_start_token_id=0)).eval()
    counter = rehearsal.WorkCounter()
    counter.watch(model)
    with counter, torch.no_grad():
        model(input_ids=torch.ones(1, 100, dtype=torch.long), labels=torch.ones(1, 5, dtype=torch.long))
    encoder = sum(m.weight.numel() for m in model.encoder.modules() if isinstance(m, torch.nn.Linear))
    decoder = sum(m.weight.numel() for m in model.decoder.modules() if isinstance(m, torch.nn.Linear))
    cross = sum(m.weight.numel() for name, m in model.decoder.named_modules()
                if isinstance(m, torch.nn.Linear) and "EncDecAttention" in name and name[-1] in "kv")
    linear = 2 * (encoder * 100 + (decoder - cross) * 5 + cross * 100 + 50 * 16 * 5)
    # two heads of width 4: the encoder's attention, the decoder's own, and the decoder's across to the encoder
    attention = 4 * 2 * 4 * (100 * 100 + 5 * 5 + 5 * 100)
    assert counter.flops == linear + attention


def test_the_work_counter_counts_convolutions_per_output_position():
    model = torch.nn.Sequential(torch.nn.Conv2d(3, 8, 3, padding=1), torch.nn.Conv2d(8, 8, 3, groups=4)).eval()
    counter = rehearsal.WorkCounter()
    counter.watch(model)
    with torch.no_grad():
        model(torch.ones(2, 3, 10, 10))
    assert counter.flops == 2 * (3 * 9) * (2 * 8 * 10 * 10) + 2 * (2 * 9) * (2 * 8 * 8 * 8)


class SmolTokenizer:
    """What the rehearsal reads from SmolLM2's tokenizer, without building its 538 MB stand-in."""

    pad_token_id, bos_token_id, eos_token_id = 2, 1, 2

    def __len__(self) -> int:
        return 49_152


def test_the_generation_rehearsal_builds_smollm2_at_its_published_sizes():
    shape = rehearsal.SHAPES["20_text_generation_strategies"]
    sizes = []
    for config in (shape.config, shape.assistant_config):
        with torch.device("meta"):
            model = AutoModelForCausalLM.from_config(rehearsal.real_size_config(replace(shape, config=config),
                                                                                SmolTokenizer()))
        sizes.append(sum(weight.numel() for weight in model.parameters()))
    assert sizes == [361_821_120, 134_515_008]  # the parameter counts of SmolLM2-360M and SmolLM2-135M


def test_the_rehearsal_needs_a_gpu(monkeypatch, tmp_path):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    with pytest.raises(RuntimeError, match="on a GPU, and this machine has none"):
        rehearsal.rehearse("01", tmp_path)


def test_a_picture_dataset_is_drawn_at_the_real_size_with_the_samples_features(tmp_path):
    shape = replace(rehearsal.SHAPES["09_image_classification"], rows={"train": 6, "validation": 3})
    folder = rehearsal.synthetic_dataset(shape, tmp_path / "data")
    loaded = load_dataset(str(folder), cache_dir=str(tmp_path / "cache"))
    assert {split: rows.num_rows for split, rows in loaded.items()} == {"train": 6, "validation": 3}
    assert loaded["train"].features == data.real_features("ethz/food101")
    assert loaded["train"][0]["image"].size == (512, 512)


def test_the_image_rehearsal_builds_vit_base_with_its_real_processor():
    from transformers import AutoConfig, AutoModel

    shape = rehearsal.SHAPES["09_image_classification"]
    with torch.device("meta"):
        model = AutoModel.from_config(AutoConfig.for_model(shape.model_type, **shape.config))
    assert 85e6 < sum(weight.numel() for weight in model.parameters()) < 87e6  # ViT-Base/16 at 224 pixels
    (processor,) = rehearsal.models.preprocessors(shape.model_type, [], 0)
    assert processor.size == {"height": 224, "width": 224} and list(processor.image_mean) == [0.5, 0.5, 0.5]


def test_the_segmentation_rehearsal_draws_ade20k_sized_scenes_for_mit_b0(tmp_path):
    from transformers import AutoConfig, AutoModel

    shape = replace(rehearsal.SHAPES["10_semantic_segmentation"], rows={"train": 2, "validation": 1, "test": 1})
    loaded = load_dataset(str(rehearsal.synthetic_dataset(shape, tmp_path / "data")), cache_dir=str(tmp_path / "c"))
    assert loaded["train"].features == data.real_features("zhoubolei/scene_parse_150")
    assert loaded["train"][0]["image"].size == loaded["train"][0]["annotation"].size == (683, 512)
    with torch.device("meta"):
        model = AutoModel.from_config(AutoConfig.for_model(shape.model_type, **shape.config))
    assert 3.2e6 < sum(weight.numel() for weight in model.parameters()) < 3.4e6  # MiT-b0's encoder
    (processor,) = rehearsal.models.preprocessors(shape.model_type, [], 0)
    assert processor.size == {"height": 512, "width": 512}


def test_the_video_rehearsal_draws_the_archive_in_the_real_layout_for_videomae_base(tmp_path):
    import tarfile

    from transformers import AutoConfig, AutoModel

    small = partial(rehearsal.ucf101_videos, counts={"train": 1, "val": 1, "test": 1}, size=(32, 24), frames=4,
                    workers=2)
    shape = replace(rehearsal.SHAPES["11_video_classification"], draw_archive=small)
    archive = rehearsal.synthetic_dataset(shape, tmp_path / "data")
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert len(names) == 30 and {name.split("/")[1] for name in names} == {"train", "val", "test"}
    assert all(re.fullmatch(r"UCF101_subset/(train|val|test)/(\w+)/v_\2_g\d\d_c0[1-4]\.avi", name) for name in names)
    with torch.device("meta"):
        model = AutoModel.from_config(AutoConfig.for_model(shape.model_type, **shape.config))
    assert 85e6 < sum(weight.numel() for weight in model.parameters()) < 88e6  # VideoMAE-Base's encoder
    assert AutoConfig.for_model(shape.model_type).num_frames == 16


def test_the_detection_rehearsal_draws_cppe5_sized_photos_with_ids_of_their_own(tmp_path):
    shape = replace(rehearsal.SHAPES["12_object_detection"], rows={"train": 3, "test": 2},
                    draw_rows=partial(rehearsal.ppe_photos, workers=2))
    loaded = load_dataset(str(rehearsal.synthetic_dataset(shape, tmp_path / "data")), cache_dir=str(tmp_path / "c"))
    assert loaded["train"].features == data.real_features("rishitdagli/cppe-5")
    assert loaded["train"][0]["image"].size == (loaded["train"][0]["width"], loaded["train"][0]["height"]) == (943, 663)
    ids = [i for row in loaded["train"] for i in row["objects"]["id"]]
    assert len(ids) == len(set(ids)) > 3


@pytest.mark.parametrize(("key", "low", "high"), [
    ("12_object_detection", 43e6, 44e6),  # Conditional DETR with a ResNet-50 (its class layer sized for 2 labels)
    ("13_zero_shot_object_detection", 154e6, 156e6),  # OWLv2 base/16
    ("14_zero_shot_image_classification", 427_616_513, 427_616_513),  # CLIP ViT-L/14, as published
    ("15_monocular_depth_estimation", 95e6, 98e6),  # Depth Anything V2 base (published as 97.5 M)
])
def test_the_vision_rehearsals_build_the_real_architectures(key, low, high):
    import transformers
    from transformers import AutoConfig

    shape = rehearsal.SHAPES[key]
    with torch.device("meta"):
        model = getattr(transformers, shape.model_class)(AutoConfig.for_model(shape.model_type, **shape.config))
    assert low <= sum(weight.numel() for weight in model.parameters()) <= high


def test_a_text_and_picture_rehearsal_pairs_the_standin_tokenizer_with_the_real_image_processor(tmp_path):
    from PIL import Image
    from transformers import AutoModelForZeroShotObjectDetection, AutoProcessor

    small = {"hidden_size": 32, "intermediate_size": 64, "num_hidden_layers": 1, "num_attention_heads": 2}
    shape = replace(rehearsal.SHAPES["13_zero_shot_object_detection"], config={
        "vision_config": {**rehearsal.SHAPES["13_zero_shot_object_detection"].config["vision_config"], **small},
        "text_config": small, "projection_dim": 32})
    folder = rehearsal.real_size_model(shape, tmp_path / "model")
    processor = AutoProcessor.from_pretrained(folder)
    inputs = processor(text=[["a picture of a red ball"]], images=Image.new("RGB", (300, 200)), return_tensors="pt")
    assert tuple(inputs["pixel_values"].shape) == (1, 3, 960, 960)
    with torch.no_grad():
        outputs = AutoModelForZeroShotObjectDetection.from_pretrained(folder)(**inputs)
    assert tuple(outputs.logits.shape) == (1, 60 * 60, 1)


def test_the_depth_rehearsal_uses_the_published_processor_settings():
    processor = rehearsal.models.image_processor("depth_anything", rehearsal.SHAPES["15_monocular_depth_estimation"].image_settings)
    assert processor.size.height == processor.size.width == 518 and processor.keep_aspect_ratio
    assert processor.ensure_multiple_of == 14 and list(processor.image_mean) == [0.485, 0.456, 0.406]


def test_the_rehearsal_holds_the_lesson_to_colabs_two_cores():
    import subprocess
    import sys

    code = ("import os, torch; from course_utils import rehearsal; cores = rehearsal.hold_to_colab_cpus(); "
            "print(len(cores), len(os.sched_getaffinity(0)), torch.get_num_threads())")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    expected = min(rehearsal.COLAB_CPUS, len(os.sched_getaffinity(0)))
    assert shown == [str(expected)] * 3
