# Run by `make test` as an extra last cell of lesson 09 (offline profile): the lesson's promises, checked.
# the label mapping covers all 101 Food-101 names, and the model carries it
assert len(labels) == 101 and model.config.id2label[labels.index("pizza")] == "pizza"
# the transforms give the processor's size; augmentation keeps a picture's content but changes its view
assert tuple(train_data[0]["pixel_values"].shape) == (3, *size)
views = [random_crop_and_flip(picture) for _ in range(4)]
assert all(view.size[0] <= picture.size[0] and view.size[1] <= picture.size[1] for view in views)
assert len({view.tobytes() for view in views}) == 4, "four random views should differ"
# three disjoint splits: no held-out picture is also a training picture
from datasets import Image

raw = shuffled.cast_column("image", Image(decode=False))
train_bytes = {row["image"]["bytes"] for row in raw.select(range(train_size))}
held_out_bytes = {row["image"]["bytes"] for row in raw.select(range(train_size, train_size + validation_size))}
assert len(held_out_bytes) == validation_size and not train_bytes & held_out_bytes
# fine-tuning: from chance to most pictures right, and the loss falls
assert baseline.metrics["test_accuracy"] < 0.1 and after >= 0.7, (baseline.metrics["test_accuracy"], after)
losses = [entry["loss"] for entry in trainer.state.log_history if "loss" in entry]
assert losses[-1] < 0.5 * losses[0], f"training loss did not fall: {losses}"
# the model evaluated is the best epoch's, reloaded with its weights (not the last epoch's)
assert abs(trainer.evaluate(validation_data)["eval_accuracy"] - trainer.state.best_metric) < 1e-9
# pipeline and hand-made inference agree, and their probabilities sum to one
assert trainer.model is model
assert classifier(picture, top_k=1)[0]["label"] == model.config.id2label[int(top.indices[0])]
assert abs(float(probabilities.sum()) - 1) < 1e-4
