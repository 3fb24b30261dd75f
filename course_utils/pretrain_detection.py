"""Pretraining pictures for the course's detector stand-in, and the check of what that pretraining brings.

Conditional DETR learned to detect on COCO: 80 kinds of everyday things, people among them, and no protective
equipment. Its course stand-in learns the same way on the course's world: the things of the outdoor scenes
(`world.scene`: trees, houses, cars, people, ...) and, in clinic scenes (`world.ppe_scene`), the workers boxed as
"person" and every piece of protective equipment boxed under one word, "equipment". It learns where such pieces
are, never which kind they are: lesson 12 teaches CPPE-5's five classes with a new classification head, as the
guide does with the COCO model. Pictures come from seeds that no lesson sample uses.
"""

from __future__ import annotations

import numpy as np

from . import parallel, pretrain_images, world

#: what the pretraining boxes are labelled with: the kinds of things in the course's outdoor scenes, and one
#: word for any piece of protective equipment, so that the stand-in learns to box them but not to tell them apart
LABELS = (*world.KINDS, "equipment")
#: pictures for pretraining start here, far from the seeds of every lesson sample
FIRST_SEED = 1_000_000
#: the size of the lesson sample's pictures, and the square they are padded to (the lesson's IMAGE_SIZE offline)
SIZE, SIDE = (192, 144), 192
#: a thing with fewer visible pixels than this is too small to box
MIN_PIXELS = 12


def pictures(first: int, count: int) -> tuple[np.ndarray, list[np.ndarray]]:
    """`count` pictures (uint8, height × width × 3), every other one outdoors and in a clinic, and for each an
    array of its objects: one row [label, x_min, y_min, x_max, y_max] in pixels per box."""
    images, objects = np.empty((count, SIZE[1], SIZE[0], 3), dtype=np.uint8), []
    person = LABELS.index("person")
    for k in range(count):
        seed = first + k
        if seed % 2:
            drawn = world.ppe_scene(seed, SIZE)
            rows = [[person, x, y, x + w, y + h] for x, y, w, h in drawn.people]
            rows += [[len(world.KINDS), x, y, x + w, y + h] for _, (x, y, w, h) in drawn.objects]
        else:
            drawn = world.scene(seed, SIZE)
            rows = [[LABELS.index(t.kind), *t.box] for t in drawn.visible if t.visible_pixels >= MIN_PIXELS]
        images[k] = np.asarray(drawn.image)
        objects.append(np.array(rows, dtype=np.float32).reshape(-1, 5))
    return images, objects


def bank(count: int, workers: int = 15) -> tuple[np.ndarray, list[np.ndarray]]:
    """`count` pretraining pictures and their boxes, drawn in parallel, always in the same order."""
    parts = parallel.draw(pictures, FIRST_SEED, count, workers=workers)
    return np.concatenate([p for p, _ in parts]), [o for _, part in parts for o in part]


def batches(images: np.ndarray, objects: list[np.ndarray], batch_size: int, mean, std, device: str = "cpu"):
    """An endless stream of shuffled batches as the stand-in's image processor makes them: normalised pictures
    padded at the bottom to a SIDE × SIDE square with their `pixel_mask`, and labels with boxes as (centre x,
    centre y, width, height) relative to the square; half the pictures are mirrored, boxes with them. Everything
    waits on `device`, so that a GPU is not kept waiting for small copies."""
    import torch

    generator = torch.Generator().manual_seed(0)
    pixels = torch.from_numpy(images).to(device)  # pictures × height × width × 3
    height, width = images.shape[1:3]
    rows = torch.from_numpy(np.concatenate(objects)).to(device)
    x0, y0, x1, y1 = rows[:, 1:].unbind(-1)
    plain = torch.stack([(x0 + x1) / 2, (y0 + y1) / 2, x1 - x0, y1 - y0], -1) / SIDE
    mirrored = plain * torch.tensor([-1.0, 1, 1, 1], device=device) + torch.tensor([width / SIDE, 0, 0, 0], device=device)
    classes = rows[:, 0].long()
    ends = np.cumsum([len(o) for o in objects]).tolist()
    starts = [0, *ends[:-1]]
    mask = torch.zeros(batch_size, SIDE, SIDE, dtype=torch.long, device=device)
    mask[:, :height, :width] = 1
    while True:
        order = torch.randperm(len(objects), generator=generator)
        for start in range(0, len(order) - batch_size + 1, batch_size):
            index = order[start:start + batch_size]
            flip = torch.rand(batch_size, generator=generator) < 0.5
            x = pretrain_images.scaled(pixels[index.to(device)], mean, std)
            x[flip.to(device)] = x[flip.to(device)].flip(-1)
            square = torch.zeros(batch_size, 3, SIDE, SIDE, device=device)
            square[:, :, :height, :width] = x
            labels = [{"class_labels": classes[starts[i]:ends[i]], "boxes": (mirrored if f else plain)[starts[i]:ends[i]]}
                      for i, f in zip(index.tolist(), flip.tolist())]
            yield {"pixel_values": square, "pixel_mask": mask, "labels": labels}


#: steps that teach the backbone to name things before it learns to box them (a GPU does them in under a minute)
BACKBONE_STEPS = 3000


def backbone_classifier(config, batch_size: int, steps: int, scenes: int, device: str):
    """A ResNet of the detector's backbone shape, taught to name close crops of the world's things
    (`pretrain_images`), as DETR's ResNet-50 was taught ImageNet's classes before it learned to detect."""
    import math

    import torch
    from transformers import ResNetConfig, ResNetForImageClassification

    settings = {k: v for k, v in config.backbone_config.to_dict().items()
                if k not in ("out_features", "out_indices", "stage_names")}
    torch.manual_seed(0)
    model = ResNetForImageClassification(ResNetConfig(**settings, num_labels=len(pretrain_images.LABELS))).to(device)
    pictures, labels = pretrain_images.bank(scenes, 64)
    mean = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)  # ImageNet's, as the detector's processor uses
    std = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)
    batches = pretrain_images.batches(pictures, labels, min(batch_size, len(labels)), mean, std)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.01)
    for step in range(steps):
        for group in optimizer.param_groups:
            group["lr"] = 1e-3 * 0.5 * (1 + math.cos(math.pi * step / steps))
        batch = {k: v.to(device) for k, v in next(batches).items()}
        with torch.autocast(device, dtype=torch.bfloat16, enabled=device == "cuda"):
            loss = model(**batch).loss
        loss.backward()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        if (step + 1) % 500 == 0:
            print(f"backbone step {step + 1:,}: loss {loss.item():.3f}", flush=True)
    return model.resnet


def trainable_batch_norms(model) -> None:
    """Swap the frozen batch norms that DETR models put in their backbone for ordinary ones, and let every
    backbone weight learn: a backbone trained from nothing needs both (a pretrained one does not)."""
    import torch

    for name, module in list(model.named_modules()):
        if type(module).__name__.endswith("FrozenBatchNorm2d"):
            norm = torch.nn.BatchNorm2d(module.weight.shape[0])
            parent, _, child = name.rpartition(".")
            setattr(model.get_submodule(parent), child, norm)
    for parameter in model.parameters():
        parameter.requires_grad_(True)


def frozen_batch_norms(model) -> None:
    """Put frozen batch norms back, holding what the ordinary ones learned, so that the saved weights load into
    the plain architecture."""
    import torch

    for name, module in list(model.named_modules()):
        if isinstance(module, torch.nn.BatchNorm2d):
            frozen = _frozen_class(model)(module.num_features)
            for key in ("weight", "bias", "running_mean", "running_var"):
                getattr(frozen, key).copy_(getattr(module, key).detach())
            parent, _, child = name.rpartition(".")
            setattr(model.get_submodule(parent), child, frozen)


def _frozen_class(model):
    import importlib

    return getattr(importlib.import_module(type(model).__module__), "ConditionalDetrFrozenBatchNorm2d")


def sample_tensors(processor, split: str) -> tuple[list, list]:
    """The lesson sample's pictures of one split as the stand-in's processor makes them: one (pixel_values,
    pixel_mask) pair and one labels dict per picture."""
    from datasets import load_dataset

    from . import data

    rows = load_dataset(str(data.sample_path("rishitdagli/cppe-5")), split=split)
    inputs, labels = [], []
    for row in rows:
        annotations = {"image_id": row["image_id"], "annotations": [
            {"category_id": c, "bbox": b, "area": a, "iscrowd": 0}
            for c, b, a in zip(row["objects"]["category"], row["objects"]["bbox"], row["objects"]["area"])]}
        encoded = processor(images=row["image"].convert("RGB"), annotations=annotations, return_tensors="pt")
        inputs.append((encoded["pixel_values"], encoded["pixel_mask"]))
        labels.append(encoded["labels"][0])
    return inputs, labels


def mean_average_precision(model, processor, inputs: list, labels: list, device: str) -> float:
    """COCO mAP (IoU 0.50 to 0.95) of the model on pictures made by `sample_tensors`, by pycocotools."""
    import contextlib
    import io

    import torch
    from pycocotools.coco import COCO
    from pycocotools.cocoeval import COCOeval

    truth = {"images": [], "annotations": [], "categories": [{"id": i} for i in range(len(world.PPE))]}
    found = []
    model.eval()
    with torch.no_grad():
        for image_id, ((pixel_values, pixel_mask), target) in enumerate(zip(inputs, labels)):
            side = target["size"].tolist()  # boxes are relative to the padded square, truth and predictions alike
            truth["images"].append({"id": image_id})
            for label, (cx, cy, w, h) in zip(target["class_labels"].tolist(), target["boxes"].tolist()):
                box = [(cx - w / 2) * side[1], (cy - h / 2) * side[0], w * side[1], h * side[0]]
                truth["annotations"].append({"id": len(truth["annotations"]) + 1, "image_id": image_id, "iscrowd": 0,
                                             "category_id": label, "bbox": box, "area": box[2] * box[3]})
            outputs = model(pixel_values=pixel_values.to(device), pixel_mask=pixel_mask.to(device))
            result = processor.post_process_object_detection(outputs, threshold=0.0, target_sizes=[side])[0]
            for score, label, (x0, y0, x1, y1) in zip(*(result[k].tolist() for k in ("scores", "labels", "boxes"))):
                found.append({"image_id": image_id, "category_id": label, "score": score,
                              "bbox": [x0, y0, x1 - x0, y1 - y0]})
    with contextlib.redirect_stdout(io.StringIO()):  # pycocotools prints its progress
        reference = COCO()
        reference.dataset = truth
        reference.createIndex()
        evaluation = COCOeval(reference, reference.loadRes(found), "bbox")
        evaluation.evaluate()
        evaluation.accumulate()
        evaluation.summarize()
    return float(evaluation.stats[0])


def ppe_transfer(folder, epochs: int = 10, learning_rate: float = 1e-4, pretrained: bool = True,
                 device: str = "cpu", batch_size: int = 8) -> list[float]:
    """Test mAP after each epoch of fine-tuning the stand-in in `folder` (or the same architecture from random
    weights) with a new head for CPPE-5's five classes on the lesson sample: what pretraining brought."""
    import torch
    from transformers import AutoConfig, AutoImageProcessor, AutoModelForObjectDetection

    processor = AutoImageProcessor.from_pretrained(folder)
    train_inputs, train_labels = sample_tensors(processor, "train")
    test_inputs, test_labels = sample_tensors(processor, "test")
    labels = {"id2label": dict(enumerate(world.PPE)), "label2id": {name: i for i, name in enumerate(world.PPE)}}
    torch.manual_seed(0)
    if pretrained:
        model = AutoModelForObjectDetection.from_pretrained(folder, **labels, ignore_mismatched_sizes=True,
                                                            dtype=torch.float32)
    else:
        model = AutoModelForObjectDetection.from_config(AutoConfig.from_pretrained(folder, **labels),
                                                        dtype=torch.float32)  # the file's dtype is fp16
        trainable_batch_norms(model)
    model.to(device)
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=learning_rate,
                                  weight_decay=1e-4)
    scores = []
    for _ in range(epochs):
        model.train()
        for index in torch.randperm(len(train_labels)).split(batch_size):
            pixel_values = torch.cat([train_inputs[i][0] for i in index]).to(device)
            pixel_mask = torch.cat([train_inputs[i][1] for i in index]).to(device)
            targets = [{k: v.to(device) for k, v in train_labels[i].items()} for i in index]
            model(pixel_values=pixel_values, pixel_mask=pixel_mask, labels=targets).loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 0.1)
            optimizer.step()
            optimizer.zero_grad()
        scores.append(mean_average_precision(model, processor, test_inputs, test_labels, device))
    return scores
