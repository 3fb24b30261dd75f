"""Pretrain a course stand-in once, on a GPU, from Debian's package descriptions (see `debian`).

`python -m course_utils pretrain NAME --corpus build/corpus/debian.jsonl.gz --minutes 4` trains the
architecture that the catalog gives the stand-in (its real model type at a small size) with the same
objective as the real checkpoint: next-token prediction for GPT-2, masked tokens for RoBERTa, and for T5 the
supervised half of its training mixture (English→French translation and summarization, behind T5's own task
prefixes). It writes fp16 safetensors, the tokenizer and `training.json` into the output folder; the model
card beside them in standins/ records the held-out evaluation and what the stand-in cannot do.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
import time
from pathlib import Path

from .catalog import MODEL_STANDINS, ModelStandIn
from .debian import read_corpus

SEED = 0
#: one description in fifty (chosen by a hash of the package name) is held out for evaluation
HELD_OUT_EVERY = 50
#: T5's own task prefixes, so that the guide's inputs mean to the stand-in what they mean to T5
TRANSLATE = "translate English to French: "
SUMMARIZE = "summarize: "
#: tokens per training sequence (causal, masked) and per source / target (seq2seq)
BLOCK = {"causal": 256, "masked": 128}
SOURCE_TOKENS, TARGET_TOKENS = 256, 96


def held_out(row: dict) -> bool:
    return int(hashlib.md5(row["package"].encode()).hexdigest(), 16) % HELD_OUT_EVERY == 0


def english_texts(rows: list[dict]) -> list[str]:
    """Each description as its synopsis line followed by its paragraphs."""
    return [f"{row['en_short']}\n{row['en_long']}".strip() for row in rows]


def pairs(rows: list[dict]) -> list[tuple[str, str]]:
    """Translation pairs (synopses, and paragraphs where both languages have as many) and synopsis targets."""
    found = set()
    for row in rows:
        if "fr_short" in row:
            found.add((TRANSLATE + row["en_short"], row["fr_short"]))
            english, french = row["en_long"].split("\n"), row["fr_long"].split("\n")
            if len(english) == len(french):
                found.update((TRANSLATE + en, fr) for en, fr in zip(english, french) if en and fr)
        if len(row["en_long"].split()) >= 20:
            found.add((SUMMARIZE + row["en_long"].replace("\n", " "), row["en_short"]))
    return sorted(found)


def split_corpus(path: Path) -> tuple[list[dict], list[dict]]:
    rows = read_corpus(path)
    return [r for r in rows if not held_out(r)], [r for r in rows if held_out(r)]


def _tokenizer_texts(spec: ModelStandIn, rows: list[dict]) -> list[str]:
    texts = english_texts(rows)
    if spec.objective == "seq2seq":
        texts += [f"{row['fr_short']}\n{row['fr_long']}" for row in rows if "fr_short" in row]
        texts += [TRANSLATE, SUMMARIZE]
    return texts


def build_model(spec: ModelStandIn, rows: list[dict]):
    """The stand-in's tokenizer, trained on the corpus, and its model with random weights."""
    import torch
    from transformers import AddedToken, AutoConfig, AutoModelForCausalLM, AutoModelForMaskedLM, AutoModelForSeq2SeqLM

    from .models import preprocessors

    (tokenizer,) = preprocessors(spec.model_type, _tokenizer_texts(spec, rows), spec.vocab_size)
    if tokenizer.mask_token is not None:  # as in RoBERTa: "a <mask>" hides a whole word, space included
        tokenizer.add_special_tokens({"mask_token": AddedToken(tokenizer.mask_token, lstrip=True, normalized=False,
                                                               special=True)})
    special = {"vocab_size": len(tokenizer), "eos_token_id": tokenizer.eos_token_id,
               "pad_token_id": tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id}
    if tokenizer.bos_token_id is not None:
        special["bos_token_id"] = tokenizer.bos_token_id
    if spec.objective == "seq2seq":
        special["decoder_start_token_id"] = special["pad_token_id"]
    config = AutoConfig.for_model(spec.model_type, **special, **spec.config)
    auto = {"causal": AutoModelForCausalLM, "masked": AutoModelForMaskedLM, "seq2seq": AutoModelForSeq2SeqLM}
    torch.manual_seed(SEED)
    return tokenizer, auto[spec.objective].from_config(config)


def _blocks(tokenizer, texts: list[str], size: int) -> list[list[int]]:
    """Texts tokenized, joined end to end with the end-of-text token and cut into equal blocks."""
    stream = []
    for ids in tokenizer(texts, add_special_tokens=True)["input_ids"]:
        stream.extend(ids if ids[-1] == tokenizer.eos_token_id else [*ids, tokenizer.eos_token_id])
    return [stream[i:i + size] for i in range(0, len(stream) - size + 1, size)]


def _pad(rows: list[list[int]], value: int):
    import torch

    out = torch.full((len(rows), max(map(len, rows))), value)
    for i, row in enumerate(rows):
        out[i, :len(row)] = torch.tensor(row)
    return out


def training_batches(spec: ModelStandIn, tokenizer, rows: list[dict], batch_size: int, rng: random.Random):
    """An endless stream of training batches (dicts of CPU tensors) for the stand-in's objective."""
    import torch
    from transformers import DataCollatorForLanguageModeling

    if spec.objective == "seq2seq":
        sources, targets = zip(*pairs(rows))
        inputs = tokenizer(list(sources), max_length=SOURCE_TOKENS, truncation=True)["input_ids"]
        labels = tokenizer(list(targets), max_length=TARGET_TOKENS, truncation=True)["input_ids"]
        examples = [{"input_ids": i, "labels": t} for i, t in zip(inputs, labels)]

        def collate(chunk):  # pad to the longest in the batch; -100 marks label padding, which the loss skips
            ids = _pad([e["input_ids"] for e in chunk], tokenizer.pad_token_id)
            return {"input_ids": ids, "attention_mask": (ids != tokenizer.pad_token_id).long(),
                    "labels": _pad([e["labels"] for e in chunk], -100)}
    else:
        examples = [{"input_ids": block} for block in _blocks(tokenizer, english_texts(rows), BLOCK[spec.objective])]
        if spec.objective == "masked":
            collate = DataCollatorForLanguageModeling(tokenizer, mlm_probability=0.15)
        else:  # equal blocks need no padding, and GPT-2 has no padding token (nor does the stand-in)
            def collate(chunk):
                ids = torch.tensor([example["input_ids"] for example in chunk])
                return {"input_ids": ids, "attention_mask": torch.ones_like(ids), "labels": ids}
    print(f"{len(examples):,} training examples")
    torch.manual_seed(SEED)
    while True:
        rng.shuffle(examples)
        for start in range(0, len(examples) - batch_size + 1, batch_size):
            yield collate(examples[start:start + batch_size])


#: peak learning rate per objective (the masked model needs its warm-up: without one it stalls at the unigram loss;
#: seq2seq's is Adafactor's, which scales it by each weight's size)
LEARNING_RATE = {"causal": 1e-3, "masked": 1e-3, "seq2seq": 1e-2, "image": 1e-3, "video": 1.5e-3, "detection": 2e-4,
                 "contrastive": 1e-3, "depth": 5e-4, "open-vocabulary": 3e-4}
#: how many scenes, clips or pictures a vision objective draws by default: for "image" and "contrastive" scenes
#: whose things are cropped (about three each), for "video" clips, for "detection" pictures (half outdoors, half in a
#: clinic), for "depth" scenes with their depth
DRAWN = {"image": 60_000, "video": 60_000, "detection": 80_000, "contrastive": 60_000, "depth": 40_000,
         "open-vocabulary": 40_000}


def _image_data(spec: ModelStandIn, batch_size: int, count: int):
    """The image stand-in's processor, its model with a head for the pretraining labels, and its batches."""
    import torch
    from transformers import AutoConfig, AutoModelForImageClassification, ViTImageProcessor

    from . import pretrain_images

    size = spec.config["image_size"]
    processor = ViTImageProcessor(size={"height": size, "width": size}, image_mean=[0.5] * 3, image_std=[0.5] * 3)
    labels = dict(enumerate(pretrain_images.LABELS))
    config = AutoConfig.for_model(spec.model_type, **spec.config, id2label=labels,
                                  label2id={name: i for i, name in labels.items()})
    torch.manual_seed(SEED)
    model = AutoModelForImageClassification.from_config(config)
    pictures, targets = pretrain_images.bank(count, size)
    print(f"{len(targets):,} training crops of {len(labels)} kinds")
    return processor, model, pretrain_images.batches(pictures, targets, batch_size)


def _video_data(spec: ModelStandIn, batch_size: int, count: int, device: str):
    """The video stand-in's processor, its model with VideoMAE's pretraining decoder, and its masked batches."""
    import torch
    from transformers import AutoConfig, VideoMAEForPreTraining, VideoMAEImageProcessor

    from . import pretrain_video

    size = spec.config["image_size"]
    processor = VideoMAEImageProcessor(size={"shortest_edge": size}, crop_size={"height": size, "width": size},
                                       image_mean=[0.5] * 3, image_std=[0.5] * 3)
    config = AutoConfig.for_model(spec.model_type, **spec.config, **VIDEO_DECODER)
    torch.manual_seed(SEED)
    model = VideoMAEForPreTraining(config)
    clips = pretrain_video.bank(count, size)
    print(f"{len(clips):,} training clips of {clips.shape[1]} frames")
    return processor, model, pretrain_video.batches(clips, batch_size, config.patch_size, config.tubelet_size,
                                                    device=device)


#: the small decoder that redraws the hidden tubes during pretraining (a lesson drops it, as it drops VideoMAE's)
VIDEO_DECODER = {"decoder_hidden_size": 96, "decoder_num_hidden_layers": 2, "decoder_num_attention_heads": 4,
                 "decoder_intermediate_size": 384, "norm_pix_loss": True}


def _detection_data(spec: ModelStandIn, batch_size: int, count: int, device: str):
    """The detector stand-in's processor, its model with trainable batch norms, and its batches."""
    import torch
    from transformers import AutoConfig, AutoModelForObjectDetection

    from . import pretrain_detection
    from .models import preprocessors

    (processor,) = preprocessors(spec.model_type, [], 0, spec.processor)
    labels = dict(enumerate(pretrain_detection.LABELS))
    config = AutoConfig.for_model(spec.model_type, **spec.config, id2label=labels,
                                  label2id={name: i for i, name in labels.items()})
    torch.manual_seed(SEED)
    model = AutoModelForObjectDetection.from_config(config)
    pretrain_detection.trainable_batch_norms(model)
    pictures, objects = pretrain_detection.bank(count)
    print(f"{len(objects):,} training pictures with {sum(map(len, objects)):,} boxes")
    return processor, model, pretrain_detection.batches(pictures, objects, batch_size, processor.image_mean,
                                                         processor.image_std, device=device)


def _clip_data(spec: ModelStandIn, batch_size: int, count: int, device: str):
    """The CLIP stand-in's processor (its tokenizer trained on the captions), its model and its batches."""
    import torch
    from transformers import AutoConfig, CLIPModel, CLIPProcessor

    from . import pretrain_clip
    from .models import preprocessors

    seen = [n for n in pretrain_clip.NAMES if n not in pretrain_clip.UNSEEN]
    # every character, inside a word and at its end, so that a word the captions never use ("photo") splits into
    # pieces the model has not learned rather than into unknown tokens (which CLIP's tokenizer writes as its end token)
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789.,!?'-"
    characters = " ".join([c + c for c in alphabet] + list(alphabet))
    texts = [t.format(n) for n in seen for t in pretrain_clip.TEMPLATES] + [characters]
    tokenizer, images = preprocessors(spec.model_type, texts, spec.vocab_size, spec.processor)
    special = {"vocab_size": len(tokenizer), "bos_token_id": tokenizer.bos_token_id,
               "eos_token_id": tokenizer.eos_token_id, "pad_token_id": tokenizer.pad_token_id}
    config = AutoConfig.for_model(spec.model_type, **{**spec.config, "text_config": {**spec.config["text_config"],
                                                                                      **special}})
    torch.manual_seed(SEED)
    model = CLIPModel(config)
    size = config.vision_config.image_size
    pictures, names = pretrain_clip.bank(count, size)
    print(f"{len(names):,} captioned crops of {len(set(names.tolist()))} colours and kinds")
    texts = pretrain_clip.captions(tokenizer, config.text_config.max_position_embeddings)
    return (CLIPProcessor(image_processor=images, tokenizer=tokenizer), model,
            pretrain_clip.batches(pictures, names, texts, batch_size, images.image_mean, images.image_std, device))


def _depth_data(spec: ModelStandIn, batch_size: int, count: int, device: str):
    """The depth stand-in's processor, its model and its batches of scenes with their true inverse depth."""
    import torch
    from transformers import AutoConfig, AutoModelForDepthEstimation

    from . import pretrain_depth
    from .models import preprocessors

    (processor,) = preprocessors(spec.model_type, [], 0, spec.processor)
    torch.manual_seed(SEED)
    model = AutoModelForDepthEstimation.from_config(AutoConfig.for_model(spec.model_type, **spec.config))
    pictures, targets = pretrain_depth.bank(count)
    print(f"{len(targets):,} scenes of {pictures.shape[2]} x {pictures.shape[1]} pixels with their depth")
    return processor, model, pretrain_depth.batches(pictures, targets, batch_size, processor.image_mean,
                                                     processor.image_std, device)


def _owl_data(spec: ModelStandIn, batch_size: int, count: int, device: str):
    """The OWLv2 stand-in's processor, its model built on the course CLIP, and its batches of named boxes."""
    from transformers import Owlv2ImageProcessor, Owlv2Processor

    from . import pretrain_clip, pretrain_owl
    from .catalog import MODEL_STANDINS
    from .models import pretrained_dir

    clip = pretrained_dir(MODEL_STANDINS["openai/clip-vit-large-patch14"])
    model, tokenizer = pretrain_owl.model_from_clip(clip, spec.config["vision_config"])
    images = Owlv2ImageProcessor(**spec.processor)
    pictures, objects = pretrain_owl.bank(count)
    print(f"{len(objects):,} scenes with {sum(map(len, objects)):,} named boxes of {len(pretrain_owl.SEEN)} names")
    queries = pretrain_clip.captions(tokenizer, names=pretrain_owl.SEEN)
    return (Owlv2Processor(image_processor=images, tokenizer=tokenizer), model,
            pretrain_owl.batches(pictures, objects, queries, batch_size, images.image_mean, images.image_std, device))


#: how each vision objective gets its processor, its model and its batches, from (spec, batch size, count, device);
#: image batches stay on the CPU (the training loop moves them)
VISION_DATA = {"image": lambda spec, batch_size, count, device: _image_data(spec, batch_size, count),
               "video": _video_data, "detection": _detection_data, "contrastive": _clip_data, "depth": _depth_data,
               "open-vocabulary": _owl_data}


def _loss(spec: ModelStandIn):
    """How a batch becomes a loss: the model's own, except where the course's objective has none in the model
    (CLIP's matching of pictures to captions, and depth compared without regard to scale)."""
    if spec.objective == "contrastive":
        from .pretrain_clip import contrastive_loss

        return contrastive_loss
    if spec.objective == "depth":
        from .pretrain_depth import relative_loss

        return relative_loss
    if spec.objective == "open-vocabulary":
        from .pretrain_owl import batch_loss

        return batch_loss
    return lambda model, batch: model(**batch).loss


def pretrain(name: str, corpus: Path, out: Path, minutes: float | None = 4.0, steps: int | None = None,
             batch_size: int = 128, warmup_steps: int = 300, learning_rate: float | None = None,
             drawn: int | None = None) -> Path:
    """Train the stand-in for `steps`, or for about `minutes` (the step count is fixed after timing 50 steps); a
    vision objective draws `drawn` scenes, clips or pictures (default: `DRAWN`)."""
    import torch

    spec = MODEL_STANDINS[name]
    if spec.kind != "course-pretrained":
        raise ValueError(f"{name} is a {spec.kind} stand-in, not one the course pretrains.")
    device = "cuda" if torch.cuda.is_available() else "cpu"
    if device == "cpu" and steps is None:
        raise RuntimeError("Pretraining a stand-in for minutes needs a CUDA GPU; on a CPU give --steps for a smoke test.")
    count = drawn or DRAWN.get(spec.objective)
    if spec.objective in VISION_DATA:
        preprocessor, model, batches = VISION_DATA[spec.objective](spec, batch_size, count, device)
    else:
        train_rows, _ = split_corpus(corpus)
        preprocessor, model = build_model(spec, train_rows)
        print(f"vocabulary {len(preprocessor):,}")
        batches = training_batches(spec, preprocessor, train_rows, batch_size, random.Random(SEED))
    model.to(device).train()
    compute_loss = _loss(spec)
    print(f"{spec.name}: {model.num_parameters():,} parameters")
    peak = learning_rate or LEARNING_RATE[spec.objective]
    if spec.objective == "seq2seq":  # as T5 was pretrained: Adafactor scales each update by the weight's size, so
        # T5's large embeddings (std 1) move as fast as its small projections; under AdamW they hardly moved
        from transformers.optimization import Adafactor

        optimizer = Adafactor(model.parameters(), lr=peak, scale_parameter=True, relative_step=False)
    else:
        optimizer = torch.optim.AdamW(model.parameters(), lr=peak, weight_decay=0.01, betas=(0.9, 0.98))
    total, step, losses = steps, 0, []
    started = time.time()
    while total is None or step < total:
        if step == 50:  # time steps 50-150, after the GPU's warm-up, to fix the number of steps
            warmed = time.time()
        if total is None and step == 150:
            total = max(200, int((minutes * 60 - (warmed - started)) / ((time.time() - warmed) / 100)) + 50)
            print(f"{total:,} steps fit in {minutes} minutes")
        warm = min(warmup_steps, total // 2) if total else warmup_steps  # total is known before warm-up ends
        scale = step / warm if step < warm else 0.5 * (1 + math.cos(math.pi * (step - warm) / max(1, total - warm)))
        for group in optimizer.param_groups:
            group["lr"] = peak * max(scale, 0.0)
        batch = {k: v.to(device, non_blocking=True) if hasattr(v, "to") else v for k, v in next(batches).items()}
        with torch.autocast(device, dtype=torch.bfloat16, enabled=device == "cuda"):
            loss = compute_loss(model, batch)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        losses.append(loss.item())
        step += 1
        if step % 250 == 0:
            print(f"step {step:,}: loss {sum(losses[-250:]) / 250:.3f} ({time.time() - started:.0f} s)", flush=True)
    out.mkdir(parents=True, exist_ok=True)
    if spec.objective == "image":  # keep the backbone only, as ViT-in21k ships: a lesson gives it a new head
        model = model.base_model
        model.config.id2label, model.config.label2id = {0: "LABEL_0", 1: "LABEL_1"}, {"LABEL_0": 0, "LABEL_1": 1}
    if spec.objective == "detection":  # as the real checkpoint: frozen batch norms; a classifier for CPPE-5's kinds
        from .pretrain_detection import equipment_head, frozen_batch_norms

        frozen_batch_norms(model)
        equipment_head(model)
    model.to(torch.float16).save_pretrained(out)
    preprocessor.save_pretrained(out)  # the tokenizer, or the image processor
    every = [losses[i:i + 250] for i in range(0, len(losses), 250)]
    log = {"checkpoint": name, "steps": step, "batch_size": batch_size, "optimizer": type(optimizer).__name__,
           "peak_learning_rate": peak, "warmup_steps": warm, "seconds": round(time.time() - started), "parameters": model.num_parameters(),
           "loss_every_250_steps": [round(sum(chunk) / len(chunk), 4) for chunk in every],
           "device": torch.cuda.get_device_name() if device == "cuda" else "cpu", "torch": torch.__version__}
    (out / "training.json").write_text(json.dumps(log, indent=2) + "\n")
    return out
