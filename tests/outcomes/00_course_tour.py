# Run by `make test` as an extra last cell of lesson 00 (offline profile): the tour's claims, checked.
assert similarity.shape == (len(sentences), len(sentences))
assert np.allclose(np.diag(similarity), 1.0, atol=1e-5) and np.allclose(similarity, similarity.T, atol=1e-5)
assert similarity[0, 1] > similarity[0, 2] + 0.3, "the two movie sentences should be far closer than movie and finance"
# the stand-in learned software English: it knows what Firefox is, as the tour says
assert unmasker(f"Firefox is a web {mask}.", top_k=3)[0]["token_str"].strip() == "browser"
entities = ner("Clara lives in Leipzig.")
assert all({"entity_group", "word", "start", "end", "score"} <= set(entity) for entity in entities)
assert {entity["entity_group"] for entity in entities} <= {"PER", "ORG", "LOC", "MISC"}, "not the real NER label set"
assert {result["label"] for result in classifier(["Great!", "Awful."])} <= {"NEGATIVE", "POSITIVE"}, "not SST-2's labels"
