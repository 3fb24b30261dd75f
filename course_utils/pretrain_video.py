"""Pretraining clips for the course's video stand-in, and the check of what that pretraining brings.

VideoMAE-Base learned from Kinetics-400 without its labels: it hid 90 % of each clip's tubes (a patch followed
through two frames) and learned to redraw them. Its course stand-in does the same on clips of the course's world
(`world.clip`) drawn from seeds that no lesson sample uses: it sees the ten actions, as Kinetics holds archery,
bench pressing and dribbling, but never a label. Lesson 11 then teaches it the labels from 160 clips.
"""

from __future__ import annotations

import numpy as np

from . import parallel, samples, world

#: clips for pretraining start here, far from the seeds of the lesson's sample
FIRST_SEED = 1_000_000
#: what the lesson's offline run reads: clips like the sample's, and 8 frames of them, one every 4
CLIP_SIZE, CLIP_FRAMES, SAMPLE_RATE = samples.UCF101_SIZE, samples.UCF101_FRAMES, 4
#: share of the tubes hidden from the encoder, as in VideoMAE
MASK_RATIO = 0.9


def views(first: int, count: int, size: int, frames: int = CLIP_FRAMES // SAMPLE_RATE) -> np.ndarray:
    """`count` clips (count × frames × size × size × 3, uint8): every action in turn, each clip's frames sampled as
    the lesson samples them and cropped to a random square, as the lesson's augmentation crops."""
    out = np.empty((count, frames, size, size, 3), dtype=np.uint8)
    rng = np.random.default_rng(first)
    width, height = CLIP_SIZE
    for k in range(count):
        pictures = world.clip(first + k, world.ACTIONS[(first + k) % len(world.ACTIONS)], CLIP_SIZE, CLIP_FRAMES,
                              noise=samples.UCF101_NOISE)[::SAMPLE_RATE][:frames]
        side = int(height * rng.uniform(0.7, 1.0))
        left, top = int(rng.integers(0, width - side + 1)), int(rng.integers(0, height - side + 1))
        for f, picture in enumerate(pictures):
            out[k, f] = np.asarray(picture.crop((left, top, left + side, top + side)).resize((size, size)))
    return out


def bank(clips: int, size: int, workers: int = 15) -> np.ndarray:
    """`clips` pretraining clips drawn in parallel, always in the same order."""
    return np.concatenate(parallel.draw(views, FIRST_SEED, clips, size, workers=workers))


def tube_masks(count: int, spatial: int, temporal: int, generator) -> "torch.Tensor":
    """For each clip, the same random 90 % of the spatial patches hidden in every time step (tube masking)."""
    import torch

    hidden = int(spatial * MASK_RATIO)
    order = torch.rand(count, spatial, generator=generator).argsort(dim=1)
    masks = torch.zeros(count, spatial, dtype=torch.bool)
    masks.scatter_(1, order[:, :hidden], True)
    return masks.repeat(1, temporal)


def batches(clips: np.ndarray, batch_size: int, patch_size: int, tubelet_size: int, mean: float = 0.5,
            std: float = 0.5, device: str = "cpu"):
    """An endless stream of shuffled batches with their tube masks, half of them mirrored, scaled as the stand-in's
    processor scales; the clips wait on `device`, so a GPU is not kept waiting for them."""
    import torch

    generator = torch.Generator().manual_seed(0)
    videos = torch.from_numpy(clips).to(device)  # clips × frames × height × width × 3
    frames, size = clips.shape[1], clips.shape[2]
    spatial, temporal = (size // patch_size) ** 2, frames // tubelet_size
    while True:
        order = torch.randperm(len(videos), generator=generator)
        for start in range(0, len(order) - batch_size + 1, batch_size):
            x = videos[order[start:start + batch_size].to(device)].permute(0, 1, 4, 2, 3).float() / 255
            flip = (torch.rand(batch_size, generator=generator) < 0.5).to(device)
            x[flip] = x[flip].flip(-1)
            yield {"pixel_values": (x - mean) / std,
                   "bool_masked_pos": tube_masks(batch_size, spatial, temporal, generator).to(device)}


def sample_clips(split: str, size: int) -> tuple[np.ndarray, np.ndarray]:
    """The lesson sample's clips of one split as the lesson's evaluation reads them (8 frames, the centre square),
    drawn again from their seeds rather than decoded, and their action ids."""
    pictures, labels = [], []
    for action_id, action in enumerate(world.ACTIONS):
        for k in range(samples.UCF101[split]):
            frames = world.clip(samples.UCF101_SEEDS[split] + k, action, CLIP_SIZE, CLIP_FRAMES,
                                noise=samples.UCF101_NOISE)
            width, height = CLIP_SIZE
            box = ((width - height) // 2, 0, (width + height) // 2, height)
            pictures.append(np.stack([np.asarray(f.crop(box).resize((size, size))) for f in frames[::SAMPLE_RATE]]))
            labels.append(action_id)
    return np.stack(pictures), np.array(labels)


def action_transfer(folder, epochs: int = 10, learning_rate: float = 1e-3, pretrained: bool = True,
                    device: str = "cpu") -> list[float]:
    """Test accuracy after each epoch of fine-tuning the stand-in in `folder` (or the same architecture from random
    weights) on the lesson sample's 160 training clips: the held-out test of what pretraining brought."""
    import torch
    from transformers import AutoConfig, AutoModelForVideoClassification

    from .pretrain_images import transfer

    size = AutoConfig.from_pretrained(folder).image_size

    def tensors(split):
        clips, labels = sample_clips(split, size)
        x = (torch.from_numpy(clips).permute(0, 1, 4, 2, 3).float() / 255 - 0.5) / 0.5
        return x.to(device), torch.from_numpy(labels).to(device)

    return transfer(AutoModelForVideoClassification, folder, tensors("train"), tensors("test"), len(world.ACTIONS),
                    epochs, learning_rate, pretrained, device, batch_size=8, mirror=True)
