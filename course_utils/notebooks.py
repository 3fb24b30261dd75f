"""What every lesson notebook must contain, derived from the catalog, and the tools that keep it so.

The Colab badge and the Colab install cell are generated from `catalog.REPOSITORY`; `sync` rewrites them
after a fork changes that one setting, and the structural tests compare notebooks against these functions.
"""

from __future__ import annotations

import io
import json
import re
import tokenize
from pathlib import Path

from .catalog import BRANCH, LANGUAGES, LESSONS, REPOSITORY, Lesson, ready_lessons
from .paths import ROOT

BADGE_IMAGE = "https://colab.research.google.com/assets/colab-badge.svg"
INSTALL_TAG = "install"
PARAMETERS_TAG = "parameters"
CHECK_TAG = "nbval-check-output"
METRIC_TAG = "metric"

_BADGE = re.compile(r"\[!\[Open In Colab\]\([^)]*\)\]\([^)]*\)")
_PIP = re.compile(r'%pip install --quiet "course-utils @ git\+https://github\.com/[^"]*"')


def badge(lesson: Lesson, lang: str) -> str:
    """Markdown for the 'Open in Colab' badge of one edition."""
    return f"[![Open In Colab]({BADGE_IMAGE})]({lesson.colab_url(lang)})"


def pip_line() -> str:
    """The line of the Colab install cell that brings this course's package and its pinned libraries."""
    return f'%pip install --quiet "course-utils @ git+https://github.com/{REPOSITORY}@{BRANCH}"'


def readme_table() -> str:
    """The README's lesson table: each lesson with links and Colab badges for both editions."""
    rows = ["| # | Lesson | 강의 | English | 한국어 |", "|---|---|---|---|---|"]
    for item in LESSONS:
        if item.ready:
            links = [f"[notebook]({item.path(lang)}) {badge(item, lang)}" for lang in LANGUAGES]
        else:
            links = ["planned", "준비 중"]
        title = f"[{item.title_en}]({item.guide})"
        rows.append(f"| {item.number:02d} | {title} | {item.title_ko} | {links[0]} | {links[1]} |")
    return "\n".join(rows)


def read(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def write(path: Path, notebook: dict) -> None:
    Path(path).write_text(json.dumps(notebook, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def source(cell: dict) -> str:
    text = cell.get("source", "")
    return "".join(text) if isinstance(text, list) else text


def tagged(notebook: dict, tag: str) -> list[dict]:
    return [cell for cell in notebook["cells"] if tag in cell.get("metadata", {}).get("tags", [])]


def parameter_names(notebook: dict) -> set[str]:
    """The names that the notebook's parameters cell assigns (what papermill and `run -p` may set)."""
    return set(re.findall(r"^(\w+) =", source(tagged(notebook, PARAMETERS_TAG)[0]), flags=re.M))


def code_without_comments(notebook: dict) -> list[str]:
    """Each code cell with comments and blank lines removed: what must match across editions.

    String literals are kept whole, so a '#' inside quotes is not mistaken for a comment.
    """
    cells = []
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        lines = source(cell).splitlines()
        magics = {i for i, line in enumerate(lines) if line.lstrip().startswith(("%", "!"))}
        python = "\n".join("pass" if i in magics else line for i, line in enumerate(lines)) + "\n"
        comments = {}
        for token in tokenize.generate_tokens(io.StringIO(python).readline):
            if token.type == tokenize.COMMENT:
                comments[token.start[0] - 1] = token.start[1]
        kept = [
            (lines[i] if i in magics else lines[i][: comments.get(i, len(lines[i]))]).rstrip()
            for i in range(len(lines))
        ]
        cells.append("\n".join(line for line in kept if line.strip()))
    return cells


def sync(root: Path = ROOT) -> list[Path]:
    """Rewrite badges and install lines of every existing notebook from the catalog; return what changed."""
    changed = []
    for lesson in ready_lessons():
        for lang in LANGUAGES:
            path = root / lesson.path(lang)
            if not path.exists():
                continue
            notebook = read(path)
            before = json.dumps(notebook)
            for cell in notebook["cells"]:
                text = _BADGE.sub(badge(lesson, lang), source(cell))
                cell["source"] = _PIP.sub(pip_line(), text)
            if json.dumps(notebook) != before:
                write(path, notebook)
                changed.append(path)
    return changed
