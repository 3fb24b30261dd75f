# Run by `make test` as an extra last cell of lesson 10 (offline profile): the lesson's promises, checked.
# ADE20K's 150 classes, carried by the model, with 255 as the ignored label
assert num_labels == 150 and model.config.id2label[2] == "sky" and model.config.semantic_loss_ignore_index == 255
# annotations store class id + 1 (0 is "other"); the processor reduces them: value v becomes v - 1, 0 becomes 255
first = scenes[0]  # the first training scene, untransformed
assert np.array_equal(np.array(first["annotation"]), annotation)
reduced = image_processor(first["image"], first["annotation"])["labels"][0]
assert set(np.unique(reduced)) <= {int(v) - 1 for v in np.unique(annotation)} | {255}
other = [row for row in scenes.select(range(train_size)) if 0 in np.array(row["annotation"])]
assert other, "the sample should show 'other' pixels (umbrellas)"
assert 255 in image_processor(other[0]["image"], other[0]["annotation"])["labels"][0]
# the transforms give the processor's size, for pictures and labels alike; jitter moves no pixel
assert train_data[0]["pixel_values"].shape == (3, *size) and train_data[0]["labels"].shape == size
assert jitter(picture).size == picture.size
# the metric: a perfect map scores 1, a map that shares no pixel scores 0, and 255 pixels are ignored
truth = np.array([[0, 0, 1, 255]])
assert compute_metrics((np.array([[0, 0, 1, 1]]), truth))["mean_iou"] == 1.0
assert compute_metrics((np.array([[1, 1, 0, 0]]), truth))["mean_iou"] == 0.0
# fine-tuning: from noise to outlines, and the loss falls
assert baseline.metrics["test_mean_iou"] < 0.05 and after >= 0.4, (baseline.metrics["test_mean_iou"], after)
assert per_class[label2id["sky"]] > 0.9 and per_class[label2id["grass"]] > 0.9, per_class
losses = [entry["loss"] for entry in trainer.state.log_history if "loss" in entry]
assert losses[-1] < 0.3 * losses[0], f"training loss did not fall: {losses}"
# the model evaluated is the best epoch's, reloaded with its weights (not the last epoch's)
assert abs(trainer.evaluate(validation_data)["eval_mean_iou"] - trainer.state.best_metric) < 1e-9
# pipeline and hand-made inference agree: each pipeline mask is the hand-made map's pixels of that class
assert class_map.shape == picture.size[::-1]
for found in segmenter(picture):
    assert np.array_equal(np.array(found["mask"]) > 0, class_map == label2id[found["label"]]), found["label"]
