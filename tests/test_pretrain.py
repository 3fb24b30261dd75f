import gzip
import json

import numpy as np
import pytest
import torch

from course_utils import catalog, debian, pretrain, world

INDEX_EN = """Package: foo
Description-md5: 1111
Description-en: tool to frobnicate files
 Foo frobnicates files quickly.
 It is written in C.
 .
 This package contains the command-line program.

Package: bar
Description-md5: 2222
Description-en: library for bars
 Bar is a small library.
"""
INDEX_FR = """Package: foo
Description-md5: 1111
Description-fr: outil pour frobniquer des fichiers
 Foo frobnique des fichiers rapidement.
 Il est écrit en C.
 .
 Ce paquet contient le programme en ligne de commande.
"""


def test_translations_are_parsed_into_synopsis_and_paragraphs():
    entries = debian.parse_translations(INDEX_EN)
    assert entries["1111"] == {"package": "foo", "short": "tool to frobnicate files",
                               "long": "Foo frobnicates files quickly. It is written in C.\n"
                                       "This package contains the command-line program."}
    assert entries["2222"]["long"] == "Bar is a small library."


def test_the_corpus_aligns_english_and_french_by_description_and_is_reproducible(tmp_path):
    (tmp_path / "en").write_text(INDEX_EN)
    (tmp_path / "fr").write_text(INDEX_FR)
    counts = debian.build_corpus(tmp_path / "en", tmp_path / "fr", tmp_path / "a.jsonl.gz")
    debian.build_corpus(tmp_path / "en", tmp_path / "fr", tmp_path / "b.jsonl.gz")
    assert counts == {"english": 2, "french": 1}
    assert (tmp_path / "a.jsonl.gz").read_bytes() == (tmp_path / "b.jsonl.gz").read_bytes()
    rows = {row["package"]: row for row in debian.read_corpus(tmp_path / "a.jsonl.gz")}
    assert rows["foo"]["fr_short"] == "outil pour frobniquer des fichiers" and "fr_short" not in rows["bar"]


def test_missing_index_files_say_how_to_get_them(tmp_path):
    with pytest.raises(FileNotFoundError, match="Acquire::Languages=en,fr update"):
        debian.index_files(tmp_path)


def test_pairs_carry_t5s_task_prefixes_and_align_paragraphs():
    row = {"package": "foo", "en_short": "tool", "en_long": "One two three. " * 8 + "\nSecond paragraph.",
           "fr_short": "outil", "fr_long": "Un deux trois.\nDeuxième paragraphe."}
    found = pretrain.pairs([row])
    assert (pretrain.TRANSLATE + "tool", "outil") in found
    assert (pretrain.TRANSLATE + "Second paragraph.", "Deuxième paragraphe.") in found
    assert any(source.startswith(pretrain.SUMMARIZE) and target == "tool" for source, target in found)


def test_held_out_descriptions_are_chosen_by_package_and_never_trained_on(tmp_path):
    rows = [{"package": f"p{i}", "en_short": "s", "en_long": "l"} for i in range(500)]
    with gzip.open(tmp_path / "c.jsonl.gz", "wt") as handle:
        handle.writelines(json.dumps(row) + "\n" for row in rows)
    train, held = pretrain.split_corpus(tmp_path / "c.jsonl.gz")
    assert 0 < len(held) < 30 and not {r["package"] for r in train} & {r["package"] for r in held}


def test_every_course_pretrained_standin_has_a_recipe():
    for spec in catalog.MODEL_STANDINS.values():
        if spec.kind == "course-pretrained":
            assert spec.objective in pretrain.LEARNING_RATE and spec.model_type and spec.config
    assert set(pretrain.VISION_DATA) == set(pretrain.DRAWN), "each vision objective draws its data, and says how much"


def test_pretraining_for_minutes_needs_a_gpu(monkeypatch, tmp_path):

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    with pytest.raises(RuntimeError, match="needs a CUDA GPU; on a CPU give --steps"):
        pretrain.pretrain("distilbert/distilgpt2", tmp_path / "none.jsonl.gz", tmp_path / "out", minutes=1)


def test_image_pretraining_saves_a_headless_backbone_and_its_processor(tmp_path):
    from transformers import AutoConfig, AutoImageProcessor

    out = pretrain.pretrain("google/vit-base-patch16-224-in21k", tmp_path / "unused", tmp_path / "vit", steps=2,
                            batch_size=8, drawn=40)
    assert AutoConfig.from_pretrained(out).architectures == ["ViTModel"], "a lesson adds its own head, as to in21k's"
    assert AutoImageProcessor.from_pretrained(out).size == {"height": 64, "width": 64}
    assert json.loads((out / "training.json").read_text())["steps"] == 2


def test_pretraining_crops_name_what_they_show():
    from course_utils import pretrain_images, world

    pictures, labels = pretrain_images.crops(pretrain_images.FIRST_SEED, 5, 32)
    assert pictures.shape[1:] == (32, 32, 3) and len(pictures) == len(labels) > 5
    expected = [f"{t.colour} {t.kind}" for seed in range(pretrain_images.FIRST_SEED, pretrain_images.FIRST_SEED + 5)
                for t in world.scene(seed).visible if t.visible_pixels >= pretrain_images.MIN_PIXELS]
    assert [pretrain_images.LABELS[i] for i in labels] == expected


def test_the_course_vit_transfers_to_the_drawn_dishes():
    """The model card's claim: its features, learned without a single dish, separate the ten dishes quickly."""
    from course_utils import models, pretrain_images

    folder = models.standin_path("google/vit-base-patch16-224-in21k")
    accuracies = pretrain_images.food_transfer(folder, epochs=3)
    assert accuracies[-1] >= 0.6, f"validation accuracy {accuracies} after 3 epochs (chance is 0.1)"


def test_video_pretraining_redraws_hidden_tubes_and_saves_the_whole_videomae(tmp_path):
    from transformers import AutoConfig, AutoImageProcessor

    out = pretrain.pretrain("MCG-NJU/videomae-base", tmp_path / "unused", tmp_path / "vmae", steps=2, batch_size=8,
                            drawn=16)
    assert AutoConfig.from_pretrained(out).architectures == ["VideoMAEForPreTraining"], "as videomae-base ships"
    assert AutoImageProcessor.from_pretrained(out).crop_size == {"height": 64, "width": 64}


def test_tube_masks_hide_the_same_ninety_percent_of_patches_in_every_time_step():
    from course_utils import pretrain_video

    masks = pretrain_video.tube_masks(3, 64, 4, torch.Generator().manual_seed(0))
    assert masks.shape == (3, 256) and (masks.sum(dim=1) == 4 * int(64 * pretrain_video.MASK_RATIO)).all()
    assert (masks.view(3, 4, 64) == masks.view(3, 4, 64)[:, :1]).all(), "a tube is hidden in every time step"
    assert not (masks[0] == masks[1]).all(), "each clip gets its own mask"


def test_the_course_videomae_transfers_to_the_drawn_actions():
    """The model card's claim: pretrained without labels, it tells the ten actions apart after little fine-tuning."""
    from course_utils import models, pretrain_video

    folder = models.standin_path("MCG-NJU/videomae-base")
    accuracies = pretrain_video.action_transfer(folder, epochs=2)
    assert accuracies[-1] >= 0.6, f"test accuracy {accuracies} after 2 epochs (chance is 0.1)"


def test_detection_pretraining_saves_a_conditional_detr_that_loads_with_frozen_batch_norms(tmp_path):
    from safetensors import safe_open
    from transformers import AutoImageProcessor, AutoModelForObjectDetection

    from course_utils import pretrain_detection, world

    out = pretrain.pretrain("microsoft/conditional-detr-resnet-50", tmp_path / "unused", tmp_path / "detr", steps=2,
                            batch_size=4, drawn=16)
    with safe_open(out / "model.safetensors", "pt") as weights:
        assert not [key for key in weights.keys() if "num_batches_tracked" in key], "saved as the plain architecture"
    model = AutoModelForObjectDetection.from_pretrained(out)
    assert list(model.config.id2label.values()) == list(world.PPE) == ["Coverall", "Face_Shield", "Gloves", "Goggles", "Mask"]
    assert model.class_labels_classifier.out_features == 5 and len(pretrain_detection.LABELS) == 13
    assert type(model.model.backbone.model.embedder.embedder.normalization).__name__.endswith("FrozenBatchNorm2d")
    assert AutoImageProcessor.from_pretrained(out).pad_size == {"height": 192, "width": 192}


def test_detection_batches_mirror_boxes_with_their_pictures():
    from course_utils import pretrain_detection

    pictures, objects = pretrain_detection.pictures(pretrain_detection.FIRST_SEED, 8)
    named = {pretrain_detection.LABELS[int(label)] for rows in objects for label in rows[:, 0]}
    assert named >= {"person", "ball", "Mask", "Coverall"}, "things outdoors, people and equipment are boxed"
    batch = next(pretrain_detection.batches(pictures, objects, 8, [0.5] * 3, [0.5] * 3))
    assert batch["pixel_values"].shape == (8, 3, 192, 192) and (batch["pixel_mask"][:, 144:] == 0).all()
    found = sorted(tuple(round(v, 4) for v in box.tolist()) for labels in batch["labels"] for box in labels["boxes"])
    for rows in objects:
        for x0, y0, x1, y1 in rows[:, 1:].tolist():
            plain = (round((x0 + x1) / 384, 4), round((y0 + y1) / 384, 4))
            mirrored = (round(1 - (x0 + x1) / 384, 4), plain[1])
            assert any(box[:2] in (plain, mirrored) for box in found)


def test_depth_pretraining_saves_a_depth_anything_that_predicts_at_the_pictures_size(tmp_path):
    from transformers import AutoImageProcessor, AutoModelForDepthEstimation

    from course_utils import pretrain_depth

    out = pretrain.pretrain("depth-anything/Depth-Anything-V2-base-hf", tmp_path / "unused", tmp_path / "depth",
                            steps=2, batch_size=4, drawn=8)
    processor = AutoImageProcessor.from_pretrained(out)
    model = AutoModelForDepthEstimation.from_pretrained(out)
    assert model.config.depth_estimation_type == "relative" and processor.ensure_multiple_of == 14
    pictures, targets = pretrain_depth.pictures(pretrain_depth.FIRST_SEED, 2)
    assert pictures.shape == (2, 140, 182, 3) and targets.shape == (2, 140, 182)
    assert (targets > 0).all() and targets.max() <= 1, "inverse depth of things at least a metre away"


def test_the_course_depth_anything_knows_the_drawn_worlds_depth():
    """The model card's claim: on scenes it never saw, nearly the true order of every pixel."""
    from course_utils import models, pretrain_depth

    assert pretrain_depth.depth_agreement(models.standin_path("depth-anything/Depth-Anything-V2-base-hf"), scenes=8) >= 0.9


def test_clip_pretraining_never_shows_the_held_out_pairings_and_knows_every_character(tmp_path):
    from transformers import AutoProcessor

    from course_utils import pretrain_clip

    pictures, names = pretrain_clip.crops(pretrain_clip.FIRST_SEED, 30, 32)
    assert len(names) and not {pretrain_clip.NAMES[i] for i in names} & set(pretrain_clip.UNSEEN)
    held, held_names = pretrain_clip.crops(pretrain_clip.FIRST_SEED, 30, 32, held_out=True)
    assert {pretrain_clip.NAMES[i] for i in held_names} <= set(pretrain_clip.UNSEEN)
    out = pretrain.pretrain("openai/clip-vit-large-patch14", tmp_path / "unused", tmp_path / "clip", steps=2,
                            batch_size=8, drawn=20)
    tokenizer = AutoProcessor.from_pretrained(out).tokenizer
    ids = tokenizer("This is a photo of a sunflower.")["input_ids"]
    assert ids.count(tokenizer.eos_token_id) == 1 and ids[-1] == tokenizer.eos_token_id, "no word becomes unknown"


def test_the_course_clip_names_pairings_it_never_saw():
    """The model card's claim: zero-shot, it names held-out pairings of colour and kind far above chance (0.02)."""
    from course_utils import models, pretrain_clip

    folder = models.standin_path("openai/clip-vit-large-patch14")
    assert pretrain_clip.zero_shot_accuracy(folder, scenes=120) >= 0.5


def test_pictures_drawn_in_parallel_are_those_drawn_in_one_go():
    from course_utils import pretrain_depth

    pictures, targets = pretrain_depth.bank(6, workers=4)
    alone, alone_targets = pretrain_depth.pictures(pretrain_depth.FIRST_SEED, 6)
    assert np.array_equal(pictures, alone) and np.array_equal(targets, alone_targets)


def test_owl_pretraining_pictures_are_what_the_processor_shows_the_model():
    """Pretraining squares its pictures itself; they must match what Owlv2ImageProcessor makes of the same scene
    (padding colour included), or the stand-in meets other pictures in a lesson than in pretraining."""
    from transformers import Owlv2ImageProcessor

    from course_utils import pretrain_owl

    scene = world.scene(pretrain_owl.CHECK_SEED).image
    processor = Owlv2ImageProcessor(size={"height": pretrain_owl.SIDE, "width": pretrain_owl.SIDE})
    shown = processor(scene, return_tensors="np")["pixel_values"][0]
    mean, std = (np.array(v)[:, None, None] for v in (processor.image_mean, processor.image_std))
    ours = (pretrain_owl.square(scene).transpose(2, 0, 1) / 255 - mean) / std
    assert np.abs(shown - ours).mean() < 0.03 and np.abs(shown - ours)[:, -20:].max() < 0.01  # the padded rows


def test_owl_stand_in_keeps_the_clip_text_tower_and_starts_patches_in_its_space():
    from course_utils import pretrain_owl
    from course_utils.catalog import MODEL_STANDINS
    from course_utils.models import pretrained_dir

    clip = pretrained_dir(MODEL_STANDINS["openai/clip-vit-large-patch14"])
    model, _ = pretrain_owl.model_from_clip(clip, {"image_size": pretrain_owl.SIDE})
    text = [p for name, p in model.named_parameters() if name.startswith(("owlv2.text_model", "owlv2.text_projection"))]
    assert text and not any(p.requires_grad for p in text)
    assert model.owlv2.vision_model.embeddings.patch_embedding.weight.requires_grad
    assert torch.equal(model.class_head.dense0.weight, model.owlv2.visual_projection.weight)


def test_owl_pretraining_names_no_held_out_pairing_and_saves_an_owlv2_that_reads_text_queries(tmp_path):
    from transformers import AutoModelForZeroShotObjectDetection, AutoProcessor

    from course_utils import pretrain_clip, pretrain_owl

    pictures, objects = pretrain_owl.pictures(pretrain_owl.FIRST_SEED, 30)
    named = {pretrain_clip.NAMES[int(c)] for rows in objects for c in rows[:, 0]}
    assert pictures.shape[1:] == (128, 128, 3) and named and not named & set(pretrain_clip.UNSEEN)
    assert all(((rows[:, 1:] > 0) & (rows[:, 1:] <= 1)).all() for rows in objects), "boxes are shares of the square"
    _, unseen = pretrain_owl.pictures(pretrain_owl.FIRST_SEED, 30, held_out=True)
    assert all({pretrain_clip.NAMES[int(c)] for c in rows[:, 0]} & set(pretrain_clip.UNSEEN) for rows in unseen)
    out = pretrain.pretrain("google/owlv2-base-patch16-ensemble", tmp_path / "unused", tmp_path / "owl", steps=2,
                            batch_size=2, drawn=20)
    processor = AutoProcessor.from_pretrained(out)
    model = AutoModelForZeroShotObjectDetection.from_pretrained(out, dtype=torch.float32)
    spec = catalog.MODEL_STANDINS["google/owlv2-base-patch16-ensemble"]
    assert model.config.vision_config.image_size == pretrain_owl.SIDE == spec.processor["size"]["height"]
    inputs = processor(text=[["a red car", "a tree"]], images=pictures[0], return_tensors="pt")
    assert tuple(inputs["input_ids"].shape) == (2, 16) and tuple(inputs["pixel_values"].shape) == (1, 3, 128, 128)
    # OWLv2 drops a query that starts with id 0 and pools each query at its highest id: the end token's
    first, end = inputs["input_ids"][0, 0].item(), processor.tokenizer.eos_token_id
    assert first != 0 and end == len(processor.tokenizer) - 1 == model.config.text_config.eos_token_id
    outputs = model(**inputs)
    assert tuple(outputs.logits.shape) == (1, 256, 2) and tuple(outputs.pred_boxes.shape) == (1, 256, 4)
