"""Rehearse a lesson's Colab defaults at real size on a GPU, since CI never runs the Colab world.

The rehearsal executes the notebook's own code cells with its own parameters, on stand-ins of the real
size: the real architecture from its default config with random weights, a tokenizer with the same
vocabulary, and synthetic data with the real dataset's schema, split sizes and length distribution. GPU
memory is capped like a T4's, and the lesson's code runs on two CPU cores, as many as Colab gives. It records each cell's time, the peak GPU memory and the floating-point work
of every forward pass, and estimates the time on a T4 from that work.
"""

from __future__ import annotations

import json
import os
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from . import data, models, notebooks, samples, world
from .catalog import lesson
from .runner import source_path

BERT_UNCASED = "distilbert/distilbert-base-uncased"
#: Sustained fp16 rate of a T4 on BERT-sized models, in useful TFLOP/s (the card's fp16 tensor peak is 65).
#: NVIDIA's DeepLearningExamples measured BERT-base inference on a T4 at 289.5 sequences/s (length 128) and
#: 106.8/s (length 384) in mixed precision: 8-9 TFLOP/s. A published fine-tuning run of ModernBERT-base on a
#: Kaggle T4 (batch 32 x 128 tokens, fp16) took 0.30 s per batch: about 9 TFLOP/s of training work.
T4_TFLOPS = 9.0
T4_GIB = 15.0
COLAB_CPUS = 2


def review_row(words: list[str], index: int, split: str, rng: np.random.Generator) -> dict:
    """A row of IMDb's schema: the text, and a label that alternates (-1 in the unlabeled split)."""
    return {"text": " ".join(words), "label": -1 if split == "unsupervised" else index % 2}


def tagged_row(words: list[str], index: int, split: str, rng: np.random.Generator) -> dict:
    """A row of WNUT 17's schema: words, and valid BIO tags (an entity of one to three words starts at about
    one word in twelve; B- tags have odd ids, their I- tags the next id)."""
    tags, inside = [], 0
    for _ in words:
        if inside:
            tags.append(tags[-1] + 1 if tags[-1] % 2 else tags[-1])
            inside -= 1
        elif rng.random() < 1 / 12:
            tags.append(2 * int(rng.integers(0, 6)) + 1)
            inside = int(rng.integers(0, 3))
        else:
            tags.append(0)
    return {"id": str(index), "tokens": words, "ner_tags": tags}


def squad_row(words: list[str], index: int, split: str, rng: np.random.Generator) -> dict:
    """A row of SQuAD's schema: the words as context, a question of ten of them, and a short answer span
    (three annotators' answers in the validation split, as in SQuAD)."""
    context = " ".join(words)
    first = int(rng.integers(0, max(1, len(words) - 3)))
    text = " ".join(words[first:first + int(rng.integers(1, 4))])
    start = len(" ".join(words[:first])) + (1 if first else 0)
    copies = 3 if split == "validation" else 1
    return {"id": f"{split}{index}", "title": "synthetic", "context": context,
            "question": " ".join(rng.choice(words, size=10)) + "?",
            "answers": {"text": [text] * copies, "answer_start": [start] * copies}}


def eli5_row(words: list[str], index: int, split: str, rng: np.random.Generator) -> dict:
    """A row of ELI5-Category's schema: the words shared among one to three answers."""
    cuts = sorted(int(c) for c in rng.integers(1, max(2, len(words)), size=int(rng.integers(0, 3))))
    answers = [" ".join(part) for part in np.split(np.array(words, dtype=object), cuts) if len(part)]
    return {"q_id": f"{split}{index}", "title": " ".join(words[:8]) + "?", "selftext": "", "category": "Other",
            "subreddit": "explainlikeimfive",
            "answers": {"a_id": [f"{index}-{i}" for i in range(len(answers))], "text": answers,
                        "score": list(range(len(answers), 0, -1)), "text_urls": [[] for _ in answers]},
            "title_urls": [], "selftext_urls": []}


def swag_row(words: list[str], index: int, split: str, rng: np.random.Generator) -> dict:
    """A row of SWAG's schema: a context, the next sentence's first two words and four endings of a fifth of
    the words each (the test split's label hidden, as in SWAG)."""
    cut = max(1, len(words) * 3 // 10)
    sent1, sent2 = " ".join(words[:cut]), " ".join(words[cut:cut + 2])
    rest = words[cut + 2:] or words
    size = max(1, len(rest) // 4)
    endings = {f"ending{i}": " ".join(rest[i * size:(i + 1) * size] or rest[:size]) for i in range(4)}
    return {"video-id": f"{split}{index}", "fold-ind": str(index), "startphrase": f"{sent1} {sent2}",
            "sent1": sent1, "sent2": sent2, "gold-source": "gold", **endings,
            "label": -1 if split == "test" else index % 4}


def translation_row(words: list[str], index: int, split: str, rng: np.random.Generator) -> dict:
    """A row of OPUS Books' schema: the first half of the words as the English sentence, the rest as the French."""
    half = max(1, len(words) // 2)
    return {"id": str(index), "translation": {"en": " ".join(words[:half]), "fr": " ".join(words[half:] or words)}}


def bill_row(words: list[str], index: int, split: str, rng: np.random.Generator) -> dict:
    """A row of BillSum's schema: the words as the bill, a summary of a fifth of them and a title of fifteen."""
    return {"text": " ".join(words), "summary": " ".join(words[:min(600, max(20, len(words) // 5))]),
            "title": " ".join(words[:15])}


def row_words(row: dict) -> list[str]:
    """The running text of a sample row, whichever dataset's schema it has."""
    if "tokens" in row:
        return row["tokens"]
    if "translation" in row:
        return " ".join(row["translation"].values()).split()
    if "sent1" in row:
        return " ".join(row[key] for key in ("sent1", "sent2", "ending0", "ending1", "ending2", "ending3")).split()
    if "context" in row or "text" in row:
        return row.get("text", row.get("context", "")).split()
    return " ".join(row["answers"]["text"]).split()


@dataclass(frozen=True)
class Shape:
    """The real size of a lesson's model and data, for the rehearsal."""

    model_type: str
    model_class: str
    #: the checkpoint whose offline stand-in lends its tokenizer (the model keeps its real vocabulary size); None for
    #: a vision model. A model that reads pictures gets its model type's image processor with the default settings,
    #: changed by `image_settings` where the real checkpoint's differ
    tokenizer_checkpoint: str | None
    #: the dataset (None for a lesson without one), its split sizes, and the length of a row in words: the real
    #: median, mean and range
    dataset: str | None = None
    rows: dict = field(default_factory=dict)
    words_median: float = 0
    words_mean: float = 0
    words_range: tuple[int, int] = (0, 0)
    make_row: Callable[[list[str], int, str, np.random.Generator], dict] | None = None
    #: config values where the real checkpoint differs from its model type's default (e.g. fewer layers)
    config: dict = field(default_factory=dict)
    #: for a lesson with a second model at `assistant_checkpoint`: its config values, on the same architecture
    assistant_config: dict | None = None
    #: for a dataset of pictures: draws (split, count) rows in the dataset's schema, at the real size
    draw_rows: Callable[[str, int], list[dict]] | None = None
    #: for a dataset that lessons read as one archive: writes it, at the real size, into a folder and returns its path
    draw_archive: Callable[[Path], Path] | None = None
    image_settings: dict = field(default_factory=dict)


def food_photos(split: str, count: int, workers: int = 8) -> list[dict]:
    """Food-101 rows drawn by the course at the real photos' size (512 pixels), in parallel."""
    from multiprocessing import Pool

    chunks = [(split, start, min(start + 500, count)) for start in range(0, count, 500)]
    with Pool(workers) as pool:
        return [row for part in pool.starmap(_food_photos, chunks) for row in part]


def _food_photos(split: str, start: int, stop: int) -> list[dict]:
    offset = samples.FOOD101_SEEDS[split] + 100_000  # beyond the committed sample's seeds
    foods = [world.FOODS[i % len(world.FOODS)] for i in range(start, stop)]
    return [samples.food101_row(world.dish(offset + i, food, size=(512, 512)).image, food)
            for i, food in zip(range(start, stop), foods)]


def scene_photos(split: str, count: int, workers: int = 8) -> list[dict]:
    """SceneParse150 rows drawn by the course at the size of a typical ADE20K photo (683 x 512), in parallel."""
    from multiprocessing import Pool

    first = samples.SCENE_PARSE_SEEDS[split] + 1_000_000  # beyond the committed sample's seeds
    with Pool(workers) as pool:
        return pool.starmap(samples.scene_parse_row, [(first + i, (683, 512), split != "test") for i in range(count)])


#: a CPPE-5 photo's size: the guide's first training picture is 943 x 663 pixels
CPPE5_REAL_SIZE = (943, 663)


def ppe_photos(split: str, count: int, workers: int = 8) -> list[dict]:
    """CPPE-5 rows drawn by the course at a real photo's size, in parallel, with the objects numbered anew."""
    from multiprocessing import Pool

    first = samples.CPPE5_SEEDS[split] + 1_000_000  # beyond the committed sample's seeds
    chunks = [(split, min(100, count - start), CPPE5_REAL_SIZE, first + start) for start in range(0, count, 100)]
    with Pool(workers) as pool:
        rows = [row for part in pool.starmap(samples.cppe5_rows, chunks) for row in part]
    next_id = 0
    for row in rows:  # each chunk numbered its objects from its own first seed
        row["objects"]["id"] = list(range(next_id, next_id + len(row["objects"]["id"])))
        next_id += len(row["objects"]["id"])
    return rows


#: the real UCF101 subset: clips per action in each split (75 test clips, about 7 per action), and a typical clip:
#: 320 x 240 pixels, about 7 seconds at 25 frames a second, Xvid at a few hundred kilobits a second
UCF101_REAL = {"train": 30, "val": 3, "test": 7}


def ucf101_videos(folder: Path, counts: dict = UCF101_REAL, size: tuple[int, int] = (320, 240), frames: int = 175,
                  workers: int = 15) -> Path:
    """The UCF101 subset's archive with clips drawn by the course, by default at the real clips' size and length."""
    from multiprocessing import Pool

    jobs = [(split, action, k, size, frames, 1_000_000, 400_000)
            for split, count in counts.items() for action in world.ACTIONS for k in range(count)]
    with Pool(workers) as pool:
        files = dict(pool.starmap(samples.ucf101_clip, jobs))
    folder.mkdir(parents=True, exist_ok=True)
    samples.write_tar(folder / samples.UCF101_ARCHIVE, files)
    return folder / samples.UCF101_ARCHIVE


#: ELI5-Category, read by lessons 04 and 05: a question's answers joined come to about 260 words on average
#: (a published run of the guide makes 1,308 blocks of 128 tokens per epoch from 4,000 questions), long-tailed
ELI5 = {"dataset": "rexarski/eli5_category",
        "rows": {"train": 91_772, "validation1": 5_446, "validation2": 2_375, "test": 5_411},
        "words_median": 170, "words_mean": 260, "words_range": (5, 4_000), "make_row": eli5_row}

#: what the SmolLM2 models share beyond their width and depth
SMOLLM2 = {"tie_word_embeddings": True, "max_position_embeddings": 8192}

SHAPES = {
    # IMDb reviews: about 233 words on average (median about 174), from 10 to 2,470
    "01_text_classification": Shape(
        "distilbert", "DistilBertForMaskedLM", BERT_UNCASED, "stanfordnlp/imdb",
        rows={"train": 25_000, "test": 25_000, "unsupervised": 50_000},
        words_median=174, words_mean=233, words_range=(10, 2_470), make_row=review_row,
    ),
    # WNUT 17 posts: about 18.5 words on average (62,730 words in 3,394 training posts)
    "02_token_classification": Shape(
        "distilbert", "DistilBertForMaskedLM", BERT_UNCASED, "leondz/wnut_17",
        rows={"train": 3_394, "validation": 1_009, "test": 1_287},
        words_median=16, words_mean=18.5, words_range=(2, 100), make_row=tagged_row,
    ),
    # SQuAD v1.1 paragraphs: about 120 words on average (median about 110), from 20 to 650
    "03_question_answering": Shape(
        "distilbert", "DistilBertForMaskedLM", BERT_UNCASED, "rajpurkar/squad",
        rows={"train": 87_599, "validation": 10_570},
        words_median=110, words_mean=120, words_range=(20, 650), make_row=squad_row,
    ),
    # SWAG: a 13-word context, two words of the next sentence and four endings of about 9 words: 50 words in all
    "08_multiple_choice": Shape(
        "bert", "BertForMaskedLM", BERT_UNCASED, "allenai/swag",
        rows={"train": 73_546, "validation": 20_006, "test": 20_005},
        words_median=48, words_mean=50, words_range=(20, 110), make_row=swag_row,
    ),
    # OPUS Books en-fr: 33.0 MB of text in 127,085 pairs, about 21 English and 22 French words a pair; long-tailed
    "06_translation": Shape(
        "t5", "T5ForConditionalGeneration", "google-t5/t5-small", "Helsinki-NLP/opus_books",
        rows={"train": 127_085}, words_median=30, words_mean=43, words_range=(2, 800), make_row=translation_row,
        config={"decoder_start_token_id": 0},  # T5's decoder starts from the padding token
    ),
    # BillSum: about 12 KB a bill in every split (14.9 MB for 1,237 California bills), so about 1,500 words of text
    "07_summarization": Shape(
        "t5", "T5ForConditionalGeneration", "google-t5/t5-small", "FiscalNote/billsum",
        rows={"train": 18_949, "test": 3_269, "ca_test": 1_237},
        words_median=1_200, words_mean=1_500, words_range=(150, 12_000), make_row=bill_row,
        config={"decoder_start_token_id": 0},
    ),
    # SmolLM2-360M-Instruct and its 135M assistant: Llama with 49,152 tokens and tied embeddings. Random weights never
    # choose the end token, so every call generates all `max_new_tokens`, and drafts are rarely accepted: the
    # rehearsal times the longest texts and the assistant's worst case.
    "20_text_generation_strategies": Shape(
        "llama", "LlamaForCausalLM", "HuggingFaceTB/SmolLM2-135M-Instruct",
        config=dict(SMOLLM2, hidden_size=960, intermediate_size=2560, num_hidden_layers=32, num_attention_heads=15,
                    num_key_value_heads=5),
        assistant_config=dict(SMOLLM2, hidden_size=576, intermediate_size=1536, num_hidden_layers=30,
                              num_attention_heads=9, num_key_value_heads=3),
    ),
    # Food-101: photos of at most 512 pixels a side. The lesson reads 4,000 + 1,000 training photos and 2,500 test
    # photos, so the rehearsal draws just enough rows (the real splits hold 75,750 and 25,250) at the real size.
    "09_image_classification": Shape(
        "vit", "ViTModel", None, "ethz/food101", rows={"train": 5_000, "validation": 2_500}, draw_rows=food_photos,
    ),
    # SceneParse150: the lesson reads the first Parquet file of `train` (the rehearsal draws the 300 rows it takes)
    # at a typical ADE20K photo's size; MiT-b0 is SegFormer's default config, with its image processor's 512 x 512
    "10_semantic_segmentation": Shape(
        "segformer", "SegformerModel", None, "zhoubolei/scene_parse_150",
        rows={"train": 300, "validation": 10, "test": 10}, draw_rows=scene_photos,
    ),
    # the UCF101 subset at its real size; VideoMAE-Base is VideoMAE's default config, with its image processor
    "11_video_classification": Shape(
        "videomae", "VideoMAEModel", None, samples.UCF101_DATASET, draw_archive=ucf101_videos,
    ),
    # CPPE-5's 1,000 training and 29 test photos. Conditional DETR's default config is the real checkpoint's
    # architecture (ResNet-50, 300 object queries); Transformers' own ResNet-50 stands in for timm's (the same layers)
    "12_object_detection": Shape(
        "conditional_detr", "ConditionalDetrForObjectDetection", None, "rishitdagli/cppe-5",
        rows={"train": 1_000, "test": 29}, draw_rows=ppe_photos,
        config={"backbone_config": {"model_type": "resnet", "out_features": ["stage4"]}},
    ),
    # the lessons of zero-shot models draw their pictures from the course world in both worlds, so they need no data
    # here. OWLv2 base/16 ensemble: its default config and image processor, except for the 960-pixel pictures
    "13_zero_shot_object_detection": Shape(
        "owlv2", "Owlv2ForObjectDetection", "google/owlv2-base-patch16-ensemble", config={"vision_config": {"image_size": 960}},
    ),
    # CLIP ViT-L/14 (427.6 M parameters)
    "14_zero_shot_image_classification": Shape(
        "clip", "CLIPModel", "openai/clip-vit-large-patch14",
        config={"projection_dim": 768,
                "text_config": {"hidden_size": 768, "intermediate_size": 3072, "num_attention_heads": 12},
                "vision_config": {"hidden_size": 1024, "intermediate_size": 4096, "num_attention_heads": 16,
                                  "num_hidden_layers": 24, "patch_size": 14}},
    ),
    # Depth Anything V2 base: a DINOv2 ViT-B/14 backbone, and the published processor (518 pixels, keeping the aspect)
    "15_monocular_depth_estimation": Shape(
        "depth_anything", "DepthAnythingForDepthEstimation", None,
        config={"backbone_config": {"model_type": "dinov2", "hidden_size": 768, "num_attention_heads": 12,
                                    "out_indices": [3, 6, 9, 12], "reshape_hidden_states": False},
                "reassemble_hidden_size": 768, "neck_hidden_sizes": [96, 192, 384, 768], "fusion_hidden_size": 128},
        image_settings={"size": {"height": 518, "width": 518}, "keep_aspect_ratio": True, "ensure_multiple_of": 14,
                        "resample": 3, "do_pad": False, "image_mean": [0.485, 0.456, 0.406],
                        "image_std": [0.229, 0.224, 0.225]},
    ),
    "04_causal_language_modeling": Shape(
        "gpt2", "GPT2LMHeadModel", "distilbert/distilgpt2", **ELI5, config={"n_layer": 6},
    ),
    "05_masked_language_modeling": Shape(
        "roberta", "RobertaForMaskedLM", "distilbert/distilroberta-base", **ELI5,
        config={"num_hidden_layers": 6, "vocab_size": 50_265, "max_position_embeddings": 514, "type_vocab_size": 1},
    ),
}


def _lengths(shape: Shape, count: int, rng: np.random.Generator) -> np.ndarray:
    """Word counts from a log-normal with the real median and mean, clipped to the real range."""
    mu = np.log(shape.words_median)
    sigma = np.sqrt(2 * np.log(shape.words_mean / shape.words_median))
    return np.clip(rng.lognormal(mu, sigma, count), *shape.words_range).astype(int)


def synthetic_dataset(shape: Shape, folder: Path, seed: int = 0) -> Path:
    """The real splits and features (the course sample's card), filled with rows of the real lengths.

    The words come from the course sample in order from random starting points, so the tokenizer sees
    ordinary English; `shape.make_row` gives them the dataset's columns. A dataset of pictures is drawn by
    `shape.draw_rows` instead.
    """
    rng = np.random.default_rng(seed)
    if shape.draw_archive is not None:
        return shape.draw_archive(folder)
    sample = data.sample_path(shape.dataset)
    if shape.draw_rows is not None:
        return _drawn_dataset(shape, sample, folder)
    words = [word for split, name in data.split_files(sample).items() for row in data.read_jsonl(sample / name)
             for word in row_words(row)]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "README.md").write_text((sample / "README.md").read_text(encoding="utf-8"), encoding="utf-8")
    for split, name in data.split_files(sample).items():
        with open(folder / name, "w", encoding="utf-8") as handle:
            for index, length in enumerate(_lengths(shape, shape.rows[split], rng)):
                start = int(rng.integers(0, len(words) - length))
                row = shape.make_row(words[start:start + length], index, split, rng)
                handle.write(json.dumps(row) + "\n")
    return folder


def _drawn_dataset(shape: Shape, sample: Path, folder: Path) -> Path:
    from datasets import Dataset

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "README.md").write_text((sample / "README.md").read_text(encoding="utf-8"), encoding="utf-8")
    for split, name in data.split_files(sample).items():
        rows = shape.draw_rows(split, shape.rows[split])
        Dataset.from_list(rows, features=data.features_of(sample)).to_parquet(folder / name)
    return folder


def real_size_config(shape: Shape, tokenizer):
    """The real checkpoint's config: its model type's defaults, the shape's values, and the tokenizer's size and
    special tokens (at least the default vocabulary, which the output layer's cost depends on)."""
    from transformers import AutoConfig

    default = AutoConfig.for_model(shape.model_type)
    ids = {key: getattr(tokenizer, key) for key in ("pad_token_id", "bos_token_id", "eos_token_id")
           if getattr(tokenizer, key) is not None}
    return AutoConfig.for_model(shape.model_type, **{"vocab_size": max(len(tokenizer), default.vocab_size),
                                                     **ids, **shape.config})


def real_size_model(shape: Shape, folder: Path, tokenizer_dir: Path | None = None) -> Path:
    """The architecture at its real size with random weights, and a tokenizer (the stand-in's, unless
    `tokenizer_dir` names another folder)."""
    import torch
    import transformers
    from transformers import AutoConfig, AutoTokenizer
    from transformers.models.auto.image_processing_auto import IMAGE_PROCESSOR_MAPPING_NAMES
    from transformers.models.auto.processing_auto import PROCESSOR_MAPPING_NAMES

    torch.manual_seed(0)
    tokenizer = None if shape.tokenizer_checkpoint is None else AutoTokenizer.from_pretrained(
        tokenizer_dir or models.standin_path(shape.tokenizer_checkpoint))
    if shape.model_type not in IMAGE_PROCESSOR_MAPPING_NAMES:  # text alone
        processor, config = tokenizer, real_size_config(shape, tokenizer)
    else:  # pictures: the real defaults of the config and image processor, and the tokenizer where there is text too
        config = AutoConfig.for_model(shape.model_type, **shape.config)
        processor = models.image_processor(shape.model_type, shape.image_settings)
        if tokenizer is not None:
            processor = getattr(transformers, PROCESSOR_MAPPING_NAMES[shape.model_type])(processor, tokenizer)
            if len(tokenizer) > config.text_config.vocab_size:
                raise ValueError(f"The tokenizer of {shape.tokenizer_checkpoint} is larger than the real vocabulary.")
            for key in ("pad_token_id", "bos_token_id", "eos_token_id"):
                setattr(config.text_config, key, getattr(tokenizer, key))
    getattr(transformers, shape.model_class)(config).save_pretrained(folder)
    processor.save_pretrained(folder)
    return folder


class WorkCounter:
    """Adds up the floating-point work of one model: two operations per weight of every linear layer and per token
    that passes through it (an output layer tied to the embeddings counts, as the layer it is), two per weight of a
    convolution and per output position, and four per pair of positions and per width in every attention
    (counted where Transformers calls PyTorch's scaled dot-product attention, while the counter is entered). Work
    that gradients will flow back through counts three times, since the backward pass costs about twice the
    forward. Counted layer by layer, an encoder-decoder's short targets and each step of `generate` cost what
    they do."""

    def __init__(self) -> None:
        self.flops = 0.0
        self._watched = weakref.WeakSet()  # a model the lesson drops is freed as in the lesson
        self._attention = None

    def __enter__(self) -> "WorkCounter":
        import torch

        self._attention = torch.nn.functional.scaled_dot_product_attention

        def counted(query, key, value, *args, **kwargs):
            work = 4 * query.shape[:-1].numel() * key.shape[-2] * query.shape[-1]  # (…, heads, queries, width)
            self.flops += work * (3 if torch.is_grad_enabled() and query.requires_grad else 1)
            return self._attention(query, key, value, *args, **kwargs)

        torch.nn.functional.scaled_dot_product_attention = counted
        return self

    def __exit__(self, *exc) -> None:
        import torch

        torch.nn.functional.scaled_dot_product_attention = self._attention

    def watch(self, model) -> None:
        """Count the work of `model`'s layers from now on (a layer already counted is not counted twice)."""
        import torch
        from transformers.pytorch_utils import Conv1D

        for module in model.modules():
            if module in self._watched:
                continue
            self._watched.add(module)
            if isinstance(module, (torch.nn.Linear, Conv1D)):
                module.register_forward_hook(self._linear)
            elif isinstance(module, torch.nn.modules.conv._ConvNd):
                module.register_forward_hook(self._convolution)

    def _linear(self, module, args, output) -> None:
        inputs = module.in_features if hasattr(module, "in_features") else module.nx  # GPT-2's Conv1D has nx
        self.flops += 2 * module.weight.numel() * (args[0].numel() // inputs) * (3 if output.requires_grad else 1)

    def _convolution(self, module, args, output) -> None:
        per_output = module.weight[0].numel()  # input channels of one group, times the kernel's size
        self.flops += 2 * per_output * output.numel() * (3 if output.requires_grad else 1)


def hold_to_colab_cpus() -> list[int]:
    """Keep this process and the processes it starts (data loaders) to the first COLAB_CPUS cores it may use, with
    as many PyTorch threads, and return those cores. (To rehearse two lessons side by side, start each under
    `taskset` with cores of its own.)"""
    import torch

    cores = sorted(os.sched_getaffinity(0))[:COLAB_CPUS]
    os.sched_setaffinity(0, cores)
    torch.set_num_threads(len(cores))
    return cores


def lesson_cells(key: str) -> list[tuple[str, str]]:
    """(id, source) of each code cell of the English edition, without the Colab install cell."""
    notebook = notebooks.read(source_path(lesson(key), "en"))
    return [(cell["id"], notebooks.source(cell)) for cell in notebook["cells"]
            if cell["cell_type"] == "code" and notebooks.INSTALL_TAG not in cell["metadata"].get("tags", [])]


def rehearse(key: str, out: Path, gpu_gib: float = T4_GIB, tokenizer_dir: Path | None = None,
             parameters: dict | None = None) -> Path:
    """Run the lesson's code at real size (with `parameters` changed from the defaults, if given); write
    `rehearsal.json` and a table, and return the table's path."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import torch
    import transformers

    item = lesson(key)
    shape = SHAPES.get(item.key)
    if shape is None:
        raise KeyError(f"No real-size shape for {item.key} yet: add it to rehearsal.SHAPES.")
    if not torch.cuda.is_available():
        raise RuntimeError("The rehearsal measures the Colab defaults on a GPU, and this machine has none.")
    out = Path(out).resolve()
    total = torch.cuda.get_device_properties(0).total_memory
    torch.cuda.set_per_process_memory_fraction(min(1.0, gpu_gib * 2**30 / total))
    os.environ.update({"TQDM_DISABLE": "1", "COURSE_LANG": "en"})
    started = time.perf_counter()
    model_dir = real_size_model(shape, out / "model", tokenizer_dir)
    data_dir = synthetic_dataset(shape, out / "data") if shape.dataset else None
    if shape.assistant_config is not None:
        assistant = replace(shape, config=shape.assistant_config)
        assistant_dir = real_size_model(assistant, out / "assistant", tokenizer_dir)
    print(f"real-size stand-ins ready in {time.perf_counter() - started:.0f} s", flush=True)
    cores = hold_to_colab_cpus()  # after drawing the data, which may use every core

    counter, rows, namespace = WorkCounter(), [], {"course_sample_file": data.sample_file}
    os.chdir(out)
    with counter:  # attention is counted while the lesson runs
        for cell_id, source in lesson_cells(item.key):
            code = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("%", "!")))
            if cell_id == "parameters":
                code += f"\ncheckpoint = {str(model_dir)!r}\noutput_dir = 'outputs'"
                code += "".join(f"\n{name} = {value!r}" for name, value in (parameters or {}).items())
                code += f"\nassistant_checkpoint = {str(assistant_dir)!r}" if shape.assistant_config is not None else ""
                code += f"\ndataset_name = {str(data_dir)!r}" if "dataset_name =" in code else ""
                code += f"\ndata_files = {str(data_dir / 'train.jsonl')!r}" if "data_files =" in code else ""
                code += f"\ndata_file = {str(data_dir / 'train.parquet')!r}" if "data_file =" in code else ""
                code += f"\narchive = {str(data_dir)!r}" if "archive =" in code else ""
                # a raw Hub file beside the dataset (a label list) is read from the course's copy
                code += "\nlabel_file = str(course_sample_file(label_file))" if "label_file =" in code else ""
            work_before = counter.flops
            torch.cuda.synchronize()
            began = time.perf_counter()
            exec(compile(code, f"<{item.key}:{cell_id}>", "exec"), namespace)  # noqa: S102 - the course's own notebook
            torch.cuda.synchronize()
            seconds = time.perf_counter() - began
            plt.close("all")
            for value in list(namespace.values()):  # models, and the models of pipelines and trainers
                if isinstance(value, (transformers.Pipeline, transformers.Trainer)):
                    value = value.model
                if isinstance(value, torch.nn.Module):
                    counter.watch(value)
            work = counter.flops - work_before
            t4 = max(seconds, work / (T4_TFLOPS * 1e12))
            rows.append({"cell": cell_id, "seconds": seconds, "tflop": work / 1e12, "t4_seconds": t4})
            print(f"{cell_id:<12} {seconds:8.1f} s  {work / 1e12:9.1f} TFLOP  T4 ≈ {t4:7.1f} s", flush=True)

    report = {
        "lesson": item.key, "device": torch.cuda.get_device_name(0), "gpu_cap_gib": gpu_gib, "cpu_cores": cores,
        "changed_parameters": parameters or {},
        "peak_gpu_gib": torch.cuda.max_memory_allocated() / 2**30,
        "peak_reserved_gib": torch.cuda.max_memory_reserved() / 2**30,
        "seconds": sum(r["seconds"] for r in rows), "tflop": sum(r["tflop"] for r in rows),
        "t4_minutes": sum(r["t4_seconds"] for r in rows) / 60, "t4_tflops_assumed": T4_TFLOPS,
        "metric": namespace.get("after"), "cells": rows,
    }
    (out / "rehearsal.json").write_text(json.dumps(report, indent=1, default=str))
    table = out / "rehearsal.md"
    changed = ", ".join(f"{name} = {value!r}" for name, value in (parameters or {}).items())
    lines = [f"# Rehearsal of {item.key} on {report['device']} (GPU memory capped at {gpu_gib:g} GiB, "
             f"{len(cores)} CPU cores)", "",
             *([f"Changed from the lesson's defaults: {changed}.", ""] if changed else []),
             "| cell | seconds here | TFLOP | T4 estimate (s) |", "|---|---:|---:|---:|",
             *(f"| {r['cell']} | {r['seconds']:.1f} | {r['tflop']:.1f} | {r['t4_seconds']:.0f} |" for r in rows), "",
             f"Total: {report['seconds'] / 60:.1f} min here, {report['tflop'] / 1e3:.2f} PFLOP, "
             f"T4 estimate {report['t4_minutes']:.1f} min at {T4_TFLOPS:g} TFLOP/s; peak GPU memory "
             f"{report['peak_gpu_gib']:.1f} GiB allocated, {report['peak_reserved_gib']:.1f} GiB reserved."]
    table.write_text("\n".join(lines) + "\n")
    print("\n".join(lines[-1:]))
    return table
