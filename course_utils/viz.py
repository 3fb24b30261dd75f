"""Figures for the lessons, labelled in the notebook's language (Korean through the bundled NanumGothic).

Code cells are identical in both editions, so the figure text comes from the small table below, picked by
`course_utils.lang.notebook_language()`.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from matplotlib import font_manager

from .lang import notebook_language

KOREAN_FONT = "NanumGothic"

TEXT = {
    "en": {
        "loss_title": "Training and evaluation loss", "step": "training step", "loss": "loss",
        "train": "training loss", "eval": "evaluation loss",
        "confusion_title": "Confusion matrix", "true": "true label", "pred": "predicted label",
        "similarity_title": "Cosine similarity of sentence embeddings",
        "before_after": "Accuracy before and after fine-tuning", "accuracy": "accuracy",
        "before": "before", "after": "after",
        "lengths_title": "Review length in tokens", "tokens": "tokens", "reviews": "reviews",
        "cut": "max_length (longer reviews are cut)",
    },
    "ko": {
        "loss_title": "훈련 손실과 평가 손실", "step": "훈련 스텝", "loss": "손실",
        "train": "훈련 손실", "eval": "평가 손실",
        "confusion_title": "혼동 행렬", "true": "실제 레이블", "pred": "예측 레이블",
        "similarity_title": "문장 임베딩의 코사인 유사도",
        "before_after": "미세 조정 전후의 정확도", "accuracy": "정확도",
        "before": "조정 전", "after": "조정 후",
        "lengths_title": "리뷰 길이(토큰 수)", "tokens": "토큰 수", "reviews": "리뷰 수",
        "cut": "max_length (이보다 긴 리뷰는 잘림)",
    },
}


def register_korean_font() -> str:
    """Register NanumGothic (shipped by the koreanize-matplotlib wheel, OFL) and make it the default family."""
    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("Korean figures need the koreanize-matplotlib package: run `make install`.")
    font = Path(spec.submodule_search_locations[0]) / "fonts" / f"{KOREAN_FONT}.ttf"
    font_manager.fontManager.addfont(str(font))
    plt.rcParams["font.family"] = [KOREAN_FONT, "DejaVu Sans"]
    plt.rcParams["axes.unicode_minus"] = False  # NanumGothic has no U+2212 minus sign
    return KOREAN_FONT


register_korean_font()


def text(key: str) -> str:
    """A figure label in the notebook's language."""
    return TEXT[notebook_language()][key]


def plot_lengths(lengths: list[int], max_length: int):
    """Histogram of token counts with the truncation limit marked."""
    fig, ax = plt.subplots(figsize=(6, 3.2))
    ax.hist(lengths, bins=30, color="#6b8eb3")
    ax.axvline(max_length, color="#d9534f", linestyle="--", label=text("cut"))
    ax.set(title=text("lengths_title"), xlabel=text("tokens"), ylabel=text("reviews"))
    ax.legend()
    fig.tight_layout()
    return fig


def plot_loss(log_history: list[dict]):
    """Training loss per logged step and evaluation loss per epoch, from `trainer.state.log_history`."""
    train = [(row["step"], row["loss"]) for row in log_history if "loss" in row]
    evals = [(row["step"], row["eval_loss"]) for row in log_history if "eval_loss" in row]
    fig, ax = plt.subplots(figsize=(6, 3.5))
    if train:
        ax.plot(*zip(*train), marker=".", label=text("train"))
    if evals:
        ax.plot(*zip(*evals), marker="o", linestyle="--", label=text("eval"))
    ax.set(title=text("loss_title"), xlabel=text("step"), ylabel=text("loss"))
    ax.legend()
    fig.tight_layout()
    return fig


def plot_confusion(labels, predictions, names: list[str]):
    """Confusion matrix with counts in each cell: rows are true labels, columns are predictions."""
    from sklearn.metrics import confusion_matrix

    matrix = confusion_matrix(labels, predictions, labels=list(range(len(names))))
    fig, ax = plt.subplots(figsize=(3.8, 3.4))
    ax.imshow(matrix, cmap="Blues")
    for (row, col), count in np.ndenumerate(matrix):
        color = "white" if count > matrix.max() / 2 else "black"
        ax.text(col, row, str(count), ha="center", va="center", color=color)
    ax.set_xticks(range(len(names)), names)
    ax.set_yticks(range(len(names)), names)
    ax.set(title=text("confusion_title"), xlabel=text("pred"), ylabel=text("true"))
    fig.tight_layout()
    return fig


def plot_before_after(before: float, after: float):
    """Two bars: accuracy of the untrained head and of the fine-tuned model."""
    fig, ax = plt.subplots(figsize=(3.8, 3.2))
    bars = ax.bar([text("before"), text("after")], [before, after], color=["#bbbbbb", "#ff9d00"])
    ax.bar_label(bars, fmt="%.2f")
    ax.set(title=text("before_after"), ylabel=text("accuracy"), ylim=(0, 1.05))
    fig.tight_layout()
    return fig


def plot_similarity(matrix, sentences: list[str]):
    """Heatmap of pairwise cosine similarities, sentences on both axes."""
    short = [s if len(s) <= 32 else s[:30] + "…" for s in sentences]
    fig, ax = plt.subplots(figsize=(7, 5.5))
    image = ax.imshow(matrix, cmap="viridis", vmin=-0.2, vmax=1)
    for (row, col), value in np.ndenumerate(matrix):
        ax.text(col, row, f"{value:.2f}", ha="center", va="center", fontsize=8,
                color="black" if value > 0.6 else "white")
    ax.set_xticks(range(len(short)), short, rotation=40, ha="right")
    ax.set_yticks(range(len(short)), short)
    ax.set_title(text("similarity_title"))
    fig.colorbar(image, ax=ax, shrink=0.8)
    fig.tight_layout()
    return fig
