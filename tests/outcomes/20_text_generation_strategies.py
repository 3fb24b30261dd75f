# Run by `make test` as an extra last cell of lesson 20 (offline profile): the lesson's promises, checked.
from pathlib import Path

# greedy search is deterministic; every sampling strategy gives different texts for different seeds
assert same_twice
assert all(len(set(texts)) == len(texts) == num_samples for texts in samples.values()), samples
# a flat distribution over the whole vocabulary is more diverse across draws than a sharp, truncated one
assert across["temperature 1.5, top_k 0"] > across["temperature 0.7, top_p 0.9"], across
# forbidding repeated trigrams repeats less than plain greedy search (here greedy falls into a list pattern)
assert within["no repeat 3"] >= within["greedy"], within
assert all(0 < value <= 1 for value in within.values())
# beam search returns its best beam first
assert beams.sequences_scores[0] >= beams.sequences_scores[1]
chat = tokenizer.apply_chat_template([{"role": "user", "content": prompt}], add_generation_prompt=True, return_dict=True)
assert 0 < beams.sequences.shape[1] - len(chat["input_ids"]) <= max_new_tokens
# assisted and prompt-lookup decoding write exactly what greedy search writes
assert all(text == timed["greedy"][0] for text, seconds in timed.values()), timed
# the saved strategy comes back as it was saved
assert loaded.do_sample and loaded.temperature == 0.7 and loaded.top_p == 0.9 and loaded.max_new_tokens == max_new_tokens
assert (Path(output_dir) / "generation_config.json").is_file()
