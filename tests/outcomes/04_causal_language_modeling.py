# Run by `make test` as an extra last cell of lesson 04 (offline profile): the lesson's promises, checked.
from pathlib import Path

# every training example is one full block, and its labels are its inputs
assert {len(ids) for ids in lm_dataset["train"]["input_ids"]} == {block_size}
assert lm_dataset["train"][0]["labels"] == lm_dataset["train"][0]["input_ids"]
# fine-tuning on forum answers lowers the perplexity of held-out answers
assert after < 0.7 * before, (before, after)
losses = [entry["loss"] for entry in trainer.state.log_history if "loss" in entry]
assert losses[-1] < losses[0], f"training loss did not fall: {losses}"
# the stand-in starts out writing package descriptions, and stops after fine-tuning (the lesson says so)
assert any("package" in text.lower() for text in samples_before), samples_before
assert not any("package" in text.lower() for text in samples_after), samples_after
# generated text stays within max_new_tokens, and the prompt comes back first
for prompt, text in zip(prompts, samples_after):
    assert text.startswith(prompt) and len(tokenizer(text)["input_ids"]) <= len(tokenizer(prompt)["input_ids"]) + 60
# next-token probabilities: a distribution, listed from the likeliest
values = list(next_tokens.values())
assert values == sorted(values, reverse=True) and 0 < sum(values) <= 1.0 + 1e-6
assert (Path(output_dir) / "model.safetensors").is_file()
