"""Test copies of the lessons for nbval, and the expected outputs they are compared with.

    python tests/prepare.py --out build/nbtest   # copies with offline parameters, expected outputs, outcomes
    python tests/prepare.py --standins           # build every model stand-in into the cache (make test does)
    python tests/prepare.py --regenerate         # run every lesson offline, store what its checked cells print

nbval compares the cells tagged `nbval-check-output` with the outputs stored in the notebook; the source
notebooks are committed without outputs, so the expected text lives in tests/expected_outputs. The
assertions in tests/outcomes/<lesson>.py are appended as a last cell, so a lesson that runs but no longer
learns fails too.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from course_utils import notebooks, runner
from course_utils.catalog import LANGUAGES, Lesson, ready_lessons

TESTS = Path(__file__).resolve().parent
EXPECTED = TESTS / "expected_outputs"
OUTCOMES = TESTS / "outcomes"


def outcome_cell(item: Lesson) -> dict:
    """The lesson's outcome assertions as a code cell for the test copy of its notebook."""
    path = OUTCOMES / f"{item.key}.py"
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: every ready lesson states what its offline run must achieve")
    return {"cell_type": "code", "id": "course-outcomes", "metadata": {"tags": ["course-outcomes"]},
            "execution_count": None, "outputs": [], "source": path.read_text(encoding="utf-8")}


def prepare(out_dir: Path) -> list[Path]:
    """Copies of every ready notebook with offline parameters injected and expected outputs filled in."""
    import papermill

    prepared = []
    for item in ready_lessons():
        expected = json.loads((EXPECTED / f"{item.key}.json").read_text(encoding="utf-8"))
        for lang in LANGUAGES:
            target = Path(out_dir) / lang / f"{item.key}.ipynb"
            target.parent.mkdir(parents=True, exist_ok=True)
            papermill.execute_notebook(str(runner.source_path(item, lang)), str(target),
                                       parameters=item.offline_parameters, prepare_only=True, progress_bar=False)
            notebook = notebooks.read(target)
            for cell in notebooks.tagged(notebook, notebooks.CHECK_TAG):
                if cell["id"] not in expected:
                    raise KeyError(f"{target}: no expected output for checked cell {cell['id']} in {EXPECTED}")
                cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": expected[cell["id"]]}]
                cell["execution_count"] = 1  # nbval only compares cells that look executed
            notebook["cells"].append(outcome_cell(item))
            notebooks.write(target, notebook)
            prepared.append(target)
    return prepared


def printed(cell: dict) -> str:
    return "".join("".join(o["text"]) for o in cell.get("outputs", []) if o.get("name") == "stdout")


def regenerate() -> list[Path]:
    """Run each ready lesson offline (English edition) and store what its checked cells print."""
    written = []
    with tempfile.TemporaryDirectory() as scratch:
        for item in ready_lessons():
            executed = notebooks.read(runner.execute(item.key, "en", Path(scratch)))
            expected = {cell["id"]: printed(cell) for cell in notebooks.tagged(executed, notebooks.CHECK_TAG)}
            path = EXPECTED / f"{item.key}.json"
            path.write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            written.append(path)
    return written


def build_standins() -> list[Path]:
    """Build every model stand-in into the cache once, before the test workers start: with both cores here, rather
    than in the first notebook that needs one while the other worker waits for it."""
    from course_utils import models
    from course_utils.catalog import MODEL_STANDINS

    return [models.standin_path(checkpoint) for checkpoint, spec in MODEL_STANDINS.items()
            if spec.kind != "course-pretrained" or spec.files]  # one not pretrained yet serves no ready lesson


def main(argv: list[str] | None = None) -> int:
    top = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    top.add_argument("--out", type=Path, help="folder for the nbval copies")
    top.add_argument("--regenerate", action="store_true", help="rewrite tests/expected_outputs from a fresh run")
    top.add_argument("--standins", action="store_true", help="build every model stand-in into the cache first")
    args = top.parse_args(argv)
    if args.standins:
        for path in build_standins():
            print(f"stand-in ready: {path}")
    if args.regenerate:
        for path in regenerate():
            print(f"wrote {path}")
    if args.out:
        for path in prepare(args.out):
            print(f"prepared {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
