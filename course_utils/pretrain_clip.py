"""Pictures and captions for the course's CLIP stand-in, and the check of what that pretraining brings.

CLIP learned from 400 million pictures with the sentences found beside them, by pulling each picture towards its own
sentence and away from the others in the batch. Its course stand-in learns the same way from close crops of the
course's world (`world.scene`), each with a sentence naming what it shows in one of several phrasings ("a drawing
of a red car", "a person in blue on the grass"). Ten pairings of colour and kind (`HELD_OUT`) never appear in
pretraining, though every colour and every kind does: lesson 14 asks the stand-in about them, which is what
zero-shot means.
"""

from __future__ import annotations

import numpy as np

from . import parallel, pretrain_images, world

#: colour and kind that pretraining never shows together; lesson 14's zero-shot questions are about them
HELD_OUT = (("yellow", "tree"), ("blue", "house"), ("green", "car"), ("pink", "person"), ("gray", "person"),
            ("purple", "flower"), ("green", "ball"), ("orange", "ball"), ("yellow", "umbrella"), ("white", "car"))
#: how pretraining captions phrase what a picture shows
TEMPLATES = ("a {}", "a drawing of a {}", "a picture of a {}", "a {} on the grass", "a {} outdoors",
             "there is a {} here", "a small drawing of a {}", "a {} in the picture")
#: crops for pretraining come from scenes starting here (the image stand-in's crops start at FIRST_SEED too)
FIRST_SEED = 2_000_000


def name(colour: str, kind: str) -> str:
    """How a caption names a thing: "red car", but "person in red"."""
    return f"person in {colour}" if kind == "person" else f"{colour} {kind}"


#: every colour and kind that the world draws, named as captions name them
NAMES = tuple(name(colour, kind) for kind in world.KINDS for colour in world.KIND_COLOURS[kind])
UNSEEN = tuple(name(colour, kind) for colour, kind in HELD_OUT)


def crops(first: int, scenes: int, size: int, held_out: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Crops around the things of `scenes` scenes and their index in NAMES: only the held-out pairings, or only
    the others."""
    pictures, labels = pretrain_images.crops(first, scenes, size)
    names = np.array([NAMES.index(name(*pretrain_images.LABELS[i].split(" ", 1))) for i in labels])
    keep = np.isin(names, [NAMES.index(n) for n in UNSEEN]) == held_out
    return pictures[keep], names[keep]


def bank(scenes: int, size: int, workers: int = 15) -> tuple[np.ndarray, np.ndarray]:
    """Pretraining crops of `scenes` scenes, drawn in parallel, always in the same order, held-out pairings left out."""
    parts = parallel.draw(crops, FIRST_SEED, scenes, size, workers=workers)
    return np.concatenate([p for p, _ in parts]), np.concatenate([n for _, n in parts])


def captions(tokenizer, max_length: int = 16, names: tuple[str, ...] = NAMES) -> dict:
    """Every caption of `names` in every template, tokenized once: input_ids and attention_mask shaped
    (names, templates, max_length)."""
    texts = [template.format(n) for n in names for template in TEMPLATES]
    encoded = tokenizer(texts, padding="max_length", max_length=max_length, truncation=True, return_tensors="pt")
    tokenizer.backend_tokenizer.no_padding()  # the call leaves its fixed length in the tokenizer, which is saved
    tokenizer.backend_tokenizer.no_truncation()
    return {key: encoded[key].view(len(names), len(TEMPLATES), -1) for key in ("input_ids", "attention_mask")}


def batches(pictures: np.ndarray, names: np.ndarray, texts: dict, batch_size: int, mean, std, device: str = "cpu"):
    """An endless stream of shuffled batches: pictures scaled as the stand-in's processor scales them, half of
    them mirrored, each with a caption in a random phrasing, and its name's index (`names`, for the loss)."""
    import torch

    generator = torch.Generator().manual_seed(0)
    images = torch.from_numpy(pictures).to(device)
    labels = torch.from_numpy(names).to(device)
    ids, attention = texts["input_ids"].to(device), texts["attention_mask"].to(device)
    while True:
        order = torch.randperm(len(labels), generator=generator).to(device)
        for start in range(0, len(order) - batch_size + 1, batch_size):
            index = order[start:start + batch_size]
            x = pretrain_images.scaled(images[index], mean, std)
            flip = (torch.rand(batch_size, generator=generator) < 0.5).to(device)
            x[flip] = x[flip].flip(-1)
            phrasing = torch.randint(len(TEMPLATES), (batch_size,), generator=generator).to(device)
            yield {"pixel_values": x, "input_ids": ids[labels[index], phrasing],
                   "attention_mask": attention[labels[index], phrasing], "names": labels[index]}


def contrastive_loss(model, batch: dict):
    """CLIP's loss, with every picture of the same thing counted as a match (a batch holds several red cars)."""
    import torch

    out = model(pixel_values=batch["pixel_values"], input_ids=batch["input_ids"],
                attention_mask=batch["attention_mask"])
    same = (batch["names"][:, None] == batch["names"][None, :]).float()
    targets = same / same.sum(1, keepdim=True)
    logits = out.logits_per_image.float()
    return (torch.nn.functional.cross_entropy(logits, targets) + torch.nn.functional.cross_entropy(logits.T, targets)) / 2


def zero_shot_accuracy(folder, template: str = "a picture of a {}", scenes: int = 400, device: str = "cpu") -> float:
    """How often the stand-in in `folder` names held-out pairings right among all the world's names, on crops of
    scenes no pretraining used: the model card's zero-shot claim."""
    import torch
    from transformers import AutoModelForZeroShotImageClassification, AutoProcessor

    processor = AutoProcessor.from_pretrained(folder)
    model = AutoModelForZeroShotImageClassification.from_pretrained(folder, dtype=torch.float32).to(device).eval()
    size = model.config.vision_config.image_size
    pictures, names = crops(FIRST_SEED - scenes, scenes, size, held_out=True)
    inputs = processor(text=[template.format(n) for n in NAMES], images=list(pictures), return_tensors="pt",
                       padding=True)
    with torch.no_grad():
        logits = model(**{k: v.to(device) for k, v in inputs.items()}).logits_per_image
    return float((logits.argmax(-1).cpu().numpy() == names).mean())
