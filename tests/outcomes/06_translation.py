# Run by `make test` as an extra last cell of lesson 06 (offline profile): the lesson's promises, checked.
from pathlib import Path

# every source carries the task prefix, and sources and targets end with the end-of-sequence token
assert tokenizer.decode(tokenized_books["train"][0]["input_ids"]).startswith(prefix.strip())
assert all(ids[-1] == tokenizer.eos_token_id for ids in tokenized_books["train"][:50]["labels"])
# the collator pads labels with -100 and feeds the decoder the labels shifted right behind its start token
assert (batch["decoder_input_ids"][:, 0] == model.config.decoder_start_token_id).all()
shifted = batch["labels"][:, :-1]
assert ((batch["decoder_input_ids"][:, 1:] == shifted) | (shifted == -100)).all()
# fine-tuning on the story raises BLEU on held-out sentences well above the starting point
assert after["eval_bleu"] > before["eval_bleu"] + 2.0 and after["eval_bleu"] > 3.0, (before, after)
assert after["eval_loss"] < before["eval_loss"]
# generated translations stay within the length limit, and the model learned to stop
assert 0 < after["eval_gen_len"] <= max_length
# greedy decoding by hand writes what generate writes
assert translate([text])[0].startswith(tokenizer.decode(written[0], skip_special_tokens=True).strip())
assert all(0 < sum(c.values()) <= 1 + 1e-6 and list(c.values()) == sorted(c.values(), reverse=True) for c in steps)
assert len(translations_after) == len(sources) and all(isinstance(t, str) for t in translations_after)
assert (Path(output_dir) / "model.safetensors").is_file()
