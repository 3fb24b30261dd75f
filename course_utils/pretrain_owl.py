"""Pretraining for the course's OWLv2 stand-in (lesson 13's offline model), and the check of what it brings.

OWLv2 is CLIP made into a detector: every patch of the picture gets a box (`box_head`), an "is this a thing"
score (`objectness_head`) and an embedding that is compared with the embeddings of text queries (`class_head`),
so that any words can be looked for. Google trained it from CLIP on boxes named by free text. Its course stand-in
starts from the course's CLIP (`pretrain_clip`) and learns the boxes on the course's outdoor scenes, named by
colour and kind ("red car", "person in blue"). The pairings that the CLIP never saw (`pretrain_clip.UNSEEN`) are
never named here either: scenes that show one are left out, so that looking for "green car" is zero-shot.
Transformers has no training loss for OWLv2; DETR's (Hungarian matching, focal class loss, L1 and generalised IoU
box losses) fits, since OWLv2 answers one box per patch as DETR answers one per query.
"""

from __future__ import annotations

import numpy as np

from . import parallel, pretrain_clip, world

#: pictures for pretraining come from scenes starting here, far from the seeds of every lesson and stand-in
FIRST_SEED = 4_000_000
#: the side of the square the stand-in sees (the real OWLv2 sees 960 pixels)
SIDE = 128
#: the names that pretraining teaches: every colour and kind except the held-out pairings
SEEN = tuple(n for n in pretrain_clip.NAMES if n not in pretrain_clip.UNSEEN)
#: a thing with fewer visible pixels than this (in the drawn 256 × 192 scene) is not boxed
MIN_PIXELS = 40


def square(image, side: int = SIDE) -> np.ndarray:
    """A picture as OWLv2's image processor shapes it before normalising: padded at the bottom and right to a square
    with black (Transformers pads with 0.0, as Google's OWLv2 does), then resized to `side` × `side`."""
    from PIL import Image

    width, height = image.size
    canvas = Image.new("RGB", (max(width, height),) * 2, (0, 0, 0))
    canvas.paste(image, (0, 0))
    return np.asarray(canvas.resize((side, side), Image.BICUBIC))


def named_scenes(first: int, count: int, held_out: bool = False) -> list[tuple]:
    """Drawn scenes of `count` seeds, each as (picture, boxes, labels): its things' boxes (x_min, y_min, x_max, y_max
    in pixels) and their index in NAMES. Without `held_out`, only scenes that show no held-out pairing; with it,
    only scenes that show one."""
    unseen = {pretrain_clip.NAMES.index(n) for n in pretrain_clip.UNSEEN}
    found = []
    for seed in range(first, first + count):
        drawn = world.scene(seed)
        things = [t for t in drawn.visible if t.visible_pixels >= MIN_PIXELS]
        labels = [pretrain_clip.NAMES.index(pretrain_clip.name(t.colour, t.kind)) for t in things]
        if labels and bool(set(labels) & unseen) == held_out:
            found.append((drawn.image, [list(t.box) for t in things], labels))
    return found


def pictures(first: int, count: int, held_out: bool = False) -> tuple[np.ndarray, list[np.ndarray]]:
    """The scenes of `named_scenes` made square, and for each an array of rows [name index in NAMES, centre x,
    centre y, width, height] relative to the square."""
    images, objects = [], []
    for image, boxes, labels in named_scenes(first, count, held_out):
        side = float(max(image.size))
        objects.append(np.array([[label, (x0 + x1) / 2 / side, (y0 + y1) / 2 / side, (x1 - x0) / side, (y1 - y0) / side]
                                 for label, (x0, y0, x1, y1) in zip(labels, boxes)], dtype=np.float32))
        images.append(square(image))
    return np.stack(images) if images else np.empty((0, SIDE, SIDE, 3), np.uint8), objects


def bank(count: int, workers: int = 15) -> tuple[np.ndarray, list[np.ndarray]]:
    """Pretraining scenes of `count` seeds (those without a held-out pairing), drawn in parallel, in order."""
    parts = parallel.draw(pictures, FIRST_SEED, count, workers=workers)
    return np.concatenate([p for p, _ in parts]), [o for _, part in parts for o in part]


def model_from_clip(clip_folder, vision_settings: dict):
    """An OWLv2 whose text and vision towers are the course CLIP's (position embeddings stretched from the CLIP's
    grid to the new image size / patch), with new box, objectness and class heads; and the CLIP's tokenizer.
    `vision_settings` change the vision tower's config (its image size)."""
    import torch
    from transformers import AutoTokenizer, CLIPModel, Owlv2Config, Owlv2ForObjectDetection

    clip = CLIPModel.from_pretrained(clip_folder, dtype=torch.float32)
    vision = clip.config.vision_config.to_dict() | vision_settings
    config = Owlv2Config(text_config=clip.config.text_config.to_dict(), vision_config=vision,
                         projection_dim=clip.config.projection_dim)
    torch.manual_seed(0)
    model = Owlv2ForObjectDetection(config)
    for head in (model.class_head, model.box_head, model.objectness_head):  # small, so that the first logits are too
        for layer in head.modules():
            if isinstance(layer, torch.nn.Linear):
                torch.nn.init.normal_(layer.weight, std=0.02)
                torch.nn.init.zeros_(layer.bias)
    weights = {k.replace("pre_layrnorm", "pre_layernorm"): v for k, v in clip.state_dict().items()
               if not k.endswith("position_ids")}
    key = "vision_model.embeddings.position_embedding.weight"
    before = int((weights[key].shape[0] - 1) ** 0.5)
    after = config.vision_config.image_size // config.vision_config.patch_size
    grid = weights[key][1:].reshape(1, before, before, -1).permute(0, 3, 1, 2)
    grid = torch.nn.functional.interpolate(grid, size=(after, after), mode="bicubic", align_corners=False)
    weights[key] = torch.cat([weights[key][:1], grid.permute(0, 2, 3, 1).reshape(after * after, -1)])
    missing, unexpected = model.owlv2.load_state_dict(weights, strict=False)
    if unexpected or [k for k in missing if "position_ids" not in k]:
        raise RuntimeError(f"the course CLIP does not fit the OWLv2 towers: missing {missing}, unexpected {unexpected}")
    with torch.no_grad():  # patches start out projected as the CLIP projects a whole picture into the text space
        model.class_head.dense0.weight.copy_(model.owlv2.visual_projection.weight)
    # the text tower stays the CLIP's, so that a name never named here ("green car") keeps the meaning that the
    # CLIP learned for it from its colour and kind; trained, it drifted towards the forty names of pretraining
    model.owlv2.text_model.requires_grad_(False)
    model.owlv2.text_projection.requires_grad_(False)
    tokenizer = _owl_token_ids(AutoTokenizer.from_pretrained(clip_folder), model)
    tokenizer.model_max_length = 16  # OWLv2's processor pads every query to this length, as the real tokenizer's
    return model, tokenizer


def _owl_token_ids(tokenizer, model):
    """Give the start and end tokens the two highest ids, in the tokenizer and in the text embeddings alike. OWLv2
    takes a query whose first id is 0 for padding (the course CLIP's start token is 0), and pools each query at its
    highest id (the course CLIP's end token is 1), as the original CLIP did with its own vocabulary."""
    import json
    import tempfile

    import torch
    from transformers import AutoTokenizer

    start, end = tokenizer.bos_token_id, tokenizer.eos_token_id
    last = len(tokenizer) - 1
    moves = {start: last - 1, end: last, last - 1: start, last: end}  # old id -> new id (two swaps)
    with tempfile.TemporaryDirectory() as folder:
        tokenizer.save_pretrained(folder)
        path = f"{folder}/tokenizer.json"
        data = json.loads(open(path, encoding="utf-8").read())
        vocab = data["model"]["vocab"]
        data["model"]["vocab"] = {token: moves.get(i, i) for token, i in vocab.items()}
        for token in data["added_tokens"]:
            token["id"] = moves.get(token["id"], token["id"])
        for key in ("cls", "sep"):
            data["post_processor"][key][1] = moves.get(data["post_processor"][key][1], data["post_processor"][key][1])
        open(path, "w", encoding="utf-8").write(json.dumps(data, ensure_ascii=False))
        moved = AutoTokenizer.from_pretrained(folder)
    embeddings = model.owlv2.text_model.embeddings.token_embedding.weight
    old, new = list(moves), list(moves.values())
    with torch.no_grad():
        embeddings[new] = embeddings[old].clone()
    text = model.config.text_config
    text.bos_token_id, text.eos_token_id, text.pad_token_id = moved.bos_token_id, moved.eos_token_id, moved.pad_token_id
    return moved


def predict(model, pixel_values, query_embeds):
    """Class logits (pictures × patches × queries), boxes (centre, size, relative) and objectness logits, from the
    pictures and the queries' text embeddings computed once for the whole batch."""
    feature_map = model.image_embedder(pixel_values=pixel_values)[0]
    batch, height, width, depth = feature_map.shape
    features = feature_map.reshape(batch, height * width, depth)
    logits, _ = model.class_predictor(features, query_embeds.expand(batch, -1, -1))
    return logits, model.box_predictor(features, feature_map), model.objectness_predictor(features)


def detection_loss(logits, boxes, objectness, labels):
    """DETR's matching loss on the named classes, plus the same loss on objectness with every thing as one class."""
    from transformers import ConditionalDetrConfig
    from transformers.loss.loss_utils import LOSS_MAPPING

    loss = LOSS_MAPPING["ConditionalDetrForObjectDetection"]
    named = loss(logits, labels, logits.device, boxes, ConditionalDetrConfig(num_labels=logits.shape[-1]))[0]
    things = [{"class_labels": label["class_labels"] * 0, "boxes": label["boxes"]} for label in labels]
    anything = loss(objectness[..., None], things, logits.device, boxes, ConditionalDetrConfig(num_labels=1))[0]
    return named + anything


def batches(images: np.ndarray, objects: list[np.ndarray], queries: dict, batch_size: int, mean, std,
            device: str = "cpu"):
    """An endless stream of shuffled batches: normalised square pictures (half mirrored, boxes with them), their
    labels (class = index in SEEN), and the SEEN names as text queries in one of the caption templates."""
    import torch

    from .pretrain_images import scaled

    generator = torch.Generator().manual_seed(0)
    pixels = torch.from_numpy(images).to(device)
    seen = {pretrain_clip.NAMES.index(n): i for i, n in enumerate(SEEN)}
    targets = [{"class_labels": torch.tensor([seen[int(c)] for c in rows[:, 0]], device=device),
                "boxes": torch.from_numpy(rows[:, 1:]).to(device)} for rows in objects]
    mirror = torch.tensor([-1.0, 1, 1, 1], device=device), torch.tensor([1.0, 0, 0, 0], device=device)
    while True:
        order = torch.randperm(len(targets), generator=generator)
        for start in range(0, len(order) - batch_size + 1, batch_size):
            index = order[start:start + batch_size]
            flip = (torch.rand(batch_size, generator=generator) < 0.5).tolist()
            x = scaled(pixels[index.to(device)], mean, std)
            x[torch.tensor(flip, device=device)] = x[torch.tensor(flip, device=device)].flip(-1)
            labels = [{"class_labels": targets[i]["class_labels"],
                       "boxes": targets[i]["boxes"] * mirror[0] + mirror[1] if f else targets[i]["boxes"]}
                      for i, f in zip(index.tolist(), flip)]
            template = int(torch.randint(queries["input_ids"].shape[1], (1,), generator=generator))
            yield {"pixel_values": x, "labels": labels, "query_ids": queries["input_ids"][:, template].to(device),
                   "query_mask": queries["attention_mask"][:, template].to(device)}


def batch_loss(model, batch) -> "torch.Tensor":  # noqa: F821
    """The pretraining loss of one batch from `batches`."""
    text = model.owlv2.get_text_features(input_ids=batch["query_ids"], attention_mask=batch["query_mask"])
    logits, boxes, objectness = predict(model, batch["pixel_values"], text.pooler_output[None])
    return detection_loss(logits, boxes, objectness, batch["labels"])


#: scenes for checking the stand-in come from seeds starting here (pretraining draws from FIRST_SEED on)
CHECK_SEED = FIRST_SEED + 500_000


def zero_shot_scores(folder, scenes: int = 200, template: str = "a picture of a {}") -> dict:
    """How the stand-in in `folder` finds things by name in scenes it never saw that show a held-out pairing:
    COCO mAP over the held-out names and over the others, with all 50 names as queries, and the share of held-out
    things whose own name's best box overlaps them at IoU 0.5 or more."""
    import torch
    from transformers import AutoModelForZeroShotObjectDetection, AutoProcessor

    from .detection import iou, mean_average_precision

    processor = AutoProcessor.from_pretrained(folder)
    model = AutoModelForZeroShotObjectDetection.from_pretrained(folder, dtype=torch.float32).eval()
    queries = [template.format(n) for n in pretrain_clip.NAMES]
    unseen = [pretrain_clip.NAMES.index(n) for n in pretrain_clip.UNSEEN]
    truths, predictions, found, total = [], [], 0, 0
    for image, boxes, labels in named_scenes(CHECK_SEED, scenes, held_out=True):
        inputs = processor(text=[queries], images=image, return_tensors="pt")
        with torch.no_grad():
            outputs = model(**inputs)
        side = max(image.size)  # boxes are shares of the padded square
        result = processor.post_process_grounded_object_detection(outputs, threshold=0.0, target_sizes=[(side, side)])[0]
        truths.append({"boxes": torch.tensor(boxes, dtype=torch.float32), "labels": torch.tensor(labels)})
        predictions.append({"boxes": result["boxes"], "labels": result["labels"], "scores": result["scores"]})
        for box, label in zip(boxes, labels):
            if label in unseen:
                mine = result["labels"] == label
                total += 1
                if mine.any():
                    best = result["boxes"][mine][result["scores"][mine].argmax()].tolist()
                    found += iou(best, box) >= 0.5
    per_name = mean_average_precision(truths, predictions, len(pretrain_clip.NAMES))["map_per_class"]
    held = [per_name[i] for i in unseen if per_name[i] >= 0]
    others = [v for i, v in enumerate(per_name) if i not in unseen and v >= 0]
    return {"map_unseen": float(np.mean(held)), "map_seen": float(np.mean(others)), "found_unseen": found / max(total, 1),
            "scenes": len(truths)}

