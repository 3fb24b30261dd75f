# Run by `make test` as an extra last cell of lesson 02 (offline profile): the lesson's promises, checked.
from pathlib import Path

assert len(label_list) == 13 and label_list[0] == "O" and set(model.config.id2label.values()) == set(label_list)
# every word is labelled once, by its first piece; special tokens and later pieces carry -100
for row in tokenized_train.select(range(50)):
    assert sum(label != -100 for label in row["labels"]) == len(row["tokens"])
    assert row["labels"][0] == row["labels"][-1] == -100
assert aligned["labels"][0].count(-100) >= 2
# entity-level metrics: fine-tuning finds entities that the random head could not
assert baseline.metrics["test_f1"] < 0.1, f"untrained F1 {baseline.metrics['test_f1']:.3f} should be near zero"
MIN_F1 = 0.3
assert after["test_f1"] >= MIN_F1, f"offline test F1 {after['test_f1']:.3f} is below {MIN_F1}"
assert after["test_f1"] >= baseline.metrics["test_f1"] + 0.2
losses = [entry["loss"] for entry in trainer.state.log_history if "loss" in entry]
assert losses[-1] < 0.7 * losses[0], f"training loss did not fall: {losses}"
assert trainer.eval_dataset is tokenized_validation and training_args.metric_for_best_model == "f1"
assert trainer.state.best_metric == max(e["eval_f1"] for e in trainer.state.log_history if "eval_f1" in e)
assert len(true_tags) == len(predicted_tags) == test_data.num_rows
assert all(len(t) == len(p) == len(row["tokens"]) for t, p, row in zip(true_tags, predicted_tags, test_data))
# the pipeline's entities are spans inside the post, with the lesson's entity types
for post in posts:
    for entity in ner(post):
        assert 0 <= entity["start"] < entity["end"] <= len(post)
        assert entity["entity_group"] in {name[2:] for name in label_list if name != "O"}
assert (Path(output_dir) / "model.safetensors").is_file()
