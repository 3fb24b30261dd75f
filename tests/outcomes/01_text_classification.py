# Run by `make test` as an extra last cell of lesson 01 (offline profile): the lesson's promises, checked.
from pathlib import Path

assert after["test_accuracy"] >= 0.85, f"offline test accuracy {after['test_accuracy']:.3f} is below the 0.85 target"
assert after["test_accuracy"] >= baseline.metrics["test_accuracy"] + 0.2, "fine-tuning did not beat the untrained head"
assert sum(baseline_counts) == baseline_data.num_rows == min(baseline_size, test_data.num_rows)
losses = [entry["loss"] for entry in trainer.state.log_history if "loss" in entry]
assert losses[-1] < 0.7 * losses[0], f"training loss did not fall: {losses}"
assert tokenizer.truncation_side == "left" and max(map(len, tokenized_train["input_ids"])) == max_length
# three disjoint splits: validation is held out of train, test is touched once, at the end
assert validation_data.num_rows == validation_size and not set(validation_data["text"]) & set(train_data["text"])
assert Counter(validation_data["label"])[0] == Counter(validation_data["label"])[1], "stratified split"
assert trainer.eval_dataset is tokenized_validation and training_args.metric_for_best_model == "accuracy"
assert trainer.state.best_metric == max(e["eval_accuracy"] for e in trainer.state.log_history if "eval_accuracy" in e)
assert len({len(s["input_ids"]) for s in samples}) == len(samples) == 4, "the padding demo shows rows of different lengths"
assert set(model.config.id2label.values()) == set(label_names) == {"neg", "pos"}
assert (Path(output_dir) / "model.safetensors").is_file()
assert classifier.model.config.id2label == model.config.id2label and classifier.tokenizer.truncation_side == "left"
assert len(classifier(reviews, truncation=True)) == len(reviews)
assert len(tokenizer(reviews[2])["input_ids"]) > 512, "the long review must exceed the model's positions"
