# Run by `make test` as an extra last cell of lesson 07 (offline profile): the lesson's promises, checked.
from pathlib import Path

# inputs are cut at max_input_length and carry the prefix; summaries at max_target_length
assert max(len(ids) for ids in tokenized_billsum["train"]["input_ids"]) <= max_input_length
assert max(len(ids) for ids in tokenized_billsum["train"]["labels"]) <= max_target_length
assert tokenizer.decode(tokenized_billsum["train"][0]["input_ids"]).startswith(prefix.strip())
assert max(text_lengths) > max_input_length  # the figure shows bills that are cut
# fine-tuning on bills raises ROUGE well above the starting point
for name in ("eval_rouge1", "eval_rouge2", "eval_rougeL"):
    assert 0 <= before[name] <= 1 and 0 <= after[name] <= 1
assert after["eval_rougeL"] > before["eval_rougeL"] + 0.08, (before, after)
assert after["eval_rouge1"] > 0.15
assert after["eval_loss"] < before["eval_loss"]
# generated summaries stay within the length limit; the summaries learned the digest's opening
assert 0 < after["eval_gen_len"] <= max_target_length
assert sum(s.startswith("Existing law") for s in summaries_after) >= 2, summaries_after
# forbidding repeated trigrams leaves no repeated trigram
assert distinct_trigrams(no_repeat) == 1.0 and 0 <= distinct_trigrams(greedy) <= 1
assert (Path(output_dir) / "model.safetensors").is_file()
