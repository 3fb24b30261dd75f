# Run by `make test` as an extra last cell of lesson 01 (offline profile): the lesson's promises, checked.
from pathlib import Path

assert after["eval_accuracy"] >= 0.85, f"offline accuracy {after['eval_accuracy']:.3f} is below the 0.85 target"
assert after["eval_accuracy"] >= before["eval_accuracy"] + 0.2, "fine-tuning did not beat the untrained head"
losses = [entry["loss"] for entry in trainer.state.log_history if "loss" in entry]
assert losses[-1] < 0.7 * losses[0], f"training loss did not fall: {losses}"
assert tokenizer.truncation_side == "left" and max(map(len, tokenized_train["input_ids"])) == max_length
assert set(model.config.id2label.values()) == set(label_names) == {"neg", "pos"}
assert (Path(output_dir) / "model.safetensors").is_file()
assert classifier.model.config.id2label == model.config.id2label
