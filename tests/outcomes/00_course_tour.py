# Run by `make test` as an extra last cell of lesson 00 (offline profile): the tour's claims, checked.
assert similarity.shape == (len(sentences), len(sentences))
assert np.allclose(np.diag(similarity), 1.0, atol=1e-5) and np.allclose(similarity, similarity.T, atol=1e-5)
assert similarity[0, 1] > similarity[0, 2] + 0.3, "the two movie sentences should be far closer than movie and finance"
assert len(unmasker(f"The capital of France is {mask}.", top_k=3)) == 3
assert all({"entity_group", "word", "start", "end", "score"} <= set(entity) for entity in ner("Clara lives in Leipzig."))
assert {result["label"] for result in classifier(["Great!", "Awful."])} <= set(classifier.model.config.id2label.values())
