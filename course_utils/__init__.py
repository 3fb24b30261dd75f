"""Helpers for the Hugging Face task-guide course: plumbing only, never the lesson itself.

Notebooks use `import course_utils as course`, then `course.setup()` and `course.resolve(...)`.
Figures live in `course_utils.viz` (imported on demand, since it loads matplotlib).
"""

from .catalog import LESSONS, lesson, lesson_rows
from .env import setup
from .hub import ready_to_push
from .offline import resolve


def lesson_map():
    """The course map as a table, in the running edition's language."""
    import pandas as pd

    from .lang import notebook_language

    return pd.DataFrame(lesson_rows(notebook_language())).set_index("#")


__all__ = ["LESSONS", "lesson", "lesson_map", "ready_to_push", "resolve", "setup"]
__version__ = "0.1.0"
