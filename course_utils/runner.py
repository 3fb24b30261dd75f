"""Execute lessons with papermill under the offline profile, render them, prepare them for nbval, bench them."""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

from . import notebooks
from .catalog import LANGUAGES, Lesson, check_language, lesson, ready_lessons

ROOT = notebooks.ROOT
BUILD = ROOT / "build"
EXPECTED = ROOT / "tests" / "expected_outputs"
OUTCOMES = ROOT / "tests" / "outcomes"


def offline_environment(lang: str) -> dict[str, str]:
    """Variables for a kernel that runs one edition under the offline profile."""
    return {"COURSE_OFFLINE": "1", "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1", "COURSE_LANG": lang,
            "TOKENIZERS_PARALLELISM": "false", "MPLBACKEND": "module://matplotlib_inline.backend_inline"}


def kernel_config():
    """Talk to the kernel over Unix sockets where the OS has them: no local port is opened, and ipykernel
    has no reason to warn that its TCP traffic is unencrypted."""
    from traitlets.config import Config

    return Config({"KernelManager": {"transport": "ipc"}}) if os.name == "posix" else Config()


def source_path(item: Lesson, lang: str) -> Path:
    path = ROOT / item.path(check_language(lang))
    if not path.exists():
        raise FileNotFoundError(f"{item.path(lang)} does not exist yet; `python -m course_utils list` shows ready lessons.")
    return path


def execute(key: str, lang: str, out_dir: Path = BUILD) -> Path:
    """Run one edition offline with papermill; the executed copy goes to `out_dir/<lang>/` (never the source)."""
    import papermill

    item = lesson(key)
    source = source_path(item, lang)
    work = Path(out_dir) / lang
    work.mkdir(parents=True, exist_ok=True)
    target = work / source.name
    saved = dict(os.environ)
    os.environ.update(offline_environment(lang))
    try:
        papermill.execute_notebook(
            str(source), str(target), parameters=item.offline_parameters,
            cwd=str(work), kernel_name="python3", progress_bar=False, log_output=False, config=kernel_config(),
        )
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return target


def render_html(executed: Path) -> Path:
    """An HTML page of an executed notebook next to it, for reading without Jupyter."""
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter().from_filename(str(executed))
    page = executed.with_suffix(".html")
    page.write_text(body, encoding="utf-8")
    return page


def prepare_for_tests(out_dir: Path) -> list[Path]:
    """Copies of every ready notebook with offline parameters injected and expected outputs filled in.

    nbval compares the cells tagged `nbval-check-output` with the outputs stored in the notebook; the
    source notebooks are committed without outputs, so the expected text lives in tests/expected_outputs.
    The assertions in tests/outcomes/<lesson>.py are appended as a last cell, so a lesson that runs but no
    longer learns fails too.
    """
    import papermill

    prepared = []
    for item in ready_lessons():
        expected = json.loads((EXPECTED / f"{item.key}.json").read_text(encoding="utf-8"))
        for lang in LANGUAGES:
            target = Path(out_dir) / lang / f"{item.key}.ipynb"
            target.parent.mkdir(parents=True, exist_ok=True)
            papermill.execute_notebook(str(source_path(item, lang)), str(target),
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


def outcome_cell(item: Lesson) -> dict:
    """The lesson's outcome assertions as a code cell for the test copy of its notebook."""
    path = OUTCOMES / f"{item.key}.py"
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: every ready lesson states what its offline run must achieve")
    return {"cell_type": "code", "id": "course-outcomes", "metadata": {"tags": ["course-outcomes"]},
            "execution_count": None, "outputs": [], "source": path.read_text(encoding="utf-8")}


def metric_text(executed: Path) -> str:
    """What the cell tagged `metric` printed in an executed notebook (progress widgets are skipped)."""
    for cell in notebooks.tagged(notebooks.read(executed), notebooks.METRIC_TAG):
        printed = [output["text"] for output in cell.get("outputs", []) if output.get("name") == "stdout"]
        if printed:
            return re.sub(r"\s+", " ", "".join("".join(text) for text in printed)).strip()
    return "—"


def bench(out_dir: Path = BUILD / "bench") -> Path:
    """Run each ready edition in a fresh process; write seconds, kernel peak memory and final metric."""
    rows = []
    for item in ready_lessons():
        for lang in LANGUAGES:
            report = Path(out_dir) / lang / f"{item.key}.json"
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "course_utils", "run", item.key, "--lang", lang,
                            "--out", str(out_dir), "--report", str(report)], check=True)
            seconds = time.perf_counter() - started
            peak = json.loads(report.read_text())["peak_rss_mib"]
            metric = metric_text(Path(out_dir) / lang / f"{item.key}.ipynb")
            rows.append(f"| {item.key} | {lang} | {seconds:.1f} | {peak:.0f} | {metric} |")
            print(rows[-1], flush=True)
    table = "\n".join(["| notebook | language | seconds | peak memory (MiB) | final metric |",
                       "|---|---|---:|---:|---|", *rows])
    path = BUILD / "bench.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{table}\n", encoding="utf-8")
    return path


def peak_child_rss_mib() -> float:
    """Largest resident memory of any finished child process (the notebook kernel), in MiB."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
