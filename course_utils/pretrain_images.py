"""Pretraining pictures for the course's image stand-in: close crops of the things in the course's world.

ViT-in21k learned from 14 million photos labelled with 21,843 classes. Its course stand-in learns from crops of
the world's scenes (`world.scene`) labelled with what they show, colour and kind ("red car", "person in
blue"): 88 classes, drawn fresh from seeds that no lesson sample uses. It never sees a dish, so when lesson 09
fine-tunes it on the Food-101 sample, what it brings is what transfer means: edges, colours and shapes.
"""

from __future__ import annotations

import numpy as np

from . import parallel, world

#: what a crop is labelled with
LABELS = tuple(f"{colour} {kind}" for kind in world.KINDS for colour in world.COLOURS)
#: scenes for pretraining start here, far from the seeds of every lesson sample
FIRST_SEED = 1_000_000
#: a thing smaller than this many visible pixels is too small to name
MIN_PIXELS = 150


def crops(first: int, scenes: int, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Square crops (size × size, uint8) around each clearly visible thing of `scenes` scenes, and their labels."""
    pictures, labels = [], []
    for seed in range(first, first + scenes):
        scene = world.scene(seed)
        rng = np.random.default_rng(seed)
        for thing in scene.visible:
            if thing.visible_pixels < MIN_PIXELS:
                continue
            x0, y0, x1, y1 = thing.box
            half = max(x1 - x0, y1 - y0) * rng.uniform(0.55, 0.8) + 2
            cx, cy = (x0 + x1) / 2 + rng.uniform(-0.1, 0.1) * half, (y0 + y1) / 2 + rng.uniform(-0.1, 0.1) * half
            box = (int(cx - half), int(cy - half), int(cx + half), int(cy + half))
            pictures.append(np.asarray(scene.image.crop(box).resize((size, size))))
            labels.append(LABELS.index(f"{thing.colour} {thing.kind}"))
    return np.stack(pictures), np.array(labels)


def bank(scenes: int, size: int, workers: int = 8) -> tuple[np.ndarray, np.ndarray]:
    """Crops of `scenes` scenes, drawn in parallel, always in the same order."""
    parts = parallel.draw(crops, FIRST_SEED, scenes, size, workers=workers)
    return np.concatenate([p for p, _ in parts]), np.concatenate([l for _, l in parts])


def scaled(pictures, mean, std):
    """uint8 pictures (a tensor, count × height × width × 3) as normalised floats (count × 3 × height × width), as
    an image processor with this `mean` and `std` per colour gives them."""
    import torch

    mean = torch.as_tensor(mean, dtype=torch.float32, device=pictures.device).view(1, 3, 1, 1)
    std = torch.as_tensor(std, dtype=torch.float32, device=pictures.device).view(1, 3, 1, 1)
    return (pictures.permute(0, 3, 1, 2).float() / 255 - mean) / std


def batches(pictures: np.ndarray, labels: np.ndarray, batch_size: int, mean: float = 0.5, std: float = 0.5):
    """An endless stream of shuffled batches, half of them mirrored, scaled as the stand-in's processor scales."""
    import torch

    generator = torch.Generator().manual_seed(0)
    images = torch.from_numpy(pictures).permute(0, 3, 1, 2)
    targets = torch.from_numpy(labels)
    while True:
        order = torch.randperm(len(targets), generator=generator)
        for start in range(0, len(order) - batch_size + 1, batch_size):
            index = order[start:start + batch_size]
            x = images[index].float() / 255
            flip = torch.rand(len(index), generator=generator) < 0.5
            x[flip] = x[flip].flip(-1)
            yield {"pixel_values": (x - mean) / std, "labels": targets[index]}


def food_transfer(folder, epochs: int = 6, learning_rate: float = 5e-4, pretrained: bool = True,
                  device: str = "cpu") -> list[float]:
    """Validation accuracy after each epoch of fine-tuning the stand-in in `folder` (or the same architecture
    from random weights) on the course's Food-101 sample: the held-out test of what pretraining brought."""
    import torch
    from datasets import load_dataset
    from transformers import AutoImageProcessor, AutoModelForImageClassification

    from . import data

    sample = load_dataset(str(data.sample_path("ethz/food101")))
    foods = sorted(set(sample["train"]["label"]))
    processor = AutoImageProcessor.from_pretrained(folder)

    def tensors(split):
        pixels = processor([image.convert("RGB") for image in sample[split]["image"]], return_tensors="pt")
        return pixels["pixel_values"].to(device), torch.tensor([foods.index(y) for y in sample[split]["label"]]).to(device)

    return transfer(AutoModelForImageClassification, folder, tensors("train"), tensors("validation"), len(foods),
                    epochs, learning_rate, pretrained, device)


def transfer(auto_class, folder, train: tuple, held_out: tuple, num_labels: int, epochs: int, learning_rate: float,
             pretrained: bool, device: str, batch_size: int = 32, mirror: bool = False) -> list[float]:
    """Held-out accuracy after each epoch of fine-tuning the weights in `folder` with a new head of `num_labels`
    (or the same architecture from random weights) on `train`; `train` and `held_out` are (inputs, labels), and
    `mirror` flips half of each batch left to right."""
    import torch
    from transformers import AutoConfig

    (x, y), (x_held_out, y_held_out) = train, held_out
    torch.manual_seed(0)
    if pretrained:
        model = auto_class.from_pretrained(folder, num_labels=num_labels, dtype=torch.float32)
    else:  # the file's dtype is fp16
        model = auto_class.from_config(AutoConfig.from_pretrained(folder, num_labels=num_labels), dtype=torch.float32)
    model.to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate, weight_decay=0.05)
    accuracies = []
    for _ in range(epochs):
        model.train()
        for index in torch.randperm(len(y)).split(batch_size):
            batch = x[index]
            if mirror:
                flip = torch.rand(len(index)) < 0.5
                batch[flip] = batch[flip].flip(-1)
            model(pixel_values=batch, labels=y[index]).loss.backward()
            optimizer.step()
            optimizer.zero_grad()
        model.eval()
        with torch.no_grad():
            accuracies.append((model(pixel_values=x_held_out).logits.argmax(-1) == y_held_out).float().mean().item())
    return accuracies
