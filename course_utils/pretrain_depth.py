"""Pictures and true depth for the course's Depth Anything stand-in, and the check of what that pretraining brings.

Depth Anything V2 learned relative depth: which pixels are nearer than which, not how many metres away they are.
It was taught on synthetic pictures with exact depth and then on real photos. Its course stand-in learns the same
kind of answer from the course's world (`world.scene`), whose depth is known for every pixel. Like the real model,
it predicts a relative inverse depth: larger is nearer, from 0 at the farthest pixel to 1 at the nearest.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from . import parallel, pretrain_images, world

#: scenes for pretraining start here, far from the seeds of every lesson sample
FIRST_SEED = 3_000_000
#: the size the world draws at, and the size the stand-in's processor turns it into (a multiple of the patch size)
DRAWN, INPUT = (256, 192), (182, 140)


def inverse_depth(depth: np.ndarray) -> np.ndarray:
    """Relative inverse depth as depth models predict it: larger is nearer (1 at one metre)."""
    return 1.0 / depth


def pictures(first: int, count: int) -> tuple[np.ndarray, np.ndarray]:
    """`count` scenes at the stand-in's input size (uint8) and their true inverse depth (float16)."""
    images = np.empty((count, INPUT[1], INPUT[0], 3), dtype=np.uint8)
    targets = np.empty((count, INPUT[1], INPUT[0]), dtype=np.float16)
    for k in range(count):
        scene = world.scene(first + k, DRAWN)
        images[k] = np.asarray(scene.image.resize(INPUT, Image.BICUBIC))
        depth = Image.fromarray(scene.depth.astype(np.float32)).resize(INPUT, Image.NEAREST)
        targets[k] = inverse_depth(np.asarray(depth))
    return images, targets


def bank(count: int, workers: int = 15) -> tuple[np.ndarray, np.ndarray]:
    """`count` pretraining scenes and their inverse depth, drawn in parallel, always in the same order."""
    parts = parallel.draw(pictures, FIRST_SEED, count, workers=workers)
    return np.concatenate([p for p, _ in parts]), np.concatenate([t for _, t in parts])


def batches(images: np.ndarray, targets: np.ndarray, batch_size: int, mean, std, device: str = "cpu"):
    """An endless stream of shuffled batches scaled as the stand-in's processor scales them, half of them mirrored
    (depth with them)."""
    import torch

    generator = torch.Generator().manual_seed(0)
    pixels, truth = torch.from_numpy(images).to(device), torch.from_numpy(targets).to(device)
    while True:
        order = torch.randperm(len(truth), generator=generator).to(device)
        for start in range(0, len(order) - batch_size + 1, batch_size):
            index = order[start:start + batch_size]
            x = pretrain_images.scaled(pixels[index], mean, std)
            y = truth[index].float()
            flip = (torch.rand(batch_size, generator=generator) < 0.5).to(device)
            x[flip], y[flip] = x[flip].flip(-1), y[flip].flip(-1)
            yield {"pixel_values": x, "inverse_depth": y}


def relative_loss(model, batch: dict):
    """How far the predicted map is from the true inverse depth stretched to run from 0 (the farthest pixel) to 1
    (the nearest) in each picture: a relative answer, whatever the scene's scale."""
    predicted = model(pixel_values=batch["pixel_values"]).predicted_depth.float()
    truth = batch["inverse_depth"].flatten(1)
    low, high = truth.min(dim=1, keepdim=True).values, truth.max(dim=1, keepdim=True).values
    return (predicted.flatten(1) - (truth - low) / (high - low)).abs().mean()


def depth_agreement(folder, scenes: int = 40, device: str = "cpu") -> float:
    """Mean Spearman correlation between the stand-in's prediction and the true inverse depth, pixel by pixel, on
    scenes no pretraining used: the model card's claim."""
    import torch
    from scipy.stats import spearmanr
    from transformers import AutoImageProcessor, AutoModelForDepthEstimation

    processor = AutoImageProcessor.from_pretrained(folder)
    model = AutoModelForDepthEstimation.from_pretrained(folder, dtype=torch.float32).to(device).eval()
    scores = []
    for seed in range(FIRST_SEED - scenes, FIRST_SEED):
        scene = world.scene(seed, DRAWN)
        with torch.no_grad():
            outputs = model(**processor(images=scene.image, return_tensors="pt").to(device))
        height, width = scene.depth.shape
        predicted = processor.post_process_depth_estimation(outputs, target_sizes=[(height, width)])[0]
        scores.append(spearmanr(predicted["predicted_depth"].cpu().numpy().ravel(),
                                inverse_depth(scene.depth).ravel()).statistic)
    return float(np.mean(scores))
