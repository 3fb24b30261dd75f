"""Plotting helpers: the caller passes what to draw and the lesson's own words; the few generic words
(loss, step, true/predicted label) come in the running edition's language.

Importing this module registers NanumGothic (shipped by the koreanize-matplotlib wheel, OFL) as a fallback
font, so Hangul renders; nothing else in the learner's matplotlib settings changes.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from matplotlib import font_manager

from .lang import say

KOREAN_FONT = "NanumGothic"


def register_korean_font() -> str:
    """Add NanumGothic after the current font families: Latin text keeps its font, Hangul falls back to it."""
    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("Korean figures need the koreanize-matplotlib package: pip install koreanize-matplotlib")
    font = Path(spec.submodule_search_locations[0]) / "fonts" / f"{KOREAN_FONT}.ttf"
    font_manager.fontManager.addfont(str(font))
    families = list(plt.rcParams["font.family"])
    if KOREAN_FONT not in families:
        plt.rcParams["font.family"] = [*families, KOREAN_FONT]
    return KOREAN_FONT


register_korean_font()


def plot_lengths(lengths: Sequence[int], limit: int, *, title: str, xlabel: str, ylabel: str, limit_label: str):
    """Histogram of lengths with a limit marked (e.g. token counts and `max_length`)."""
    fig, ax = plt.subplots(figsize=(6, 3.2))
    ax.hist(lengths, bins=30, color="#6b8eb3")
    ax.axvline(limit, color="#d9534f", linestyle="--", label=limit_label)
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    ax.legend()
    fig.tight_layout()
    return fig


def plot_loss(log_history: list[dict]):
    """Training loss per logged step and evaluation loss per evaluation, from `trainer.state.log_history`."""
    train = [(row["step"], row["loss"]) for row in log_history if "loss" in row]
    evals = [(row["step"], row["eval_loss"]) for row in log_history if "eval_loss" in row]
    fig, ax = plt.subplots(figsize=(6, 3.5))
    if train:
        ax.plot(*zip(*train), marker=".", label=say("training loss", "훈련 손실"))
    if evals:
        ax.plot(*zip(*evals), marker="o", linestyle="--", label=say("evaluation loss", "평가 손실"))
    ax.set(title=say("Training and evaluation loss", "훈련 손실과 평가 손실"),
           xlabel=say("training step", "훈련 스텝"), ylabel=say("loss", "손실"))
    ax.legend()
    fig.tight_layout()
    return fig


def plot_confusion(labels: Sequence[int], predictions: Sequence[int], names: Sequence[str]):
    """Confusion matrix with counts: rows are true labels, columns are predictions (scikit-learn's display)."""
    from sklearn.metrics import ConfusionMatrixDisplay

    display = ConfusionMatrixDisplay.from_predictions(labels, predictions, labels=list(range(len(names))),
                                                      display_labels=list(names), cmap="Blues", colorbar=False)
    display.ax_.set(title=say("Confusion matrix", "혼동 행렬"), xlabel=say("predicted label", "예측 레이블"),
                    ylabel=say("true label", "실제 레이블"))
    display.figure_.set_size_inches(max(3.8, 0.5 * len(names) + 1.8), max(3.4, 0.45 * len(names) + 1.6))
    if len(names) > 4:  # long class names would overlap
        plt.setp(display.ax_.get_xticklabels(), rotation=40, ha="right", rotation_mode="anchor")
    display.figure_.tight_layout()
    return display.figure_


BEFORE_AFTER = ("#bbbbbb", "#ff9d00")


def plot_bars(values: dict[str, float], *, title: str, ylabel: str, ylim: tuple[float, float] | None = (0, 1.05),
              fmt: str = "%.2f", colors: Sequence[str] | None = None):
    """One labelled bar per entry: a metric before and after fine-tuning, or counts (`ylim=None`, `fmt="%d"`).
    Two bars are grey and orange (before, after) unless `colors` says otherwise; more bars are blue."""
    fig, ax = plt.subplots(figsize=(max(3.8, 1.1 * len(values)), 3.2))
    colors = colors or (BEFORE_AFTER if len(values) == 2 else ["#6b8eb3"])
    bars = ax.bar(list(values), list(values.values()), color=colors)
    ax.bar_label(bars, fmt=fmt)
    ax.set(title=title, ylabel=ylabel)
    if len(values) > 3:  # long category names would overlap
        ax.tick_params(axis="x", labelrotation=30)
        plt.setp(ax.get_xticklabels(), ha="right", rotation_mode="anchor")
    if ylim is not None:
        ax.set_ylim(*ylim)
    else:
        ax.margins(y=0.15)
    fig.tight_layout()
    return fig


ENTITY_COLORS = ("#f4a261", "#2a9d8f", "#e76f51", "#8ab17d", "#b392ac", "#e9c46a", "#6b8eb3", "#d08c60")


def show_entities(rows: dict[str, tuple[Sequence[str], Sequence[str]]], *, title: str, width: int = 85):
    """Sentences with their entities marked: `rows` maps a row name (e.g. "true", "predicted") to
    (words, BIO tags). Each entity gets a coloured box and its type underneath; one colour per type."""
    types = sorted({tag[2:] for _, tags in rows.values() for tag in tags if tag != "O"})
    color = {kind: ENTITY_COLORS[i % len(ENTITY_COLORS)] for i, kind in enumerate(types)}
    lines = []  # (row name, [(text, entity type or None)]) wrapped at `width` characters
    for name, (words, tags) in rows.items():
        chunks, line, length = [], [], 0
        for word, tag in zip(words, tags):
            kind = None if tag == "O" else tag[2:]
            if line and tag.startswith("I-") and line[-1][1] == kind:
                line[-1] = (line[-1][0] + " " + word, kind)  # continue the entity
            else:
                if length + len(word) > width and line:
                    chunks.append(line)
                    line, length = [], 0
                line.append((word, kind))
            length += len(word) + 1
        chunks.append(line)
        lines += [(name if i == 0 else "", chunk) for i, chunk in enumerate(chunks)]
    fig, ax = plt.subplots(figsize=(10, 0.75 * len(lines) + 0.6))
    ax.set(xlim=(0, 1), ylim=(len(lines), -0.2), title=title)
    ax.axis("off")
    renderer = fig.canvas.get_renderer()
    for y, (name, chunk) in enumerate(lines):
        ax.text(0, y + 0.35, name, fontsize=9, color="#555555", va="center")
        x = 0.12
        for text, kind in chunk:
            box = dict(boxstyle="round,pad=0.25", facecolor=color[kind], edgecolor="none") if kind else None
            label = ax.text(x, y + 0.35, text, fontsize=11, va="center", bbox=box)
            extent = label.get_window_extent(renderer).transformed(ax.transData.inverted())
            if kind:
                ax.text((extent.x0 + extent.x1) / 2, y + 0.8, kind, fontsize=7, ha="center", va="center",
                        color="#333333")
            x = extent.x1 + 0.008
    fig.tight_layout()
    return fig


def _shortened(text: str, width: int = 32) -> str:
    return text if len(text) <= width else text[:width - 2] + "…"


def plot_similarity(matrix, labels: Sequence[str], *, title: str, columns: Sequence[str] | None = None):
    """Heatmap of similarities with the value in each cell: `labels` on both axes, or on the rows only when the
    `columns` have labels of their own (pictures against captions)."""
    short = [_shortened(s) for s in labels]
    across = short if columns is None else [_shortened(s) for s in columns]
    fig, ax = plt.subplots(figsize=(7, 5.5))
    image = ax.imshow(matrix, cmap="viridis", vmin=-0.2, vmax=1)
    for (row, col), value in np.ndenumerate(matrix):
        ax.text(col, row, f"{value:.2f}", ha="center", va="center", fontsize=8,
                color="black" if value > 0.6 else "white")
    ax.set_xticks(range(len(across)), across, rotation=40, ha="right")
    ax.set_yticks(range(len(short)), short)
    ax.set_title(title)
    fig.colorbar(image, ax=ax, shrink=0.8)
    fig.tight_layout()
    return fig


def show_images(images: Sequence, captions: Sequence[str], *, title: str, columns: int = 4,
                colors: Sequence[str] | None = None, cmap: str | None = None):
    """A grid of pictures, each with its caption underneath (in `colors`, e.g. green for right, red for wrong);
    a picture of one channel, such as a depth map, is painted with the colour map `cmap`."""
    fig, axes = _grid(len(images), columns, (2.3, 2.5))
    for index, ax in enumerate(axes):
        ax.imshow(images[index], cmap=cmap)
        ax.set_title(captions[index], fontsize=9, y=-0.16, color=colors[index] if colors else "black")
    fig.suptitle(title)
    fig.tight_layout()
    return fig


def _grid(count: int, columns: int, cell: tuple[float, float], extra_height: float = 0.0):
    """A figure of `count` picture cells, `columns` to a row, each `cell` inches wide and high, without axes; the
    cells to draw in (any left over in the last row stay blank)."""
    rows = -(-count // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(cell[0] * columns, cell[1] * rows + extra_height), squeeze=False)
    for ax in axes.flat:
        ax.axis("off")
    return fig, list(axes.flat)[:count]


def class_colors(class_ids) -> dict[int, tuple[float, float, float]]:
    """A distinct colour for each class id, in the order given: ten strong colours, their ten pale versions, then
    hues a golden ratio apart."""
    from matplotlib.colors import hsv_to_rgb

    palette = plt.get_cmap("tab10").colors + plt.get_cmap("tab20").colors[1::2]
    return {int(i): palette[rank] if rank < len(palette) else tuple(hsv_to_rgb(((rank * 0.618034) % 1, 0.7, 0.9)))
            for rank, i in enumerate(class_ids)}


def show_segmentations(images: Sequence, maps: Sequence, captions: Sequence[str], *, names: dict[int, str],
                       title: str, columns: int = 3, ignore: int = 255, alpha: float = 0.65,
                       legend: Sequence[int] | None = None):
    """Pictures with their class maps painted over them, and a legend of the classes in `legend` (by default,
    every class that appears).

    A map holds one class id per pixel, at the picture's size or another (the picture is resized to the map);
    pixels equal to `ignore` stay unpainted."""
    found = sorted({int(i) for m in maps for i in np.unique(np.asarray(m)) if i != ignore})
    present = found if legend is None else sorted(int(i) for i in set(legend) if int(i) in found)
    colors = class_colors(present + [i for i in found if i not in present])  # the named get the most distinct
    fig, axes = _grid(len(images), columns, (3.2, 2.7), extra_height=0.6)
    for index, ax in enumerate(axes):
        class_map = np.asarray(maps[index])
        picture = np.asarray(images[index].convert("RGB").resize(class_map.shape[::-1]), dtype=float) / 255
        paint = picture.copy()
        for class_id in np.unique(class_map):
            if class_id != ignore:
                paint[class_map == class_id] = colors[int(class_id)]
        ax.imshow((1 - alpha) * picture + alpha * paint)
        ax.set_title(captions[index], fontsize=9)
    handles = [plt.Rectangle((0, 0), 1, 1, color=colors[i]) for i in present]
    fig.legend(handles, [names.get(i, str(i)) for i in present], loc="lower center", ncol=min(6, len(present)),
               fontsize=8, frameon=False)
    fig.suptitle(title)
    fig.tight_layout(rect=(0, 0.06 + 0.02 * (len(present) // 6), 1, 1))
    return fig


def show_detections(images: Sequence, detections: Sequence[dict], captions: Sequence[str], *, names: dict[int, str],
                    title: str, columns: int = 3):
    """Pictures with their boxes drawn: each detection is a dict of `boxes` (x_min, y_min, x_max, y_max in the
    picture's pixels), `labels` (class ids) and, for a model's answer, `scores`, written next to the name."""
    present = sorted({int(label) for found in detections for label in found["labels"]})
    colors = class_colors(present)
    fig, axes = _grid(len(images), columns, (3.4, 2.9), extra_height=0.3)
    for index, ax in enumerate(axes):
        ax.imshow(images[index])
        found = detections[index]
        scores = found.get("scores", [None] * len(found["labels"]))
        for box, label, score in zip(found["boxes"], found["labels"], scores):
            x0, y0, x1, y1 = (float(v) for v in box)
            color = colors[int(label)]
            ax.add_patch(plt.Rectangle((x0, y0), x1 - x0, y1 - y0, fill=False, edgecolor=color, linewidth=1.5))
            text = names.get(int(label), str(label)) + ("" if score is None else f" {float(score):.2f}")
            ax.text(x0, y0, text, fontsize=6, color="white", va="bottom",
                    bbox={"facecolor": color, "edgecolor": "none", "pad": 1})
        ax.set_title(captions[index], fontsize=9)
    fig.suptitle(title)
    fig.tight_layout()
    return fig
