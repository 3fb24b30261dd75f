"""Pretraining pictures for the course's detector stand-in, and the check of what that pretraining brings.

Conditional DETR learned to detect on COCO: 80 kinds of everyday things, people among them. Its course stand-in
learns the same way on the course's world: the things of the outdoor scenes (`world.scene`: trees, houses, cars,
people, ...) and, in clinic scenes (`world.ppe_scene`), the workers boxed as "person" and each piece of protective
equipment boxed under its kind. So, unlike the real checkpoint, the stand-in has seen CPPE-5's five kinds before
(in pictures from seeds that no lesson sample uses), and it is saved with a classifier for those five only. The
real checkpoint gets a new classifier in the lesson; the stand-in's fits as it is, and lesson 12 says so. Why:
a new classifier on a CPU in the lesson's minute learned almost nothing (mAP at most 0.06 after eight epochs,
where the stand-in's own classifier scores 0.18 before any fine-tuning).
"""

from __future__ import annotations

import numpy as np

from . import parallel, pretrain_images, world

#: what the pretraining boxes are labelled with: the kinds of things in the course's outdoor scenes, then the
#: kinds of protective equipment in its clinic scenes
LABELS = (*world.KINDS, *world.PPE)
#: pictures for pretraining start here, far from the seeds of every lesson sample
FIRST_SEED = 1_000_000
#: the size of the lesson sample's pictures, and the square they are padded to (the lesson's IMAGE_SIZE offline)
SIZE, SIDE = (192, 144), 192
#: a thing with fewer visible pixels than this is too small to box
MIN_PIXELS = 12


def pictures(first: int, count: int) -> tuple[np.ndarray, list[np.ndarray]]:
    """`count` pictures (uint8, height × width × 3), three in four in a clinic and the rest outdoors, and for each
    an array of its objects: one row [label, x_min, y_min, x_max, y_max] in pixels per box."""
    images, objects = np.empty((count, SIZE[1], SIZE[0], 3), dtype=np.uint8), []
    person = LABELS.index("person")
    for k in range(count):
        seed = first + k
        if seed % 4:
            drawn = world.ppe_scene(seed, SIZE)
            rows = [[person, x, y, x + w, y + h] for x, y, w, h in drawn.people]
            rows += [[LABELS.index(kind), x, y, x + w, y + h] for kind, (x, y, w, h) in drawn.objects]
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


def equipment_head(model) -> None:
    """Keep only the classifier rows of CPPE-5's five kinds, in the dataset's order, so that the saved stand-in
    names exactly what lesson 12 teaches (its boxes and everything else are unchanged)."""
    import torch

    rows = [LABELS.index(kind) for kind in world.PPE]
    old = model.class_labels_classifier
    head = torch.nn.Linear(old.in_features, len(rows), dtype=old.weight.dtype, device=old.weight.device)
    with torch.no_grad():
        head.weight.copy_(old.weight[rows])
        head.bias.copy_(old.bias[rows])
    model.class_labels_classifier = head
    model.config.id2label = dict(enumerate(world.PPE))
    model.config.label2id = {kind: i for i, kind in enumerate(world.PPE)}


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
    """COCO mAP (IoU 0.50 to 0.95) of the model on pictures made by `sample_tensors`."""
    import torch

    from .detection import mean_average_precision

    truths, predictions = [], []
    model.eval()
    with torch.no_grad():
        for (pixel_values, pixel_mask), target in zip(inputs, labels):
            side = target["size"].tolist()  # boxes are relative to the padded square, truth and predictions alike
            corners = target["boxes"] @ torch.tensor([[1.0, 0, 1, 0], [0, 1, 0, 1], [-0.5, 0, 0.5, 0], [0, -0.5, 0, 0.5]])
            truths.append({"labels": target["class_labels"], "boxes": corners * torch.tensor(side[::-1] * 2)})
            outputs = model(pixel_values=pixel_values.to(device), pixel_mask=pixel_mask.to(device))
            predictions.append(processor.post_process_object_detection(outputs, threshold=0.0, target_sizes=[side])[0])
    return mean_average_precision(truths, predictions, len(world.PPE))["map"]


def ppe_transfer(folder, epochs: int = 10, learning_rate: float = 1e-4, pretrained: bool = True,
                 device: str = "cpu", batch_size: int = 8) -> list[float]:
    """Test mAP after each epoch of fine-tuning the stand-in in `folder` (or the same architecture from random
    weights) on the lesson sample: what pretraining brought."""
    import torch
    from transformers import AutoConfig, AutoImageProcessor, AutoModelForObjectDetection

    processor = AutoImageProcessor.from_pretrained(folder)
    train_inputs, train_labels = sample_tensors(processor, "train")
    test_inputs, test_labels = sample_tensors(processor, "test")
    labels = {"id2label": dict(enumerate(world.PPE)), "label2id": {name: i for i, name in enumerate(world.PPE)}}
    torch.manual_seed(0)
    if pretrained:
        model = AutoModelForObjectDetection.from_pretrained(folder, **labels, dtype=torch.float32)
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
