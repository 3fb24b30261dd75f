# Run by `make test` as an extra last cell of lesson 12 (offline profile): the lesson's promises, checked.
# CPPE-5's five classes, in the dataset's order, carried by the model; a validation split held out of training
assert categories == ["Coverall", "Face_Shield", "Gloves", "Goggles", "Mask"]
assert model.config.id2label == id2label and model.config.num_labels == 5
assert not set(cppe5["train"]["image_id"]) & set(cppe5["validation"]["image_id"])
# box formats: corners and centres convert back and forth; DETR's are shares of the picture
assert np.allclose(center_to_corners_format(center) * size, corners) and ((0 <= center) & (center <= 1)).all()
# augmentation moves boxes with the picture and keeps them inside it, one class per box
for version in versions:
    assert len(version["bboxes"]) == len(version["category"])
    assert all(x >= 0 and y >= 0 and x + w <= picture.shape[1] + 1e-3 and y + h <= picture.shape[0] + 1e-3
               for x, y, w, h in version["bboxes"])
# the processor pads to the square, and the labels' boxes are shares of that square (not of the picture)
assert tuple(example["pixel_values"].shape) == (3, image_size, image_size) and example["labels"]["size"].tolist() == [image_size] * 2
row = cppe5["test"][0]
x, y, w, h = row["objects"]["bbox"][0]
assert np.allclose(example["labels"]["boxes"][0].numpy(), [(x + w / 2) / image_size, (y + h / 2) / image_size,
                                                           w / image_size, h / image_size], atol=1e-3)
assert example["pixel_mask"][:row["height"], :row["width"]].all() and not example["pixel_mask"][row["height"]:].any()
# the metric: the truth itself scores 1, the truth shifted by half a box scores far less, nothing found scores 0
truth = {"boxes": torch.tensor([[10.0, 10, 50, 40], [60, 60, 90, 100]]), "labels": torch.tensor([0, 2])}
perfect = {**truth, "scores": torch.tensor([0.9, 0.8])}
shifted = {**perfect, "boxes": truth["boxes"] + torch.tensor([20.0, 15, 20, 15])}
assert mean_average_precision([truth], [perfect], 5)["map"] > 0.999
assert mean_average_precision([truth], [shifted], 5)["map"] < 0.2
assert mean_average_precision([truth], [{k: v[:0] for k, v in perfect.items()}], 5)["map"] == 0.0
# pretraining is what the stand-in brings: the same architecture with random weights finds nothing
scratch = Trainer(model=AutoModelForObjectDetection.from_config(model.config), args=training_args,
                  eval_dataset=validation_data, processing_class=image_processor, data_collator=collate_fn,
                  compute_metrics=compute_metrics)
from_scratch = scratch.evaluate(test_data, metric_key_prefix="test")["test_map"]
assert from_scratch < 0.02 and baseline["test_map"] > 0.12 and after > 0.12, (from_scratch, baseline, after)
# offline, fine-tuning a detector that already knows the task keeps it where it was (as the lesson says)
assert abs(after - baseline["test_map"]) < 0.06, (baseline["test_map"], after)
# the model evaluated is the best epoch's, reloaded with its weights (not the last epoch's)
assert abs(trainer.evaluate(validation_data)["eval_map"] - trainer.state.best_metric) < 1e-4
# inference: corners in the picture's pixels, above the threshold, and most true boxes found at IoU 0.5
for row, answer in zip(test_rows, found):
    boxes = answer["boxes"]
    assert (answer["scores"] >= threshold).all() and (boxes[:, 2:] > boxes[:, :2]).all()
    # in the picture's pixels: centres inside it; a box on a thing cut by the edge may reach a little past it
    size = torch.tensor([row["width"], row["height"]], dtype=boxes.dtype)
    centres, slack = (boxes[:, :2] + boxes[:, 2:]) / 2, 0.05 * size
    assert ((centres >= 0) & (centres <= size)).all(), boxes
    assert ((boxes[:, :2] >= -slack) & (boxes[:, 2:] <= size + slack)).all(), boxes
from course_utils.detection import iou  # noqa: E402  (the same overlap that mAP counts)

hits = [any(iou(t, p) >= 0.5 and label == int(q) for p, q in zip(answer["boxes"].tolist(), answer["labels"]))
        for truth_rows, answer in zip(truths, found) for t, label in zip(truth_rows["boxes"], truth_rows["labels"])]
assert sum(hits) >= 0.4 * len(hits), hits
# the pipeline scales boxes by the picture's own size: along the shorter side they come out squeezed (exercise 3)
from transformers import pipeline

detector = pipeline("object-detection", model=output_dir)
picture0 = test_rows[0]["image"]
squeeze = picture0.height / max(picture0.size)
by_hand = sorted(b[1].item() * squeeze for b in detect(picture0)["boxes"])
from_pipeline = sorted(d["box"]["ymin"] for d in detector(picture0, threshold=threshold))
assert picture0.height < picture0.width and len(from_pipeline) == len(by_hand) > 0
assert all(abs(a - b) <= 1 for a, b in zip(from_pipeline, by_hand)), (from_pipeline, by_hand)
