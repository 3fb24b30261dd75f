# Run by `make test` as an extra last cell of lesson 03 (offline profile): the lesson's promises, checked.
from pathlib import Path

# the training labels point at the answer: decoding them gives the answer text (uncased tokenizer)
features = prepare_train_features(train_data[:50])
for row in range(50):
    first, last = features["start_positions"][row], features["end_positions"][row]
    expected = normalize(train_data[row]["answers"]["text"][0]).replace(" ", "")
    decoded = normalize(tokenizer.decode(features["input_ids"][row][first:last + 1])).replace(" ", "")
    assert first > 0 and decoded == expected, (decoded, expected)
# a long context becomes overlapping windows that all repeat the question
assert len(small["input_ids"]) >= 2
# answers are spans inside their own contexts
contexts = dict(zip(eval_data["id"], eval_data["context"]))
assert len(predicted) == eval_data.num_rows and all(text in contexts[key] for key, text in predicted.items())
# SQuAD metrics: fine-tuning turns random spans into answers
assert before["exact_match"] < 0.1 and after["exact_match"] >= 0.25, (before, after)
assert after["f1"] >= 0.35 and after["f1"] >= before["f1"] + 0.2, (before, after)
assert word_f1("in 1887", "1887") == 2 / 3 and normalize("The  Lake!") == "lake"
losses = [entry["loss"] for entry in trainer.state.log_history if "loss" in entry]
assert losses[-1] < 0.7 * losses[0], f"training loss did not fall: {losses}"
assert answer("When did the festival begin?", context) in context
assert (Path(output_dir) / "model.safetensors").is_file()
