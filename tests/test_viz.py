import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from course_utils import viz  # noqa: E402


@pytest.fixture(params=["en", "ko"])
def edition(request, monkeypatch):
    monkeypatch.setenv("COURSE_LANG", request.param)
    return request.param


def draw(fig):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph is a UserWarning: fail on it
        fig.canvas.draw()
    plt.close(fig)


def test_generic_words_follow_the_edition(edition):
    fig = viz.plot_loss([{"step": 1, "loss": 0.7}, {"step": 2, "loss": 0.5}, {"step": 2, "eval_loss": 0.6}])
    assert fig.axes[0].get_title() == {"en": "Training and evaluation loss", "ko": "훈련 손실과 평가 손실"}[edition]
    draw(fig)


def test_every_figure_draws_what_the_caller_passes(edition):
    figures = [
        (viz.plot_lengths([10, 50, 200, 90], 128, title="길이", xlabel="tokens", ylabel="n", limit_label="cut"), "길이"),
        (viz.plot_bars({"전": 0.5, "후": -0.9}, title="정확도 before/after", ylabel="acc", ylim=(-1, 1)),
         "정확도 before/after"),
        (viz.plot_similarity([[1.0, -0.1], [-0.1, 1.0]], ["A film", "마지막 장면까지 긴장을 놓을 수 없는 영화였다."],
                             title="유사도"), "유사도"),
    ]
    for fig, title in figures:
        assert fig.axes[0].get_title() == title
        draw(fig)


def test_confusion_counts_are_written_in_cells(edition):
    fig = viz.plot_confusion([0, 1, 1, 0], [0, 1, 0, 0], ["neg", "pos"])
    assert sorted(t.get_text() for t in fig.axes[0].texts) == ["0", "1", "1", "2"]
    draw(fig)


def test_only_a_fallback_font_is_added_to_the_learners_settings():
    families = plt.rcParams["font.family"]
    assert families[-1] == viz.KOREAN_FONT and families.count(viz.KOREAN_FONT) == 1
    assert plt.rcParams["axes.unicode_minus"] is True
    viz.register_korean_font()
    assert plt.rcParams["font.family"] == families


def test_entities_are_boxed_with_their_type_in_both_rows(edition):
    words = "saw The Quiet Foxes live in Port Avel last night".split()
    true = ["O", "B-group", "I-group", "I-group", "O", "O", "B-location", "I-location", "O", "O"]
    predicted = ["O", "B-group", "I-group", "I-group", "O", "O", "B-location", "O", "O", "O"]
    fig = viz.show_entities({"true": (words, true), "predicted": (words, predicted)}, title="post")
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert texts.count("group") == 2 and texts.count("location") == 2
    assert "The Quiet Foxes" in texts and "Port Avel" in texts and "Port" in texts  # one box per entity
    boxed = {t.get_text(): t.get_bbox_patch().get_facecolor() for t in fig.axes[0].texts if t.get_bbox_patch()}
    assert boxed["Port Avel"] == boxed["Port"] != boxed["The Quiet Foxes"], "one colour per entity type"
    draw(fig)


def test_segmentations_paint_each_class_in_its_own_colour_and_name_only_the_legend(edition):
    from PIL import Image

    picture = Image.new("RGB", (8, 4), "white")
    maps = [np.array([[0, 0, 1, 1]] * 4).repeat(2, axis=1), np.full((4, 8), 255), np.array([[7] * 8] * 4)]
    fig = viz.show_segmentations([picture] * 3, maps, ["a", "b", "c"], names={0: "sky", 1: "tree", 7: "bed"},
                                 title="지도", legend=[0, 1])
    assert [text.get_text() for text in fig.legends[0].get_texts()] == ["sky", "tree"]
    first = fig.axes[0].images[0].get_array()
    assert not np.allclose(first[0, 0], first[0, 7]), "two classes, two colours"
    assert np.allclose(fig.axes[1].images[0].get_array(), 1.0), "ignored pixels stay unpainted"
    assert fig.texts[0].get_text() == "지도"
    draw(fig)


def test_detections_are_drawn_with_names_and_scores(edition):
    from PIL import Image

    picture = Image.new("RGB", (64, 48), "white")
    fig = viz.show_detections([picture, picture],
                              [{"boxes": [[4, 4, 30, 20]], "labels": [1]},
                               {"boxes": [[5, 5, 31, 21]], "labels": [1], "scores": [0.87]}],
                              ["정답", "예측"], names={1: "Mask"}, title="상자", columns=2)
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert texts == ["Mask", "Mask 0.87"] and len(fig.axes[1].patches) == 1
    draw(fig)
