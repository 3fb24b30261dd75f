import pytest
import torch

from course_utils.detection import mean_average_precision

TRUTH = {"boxes": torch.tensor([[10.0, 10, 50, 40], [60, 60, 90, 100]]), "labels": torch.tensor([0, 2])}


def test_the_truth_scores_one_and_a_class_without_boxes_is_left_out():
    scores = mean_average_precision([TRUTH], [{**TRUTH, "scores": torch.tensor([0.9, 0.8])}], 5)
    assert scores["map"] == pytest.approx(1.0) and scores["map_50"] == pytest.approx(1.0)
    assert scores["map_per_class"] == pytest.approx([1.0, -1.0, 1.0, -1.0, -1.0])


def test_loose_boxes_count_at_iou_half_but_not_at_three_quarters():
    loose = TRUTH["boxes"] + torch.tensor([0.0, 0, 8, 6])  # IoU 0.69 with each true box
    scores = mean_average_precision([TRUTH], [{**TRUTH, "boxes": loose, "scores": torch.tensor([0.9, 0.8])}], 5)
    assert scores["map_50"] == pytest.approx(1.0) and scores["map_75"] == 0.0
    assert scores["map"] == pytest.approx(0.4)  # a hit at IoU 0.50, 0.55, 0.60 and 0.65: four thresholds of ten


def test_a_wrong_class_or_nothing_found_scores_zero():
    wrong = {**TRUTH, "labels": torch.tensor([1, 3]), "scores": torch.tensor([0.9, 0.8])}
    assert mean_average_precision([TRUTH], [wrong], 5)["map"] == 0.0
    nothing = {"boxes": torch.zeros(0, 4), "labels": torch.zeros(0), "scores": torch.zeros(0)}
    assert mean_average_precision([TRUTH], [nothing], 5)["map_per_class"] == [0.0, -1.0, 0.0, -1.0, -1.0]


def test_one_prediction_per_picture_is_required():
    with pytest.raises(ValueError, match="one of each per picture"):
        mean_average_precision([TRUTH, TRUTH], [{**TRUTH, "scores": torch.tensor([0.9, 0.8])}], 5)


def test_iou_of_boxes_in_corners():
    from course_utils.detection import iou

    assert iou([0, 0, 10, 10], [0, 0, 10, 10]) == 1.0 and iou([0, 0, 10, 10], [10, 10, 20, 20]) == 0.0
    assert iou([0, 0, 10, 10], [5, 0, 15, 10]) == pytest.approx(50 / 150)
