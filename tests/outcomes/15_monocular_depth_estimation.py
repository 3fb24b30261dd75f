# Run by `make test` as an extra last cell of lesson 15 (offline profile): the lesson's promises, checked.
# the pipeline gives the model's numbers and a picture of them, at the photo's size
assert set(result) == {"predicted_depth", "depth"} and result["depth"].size == photo.size
assert tuple(result["predicted_depth"].shape) == (photo.height, photo.width)
# by hand: the processor keeps the shape in multiples of the patch size; post-processing returns the picture's size
patch = model.config.patch_size
assert all(side % patch == 0 for side in inputs["pixel_values"].shape[-2:])
assert predicted.shape == scene.depth.shape
# by hand and the pipeline give the same map
assert np.allclose(depth_estimator(scene.image)["predicted_depth"].float().cpu().numpy(), predicted, atol=1e-3)
# the stand-in knows the drawn world's depth: the order of pixels nearly right, and in metres (after a scale and a
# shift) clearly closer than the lower-is-nearer guess, which cannot put a standing thing at one distance
assert np.mean(model_scores) >= 0.9 and np.mean(row_scores) >= 0.9, (model_scores, row_scores)
assert np.mean(model_errors) < np.mean(row_errors) - 0.05, (np.mean(model_errors), np.mean(row_errors))
# a scale and a shift turn it into metres: things come out near their true distance
fitted = [np.median(metres[scene.mask(t)]) / np.median(scene.depth[scene.mask(t)]) for t in scene.visible]
assert 0.5 < np.median(fitted) < 2, fitted
assert abs(relative_error(predicted, scene.depth) - model_errors[0]) < 1e-9
