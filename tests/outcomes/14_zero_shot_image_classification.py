# Run by `make test` as an extra last cell of lesson 14 (offline profile): the lesson's promises, checked.
# the pipeline scores every candidate label once, highest first, and the scores sum to one
ranked = classifier(photo, candidate_labels=["flower", "car", "tree", "ball"])
assert sorted(g["label"] for g in ranked) == ["ball", "car", "flower", "tree"]
assert [g["score"] for g in ranked] == sorted((g["score"] for g in ranked), reverse=True)
assert abs(sum(g["score"] for g in ranked) - 1) < 1e-3
# the test pictures are all of pairings the stand-in never saw in pretraining
assert {names[a] for a in answers} <= set(pretrain_clip.UNSEEN) and len(set(answers)) >= 8
# by hand: logits are the scaled cosine similarities, and their softmax is what the pipeline reports
assert torch.allclose(cosine * model.logit_scale.exp(), outputs.logits_per_image[0], atol=1e-2)
by_pipeline = {g["label"]: g["score"] for g in classifier(images[first], candidate_labels=candidates,
                                                          hypothesis_template=hypothesis_template)}
assert all(abs(by_pipeline[label] - p) < 1e-3 for label, p in zip(candidates, probabilities.tolist()))
# zero-shot works on compositions never seen: far above chance with a good template, and templates matter
best = max(scores.values())
assert best >= 0.4 and best >= 10 / len(names), scores
assert best - min(scores.values()) >= 0.05, scores
assert grid.shape == (8, 8) and np.allclose(grid.sum(axis=1), 1, atol=1e-3)
