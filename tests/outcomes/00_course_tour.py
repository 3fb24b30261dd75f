# Run by `make test` as an extra last cell of lesson 00 (offline profile): the tour's claims, checked.
assert similarity.shape == (len(sentences), len(sentences))
assert np.allclose(np.diag(similarity), 1.0, atol=1e-5) and np.allclose(similarity, similarity.T, atol=1e-5)
assert similarity[0, 1] > similarity[0, 2] + 0.3, "the two movie sentences should be far closer than movie and finance"
# the stand-in learned software English: it knows what Firefox is, as the tour says
assert unmasker(f"Firefox is a web {mask}.", top_k=3)[0]["token_str"].strip() == "browser"
# the heads the course trained once on its samples answer sensibly, with the real checkpoints' labels
entities = ner("Clara lives in Leipzig.")
assert all({"entity_group", "word", "start", "end", "score"} <= set(entity) for entity in entities)
assert {(entity["entity_group"], entity["word"]) for entity in entities} == {("PER", "clara"), ("LOC", "leipzig")}
assert ("PER", "clara schumann") in [(entity["entity_group"], entity["word"]) for entity in ner(sentence)]
# "first" labels whole words: no word piece comes back on its own
assert not any(entity["word"].startswith("##") for entity in ner(sentence, aggregation_strategy="first"))
opinions = ["I loved every minute of this film.", "The plot made no sense and the acting was wooden.",
            "A warm, funny and beautifully acted story.", "What a waste of two hours."]
assert [result["label"] for result in classifier(opinions)] == ["POSITIVE", "NEGATIVE", "POSITIVE", "NEGATIVE"]
# held out: the sentiment head learned from the sample's train split only
from course_utils import data

held_out = data.read_split("stanfordnlp/imdb", "test")
classifier.tokenizer.truncation_side = "left"  # it learned from each review's last tokens, where the verdict is
answers = classifier([row["text"] for row in held_out], truncation=True, max_length=128)
accuracy = np.mean([(answer["label"] == "POSITIVE") == (row["label"] == 1) for answer, row in zip(answers, held_out)])
assert accuracy >= 0.75, f"held-out accuracy {accuracy:.2f} of the trained sentiment head"
