# Run by `make test` as an extra last cell of lesson 08 (offline profile): the lesson's promises, checked.
# every item becomes four (context, ending) pairs that all start with its context
assert all(len(ids) == 4 for ids in tokenized_train["input_ids"])
pairs = [tokenizer.decode(ids) for ids in encoded["input_ids"][0]]
assert all(swag["train"][0]["sent1"].lower() in pair for pair in pairs), pairs
# the collator pads and reshapes a batch to (items, choices, tokens)
assert batch["input_ids"].shape[:2] == (2, 4) and batch["labels"].shape == (2,)
# the three splits do not overlap
assert not set(train_data["fold-ind"]) & set(validation_data["fold-ind"])
# an untrained head picks at about chance; fine-tuning gets most items right
assert baseline.metrics["test_accuracy"] < 0.4 and after >= 0.6 and after >= baseline.metrics["test_accuracy"] + 0.3
assert abs(float(probabilities.sum(dim=-1).mean()) - 1) < 1e-5
losses = [entry["loss"] for entry in trainer.state.log_history if "loss" in entry]
assert losses[-1] < 0.7 * losses[0], f"training loss did not fall: {losses}"
# by hand, the sensible ending wins
assert logits.argmax().item() == 0
