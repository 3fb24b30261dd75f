"""COCO mean average precision for object detection, computed by pycocotools (which torchmetrics' mAP also calls),
from boxes in (x_min, y_min, x_max, y_max) pixels: the format that `post_process_object_detection` returns."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Sequence


def mean_average_precision(truths: Sequence[dict], predictions: Sequence[dict], num_classes: int) -> dict:
    """mAP over IoU 0.50 to 0.95 (`map`), at IoU 0.50 (`map_50`) and 0.75 (`map_75`), and per class (`map_per_class`,
    -1 for a class absent from `truths`). Each picture's truth is a dict of `boxes` and `labels`; its prediction
    also has `scores`."""
    import numpy as np
    from pycocotools.coco import COCO
    from pycocotools.cocoeval import COCOeval

    if len(truths) != len(predictions):
        raise ValueError(f"{len(truths)} pictures of truth but {len(predictions)} of predictions: give one of each per picture.")
    reference = {"images": [], "annotations": [], "categories": [{"id": i} for i in range(num_classes)]}
    found = []
    for image_id, (truth, prediction) in enumerate(zip(truths, predictions)):
        reference["images"].append({"id": image_id})
        for label, box in zip(_values(truth["labels"]), _values(truth["boxes"])):
            width, height = box[2] - box[0], box[3] - box[1]
            reference["annotations"].append({"id": len(reference["annotations"]) + 1, "image_id": image_id,
                                             "category_id": int(label), "bbox": [box[0], box[1], width, height],
                                             "area": width * height, "iscrowd": 0})
        for label, box, score in zip(*(_values(prediction[k]) for k in ("labels", "boxes", "scores"))):
            found.append({"image_id": image_id, "category_id": int(label), "score": float(score),
                          "bbox": [box[0], box[1], box[2] - box[0], box[3] - box[1]]})
    if not found:  # a model that finds nothing has found nothing right
        present = {a["category_id"] for a in reference["annotations"]}
        return {"map": 0.0, "map_50": 0.0, "map_75": 0.0,
                "map_per_class": [0.0 if i in present else -1.0 for i in range(num_classes)]}
    with contextlib.redirect_stdout(io.StringIO()):  # pycocotools prints its progress
        coco = COCO()
        coco.dataset = reference
        coco.createIndex()
        evaluation = COCOeval(coco, coco.loadRes(found), "bbox")
        evaluation.evaluate()
        evaluation.accumulate()
        evaluation.summarize()
    precision = evaluation.eval["precision"][:, :, :, 0, -1]  # IoU × recall × class, all areas, up to 100 boxes
    per_class = [float(np.mean(p[p > -1])) if (p > -1).any() else -1.0 for p in np.moveaxis(precision, 2, 0)]
    stats = [max(float(s), 0.0) for s in evaluation.stats[:3]]  # pycocotools writes -1 where nothing was found
    return {"map": stats[0], "map_50": stats[1], "map_75": stats[2], "map_per_class": per_class}


def iou(a: Sequence[float], b: Sequence[float]) -> float:
    """Intersection over union of two boxes given as corners (x_min, y_min, x_max, y_max)."""
    inter = max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter)


def _values(array) -> list:
    """A tensor's or an array's values as plain Python numbers."""
    return array.tolist() if hasattr(array, "tolist") else list(array)
