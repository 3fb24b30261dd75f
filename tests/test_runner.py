import pytest

from course_utils import notebooks, runner
from course_utils.catalog import lesson


def test_parameters_from_the_command_line_are_python_values():
    pairs = [["train_size", "100"], ["learning_rate", "3e-5"], ["push_to_hub", "False"], ["output_dir", "runs/a"]]
    assert runner.parse_parameters(pairs, lesson("01")) == {
        "train_size": 100, "learning_rate": 3e-5, "push_to_hub": False, "output_dir": "runs/a"}


def test_an_unknown_parameter_lists_the_lessons_own():
    with pytest.raises(ValueError, match="01_text_classification has no parameter 'epochs'.*num_train_epochs"):
        runner.parse_parameters([["epochs", "3"]], lesson("01"))


def test_a_failed_run_names_the_cell_and_the_partly_executed_notebook(monkeypatch, tmp_path, capsys):
    source = tmp_path / "broken.ipynb"
    cells = [{"cell_type": "code", "id": "parameters", "metadata": {"tags": ["parameters"]}, "execution_count": None,
              "outputs": [], "source": "train_size = 1"},
             {"cell_type": "code", "id": "boom", "metadata": {}, "execution_count": None, "outputs": [],
              "source": "print('first part ran')\nraise ValueError('train_size is too small')"}]
    notebooks.write(source, {"cells": cells, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                                          "language": "python"}},
                             "nbformat": 4, "nbformat_minor": 5})
    monkeypatch.setattr(runner, "source_path", lambda item, lang: source)
    with pytest.raises(RuntimeError) as caught:
        runner.execute("01", "en", tmp_path / "out")
    message = caught.value.args[0]
    assert "failed in cell 'boom' (ValueError: train_size is too small)" in message
    partial = tmp_path / "out" / "en" / "broken.ipynb"
    assert f"The partly executed notebook is {partial}" in message
    assert "first part ran" in str(notebooks.read(partial)["cells"])
    assert "[ 3/3] boom" in capsys.readouterr().out, "progress names each cell as it runs"


def test_the_benchmark_metric_is_one_table_cell(tmp_path):
    printed = {"output_type": "stream", "name": "stdout", "text": ["mAP 0.05 | 0.33\n", "on 59 scenes\n"]}
    cells = [{"cell_type": "code", "id": "m", "metadata": {"tags": [notebooks.METRIC_TAG]}, "execution_count": 1,
              "outputs": [printed], "source": "print()"}]
    path = tmp_path / "run.ipynb"
    notebooks.write(path, {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
    assert runner.metric_text(path) == "mAP 0.05 \\| 0.33 on 59 scenes"
