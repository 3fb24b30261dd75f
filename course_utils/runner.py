"""Execute lessons with papermill under the offline profile, show progress, render them, and bench them."""

from __future__ import annotations

import ast
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
from .env import OFFLINE_ENV
from .paths import BUILD, ROOT


def offline_environment(lang: str) -> dict[str, str]:
    """Variables for a kernel that runs one edition under the offline profile, without frozen progress bars."""
    return {**OFFLINE_ENV, "COURSE_LANG": lang, "TOKENIZERS_PARALLELISM": "false",
            "HF_HUB_DISABLE_PROGRESS_BARS": "1", "HF_DATASETS_DISABLE_PROGRESS_BARS": "1",
            "MPLBACKEND": "module://matplotlib_inline.backend_inline"}


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


def parse_parameters(pairs: list[list[str]], item: Lesson) -> dict:
    """`-p name value` pairs as Python values, for names that the lesson's parameters cell defines."""
    known = notebooks.parameter_names(notebooks.read(source_path(item, "en")))
    parsed = {}
    for name, text in pairs:
        if name not in known:
            raise ValueError(f"{item.key} has no parameter {name!r}; its parameters cell defines: {', '.join(sorted(known))}.")
        try:
            parsed[name] = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            parsed[name] = text  # a bare word is a string, as papermill's own -p treats it
    return parsed


class Progress:
    """Prints each code cell as it starts and how long it took, so a person can watch a run."""

    def __init__(self, total: int) -> None:
        self.total, self.done, self.started = total, 0, time.perf_counter()

    def start(self, cell, **_) -> None:
        if cell.cell_type == "code":
            self.done += 1
            self.cell_started = time.perf_counter()
            injected = "injected-parameters" in cell.get("metadata", {}).get("tags", [])
            label = "(papermill's parameters)" if injected else cell.get("id", "?")
            print(f"  [{self.done:2d}/{self.total}] {label:<14}", end="", flush=True)

    def complete(self, cell, **_) -> None:
        if cell.cell_type == "code":
            print(f" {time.perf_counter() - self.cell_started:6.1f} s", flush=True)


def execute(key: str, lang: str, out_dir: Path = BUILD, parameters: dict | None = None, quiet: bool = False) -> Path:
    """Run one edition offline with papermill; the executed copy goes to `out_dir/<lang>/` (never the source).

    `parameters` override the lesson's offline parameters one by one. A failed run says where the partly
    executed notebook is.
    """
    import papermill

    item = lesson(key)
    source = source_path(item, lang)
    work = Path(out_dir) / lang
    work.mkdir(parents=True, exist_ok=True)
    target = work / source.name
    parameters = {**item.offline_parameters, **(parameters or {})}
    # papermill adds one code cell after the parameters cell when it injects values
    code_cells = sum(c["cell_type"] == "code" for c in notebooks.read(source)["cells"]) + bool(parameters)
    progress = Progress(code_cells)
    hooks = {} if quiet else {"on_cell_start": progress.start, "on_cell_executed": progress.complete}
    if not quiet:
        print(f"Running {item.path(lang)} offline ({code_cells} code cells):", flush=True)
    saved = dict(os.environ)
    os.environ.update(offline_environment(lang))
    try:
        papermill.execute_notebook(
            str(source), str(target), parameters=parameters,
            cwd=str(work), kernel_name="python3", progress_bar=False, log_output=False, config=kernel_config(),
            **hooks,
        )
    except papermill.PapermillExecutionError as error:
        failed = next((cell.get("id") for cell in notebooks.read(target)["cells"]
                       if any(output.get("output_type") == "error" for output in cell.get("outputs", []))), "?")
        raise RuntimeError(f"{item.path(lang)} failed in cell {failed!r} ({error.ename}: {error.evalue}). "
                           f"The partly executed notebook is {target}.") from None
    finally:
        os.environ.clear()
        os.environ.update(saved)
    if not quiet:
        print(f"  done in {time.perf_counter() - progress.started:.1f} s", flush=True)
    return target


def render_html(executed: Path) -> Path:
    """An HTML page of an executed notebook next to it, for reading without Jupyter."""
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter().from_filename(str(executed))
    page = executed.with_suffix(".html")
    page.write_text(body, encoding="utf-8")
    return page


def metric_text(executed: Path) -> str:
    """What the first cell tagged `metric` printed in an executed notebook, on one line of a Markdown table (progress
    widgets are skipped, a `|` is escaped)."""
    for cell in notebooks.tagged(notebooks.read(executed), notebooks.METRIC_TAG):
        printed = [output["text"] for output in cell.get("outputs", []) if output.get("name") == "stdout"]
        if printed:
            return re.sub(r"\s+", " ", "".join("".join(text) for text in printed)).strip().replace("|", "\\|")
    return "—"


def bench(out_dir: Path = BUILD / "bench") -> Path:
    """Run each ready edition in a fresh process; write seconds, kernel peak memory and final metric."""
    rows = []
    for item in ready_lessons():
        for lang in LANGUAGES:
            report = Path(out_dir) / lang / f"{item.key}.json"
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "course_utils", "run", item.key, "--lang", lang, "--quiet",
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
