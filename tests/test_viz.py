import warnings

import matplotlib

matplotlib.use("Agg")
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
    matplotlib.pyplot.close(fig)


def test_korean_labels_render_without_missing_glyphs(monkeypatch):
    monkeypatch.setenv("COURSE_LANG", "ko")
    history = [{"step": 1, "loss": 0.7}, {"step": 2, "loss": 0.5}, {"step": 2, "eval_loss": 0.6}]
    fig = viz.plot_loss(history)
    assert fig.axes[0].get_title() == "훈련 손실과 평가 손실"
    draw(fig)


def test_every_figure_renders_in_both_editions(edition):
    figures = [
        viz.plot_lengths([10, 50, 200, 90], max_length=128),
        viz.plot_confusion([0, 1, 1, 0], [0, 1, 0, 0], ["neg", "pos"]),
        viz.plot_before_after(0.5, 0.9),
        viz.plot_similarity([[1.0, -0.1], [-0.1, 1.0]], ["A film", "마지막 장면까지 긴장을 놓을 수 없는 영화였다."]),
    ]
    for fig in figures:
        assert fig.axes[0].get_title() in {text[key] for text in viz.TEXT.values() for key in text}
        draw(fig)


def test_confusion_counts_are_written_in_cells():
    fig = viz.plot_confusion([0, 1, 1, 0], [0, 1, 0, 0], ["neg", "pos"])
    assert sorted(t.get_text() for t in fig.axes[0].texts) == ["0", "1", "1", "2"]
