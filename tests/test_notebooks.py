"""Structure of every lesson notebook, checked against the catalog."""

import json
import re

import pytest

import prepare
from course_utils import catalog, notebooks
from course_utils.catalog import LANGUAGES, ready_lessons

EDITIONS = [(item, lang) for item in ready_lessons() for lang in LANGUAGES]
IDS = [f"{lang}/{item.key}" for item, lang in EDITIONS]
HANGUL = re.compile("[가-힣]")


def load(item, lang):
    return notebooks.read(notebooks.ROOT / item.path(lang))


def test_every_notebook_on_disk_is_a_ready_catalog_lesson():
    on_disk = {p.relative_to(notebooks.ROOT).as_posix() for p in (notebooks.ROOT / "notebooks").rglob("*.ipynb")}
    assert on_disk == {item.path(lang) for item, lang in EDITIONS}


@pytest.mark.parametrize(("item", "lang"), EDITIONS, ids=IDS)
def test_layout(item, lang):
    nb = load(item, lang)
    cells = nb["cells"]
    assert nb["metadata"]["course"] == {"lesson": item.key, "lang": lang}
    assert cells[0]["cell_type"] == "markdown"
    assert notebooks.source(cells[0]).splitlines()[0] == f"# {item.title(lang)}", "the heading is the catalog's title"
    assert notebooks.badge(item, lang) in notebooks.source(cells[0]), "badge must point at this very file"
    prose = "".join(notebooks.source(c) for c in cells if c["cell_type"] == "markdown")
    assert all(item.guide_url(edition) in prose for edition in {"en", lang}), "link the guide (in Korean too)"
    assert len(notebooks.tagged(nb, notebooks.PARAMETERS_TAG)) == 1
    install = notebooks.tagged(nb, notebooks.INSTALL_TAG)
    assert len(install) == 1 and notebooks.pip_line() in notebooks.source(install[0])
    assert 'if "google.colab" in sys.modules:' in notebooks.source(install[0])
    assert "course_utils.report_restart()" in notebooks.source(install[0]), "say whether Colab must restart"
    assert cells.index(install[0]) < cells.index(notebooks.tagged(nb, notebooks.PARAMETERS_TAG)[0])
    assert any(notebooks.source(c).startswith(("## Exercises", "## 연습 문제")) for c in cells)


@pytest.mark.parametrize(("item", "lang"), EDITIONS, ids=IDS)
def test_committed_clean(item, lang):
    for cell in load(item, lang)["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, cell["id"]
        text = notebooks.source(cell)
        assert not re.search(r"(/home/|/root/|/Users/|/work/|[A-Z]:\\\\)", text), f"absolute path in {cell['id']}"
        if cell["cell_type"] == "markdown":  # nested lists in code are fine; [[open-in-colab]] in prose is not
            assert "<Tip" not in text and "[[" not in text, "raw doc markup"


@pytest.mark.parametrize(("item", "lang"), EDITIONS, ids=IDS)
def test_offline_parameters_exist_in_the_parameters_cell(item, lang):
    nb = load(item, lang)
    params = notebooks.source(notebooks.tagged(nb, notebooks.PARAMETERS_TAG)[0])
    assert set(item.offline_parameters) <= notebooks.parameter_names(nb)
    if item.checkpoint:
        assert f'"{item.checkpoint}"' in params
    if item.dataset:  # by name, or by the address of one of its raw files (on any branch)
        assert f'"{item.dataset}"' in params or re.search(f'"hf://datasets/{item.dataset}[@/]', params)


@pytest.mark.parametrize("item", ready_lessons(), ids=lambda i: i.key)
def test_code_is_identical_across_editions(item):
    en, ko = (load(item, lang) for lang in ("en", "ko"))
    assert notebooks.code_without_comments(en) == notebooks.code_without_comments(ko)
    code_ids = [[c["id"] for c in nb["cells"] if c["cell_type"] == "code"] for nb in (en, ko)]
    assert code_ids[0] == code_ids[1]


@pytest.mark.parametrize("item", ready_lessons(), ids=lambda i: i.key)
def test_korean_edition_is_written_in_korean(item):
    prose = [notebooks.source(c) for c in load(item, "ko")["cells"] if c["cell_type"] == "markdown"]
    assert all(HANGUL.search(text) for text in prose), "every Korean markdown cell has Korean text"
    english = [notebooks.source(c) for c in load(item, "en")["cells"] if c["cell_type"] == "markdown"]
    assert not any(HANGUL.search(text) for text in english[:1])


@pytest.mark.parametrize("item", ready_lessons(), ids=lambda i: i.key)
def test_checked_cells_have_expected_outputs(item):
    expected = json.loads((notebooks.ROOT / "tests" / "expected_outputs" / f"{item.key}.json").read_text())
    checked = {c["id"] for c in notebooks.tagged(load(item, "en"), notebooks.CHECK_TAG)}
    assert checked and checked == set(expected)


@pytest.mark.parametrize("item", ready_lessons(), ids=lambda i: i.key)
def test_every_lesson_states_its_offline_outcomes(item):
    cell = prepare.outcome_cell(item)
    source = notebooks.source(cell)
    compile(source, f"{item.key} outcomes", "exec")
    assert source.count("assert ") >= 3


def test_a_lesson_without_outcomes_is_reported(monkeypatch, tmp_path):
    monkeypatch.setattr(prepare, "OUTCOMES", tmp_path)
    with pytest.raises(FileNotFoundError, match="01_text_classification.py is missing"):
        prepare.outcome_cell(catalog.lesson("01"))


@pytest.mark.parametrize("item", ready_lessons(), ids=lambda i: i.key)
def test_training_lessons_use_mixed_precision_on_a_gpu(item):
    code = "\n".join(notebooks.code_without_comments(load(item, "en")))
    if "TrainingArguments(" in code:
        assert "fp16=torch.cuda.is_available()" in code
    assert "set_seed(seed)" in code, "seeding is shown in the lesson, not hidden in a helper"


def test_comment_stripping_keeps_strings_and_magics():
    nb = {"cells": [{"cell_type": "code", "source": 'x = "# not a comment"  # a comment\n%pip install a\n# only\n'}]}
    assert notebooks.code_without_comments(nb) == ['x = "# not a comment"\n%pip install a']


def test_sync_follows_a_fork(monkeypatch, tmp_path):
    for item, lang in EDITIONS:
        target = tmp_path / item.path(lang)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text((notebooks.ROOT / item.path(lang)).read_text())
    monkeypatch.setattr(catalog, "REPOSITORY", "someone/fork")
    monkeypatch.setattr(notebooks, "REPOSITORY", "someone/fork")
    assert len(notebooks.sync(tmp_path)) == len(EDITIONS)
    for item, lang in EDITIONS:
        text = (tmp_path / item.path(lang)).read_text()
        assert "github/someone/fork/blob/" in text and "github.com/someone/fork@" in text
    assert notebooks.sync(tmp_path) == []
