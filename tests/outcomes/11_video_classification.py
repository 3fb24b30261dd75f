# Run by `make test` as an extra last cell of lesson 11 (offline profile): the lesson's promises, checked.
# the archive unpacked into three splits of ten action folders, with groups kept inside one split
assert class_labels == sorted(class_labels) and len(class_labels) == 10 and "Archery" in class_labels
groups = {split: {path.name.rsplit("_c", 1)[0] for path in (dataset_root_path / split).glob("*/*.avi")}
          for split in ("train", "val", "test")}
assert not groups["train"] & groups["test"] and not groups["train"] & groups["val"], "a group in two splits"
# frame sampling: num_frames frames, sample_rate apart, from the middle for evaluation and anywhere for training
frames = read_frames(video_table("test")["video"][0])
middle = sample_frames(frames)
assert len(middle) == num_frames and all(np.array_equal(a, b) for a, b in zip(middle, sample_frames(frames)))
assert len({len(sample_frames(list(range(100)), randomly=True)) for _ in range(5)}) == 1
starts = {sample_frames(list(range(100)), randomly=True)[0] for _ in range(20)}
assert len(starts) > 1 and all(0 <= s <= 100 - num_frames * sample_rate for s in starts)
# augmentation: one crop and one mirror for the whole clip (every frame gets the same window)
views = crop_and_flip([np.dstack([np.arange(128)[None, :].repeat(96, 0)] * 3).astype(np.uint8)] * 3)
assert all(np.array_equal(np.asarray(views[0]), np.asarray(view)) for view in views)
# the tensor the model reads: (frames, channels, height, width) per clip
assert tuple(train_data[0]["pixel_values"].shape) == (num_frames, 3, model.config.image_size, model.config.image_size)
# fine-tuning: from chance to most clips right, and the loss falls
assert baseline.metrics["test_accuracy"] <= 0.25 and after >= 0.6, (baseline.metrics["test_accuracy"], after)
losses = [entry["loss"] for entry in trainer.state.log_history if "loss" in entry]
assert losses[-1] < 0.6 * losses[0], f"training loss did not fall: {losses}"
# the model evaluated is the best epoch's, reloaded with its weights
assert abs(trainer.evaluate(validation_data)["eval_accuracy"] - trainer.state.best_metric) < 1e-9
# by hand (the middle of the clip) agrees with Trainer's evaluation of the same clip, and probabilities sum to one
assert model.config.id2label[int(top.indices[0])] == id2label[int(prediction.predictions[0].argmax())]
assert abs(float(probabilities.sum()) - 1) < 1e-4
# the model saved and loaded back is the trained one
assert torch.equal(model.classifier.weight.cpu(), trainer.model.classifier.weight.cpu()) and model is not trainer.model
