# Run by `make test` as an extra last cell of lesson 05 (offline profile): the lesson's promises, checked.
from pathlib import Path

# the collator chooses about 15 % of the tokens, and of those about 80 % become <mask> (the rest: random, unchanged)
assert abs(chosen.float().mean().item() - mlm_probability) < 0.03
assert abs(shares["<mask>"] - 0.8) < 0.07 and abs(sum(shares.values()) - 1) < 1e-6, shares
# only chosen positions carry a label; the others are -100, which the loss skips
assert ((batch["labels"] == -100) == ~chosen).all() and (batch["labels"][chosen] == original[chosen]).all()
# fine-tuning on forum answers lowers the perplexity of the same hidden tokens
assert after < 0.85 * before, (before, after)
# the stand-in fills blanks with software words at first; after fine-tuning, fewer of them (the lesson says so)
software = {"file", "game", "clone", "program", "terminal", "standalone", "lightweight", "free", "package"}
count = [sum(word in software for words in answers[:2] for word in words) for answers in (words_before, words_after)]
assert count[0] >= 5 and count[1] < count[0], (words_before, words_after)
# ...and keeps its software answers in a software sentence
assert {"shared", "static"} <= set(words_after[2])
assert (Path(output_dir) / "model.safetensors").is_file()
