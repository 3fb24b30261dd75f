"""Helpers for the Hugging Face task-guide course: plumbing only, never the lesson itself.

Notebooks use `import course_utils as course`, then `course.setup()` and `course.resolve(...)`.
Figures live in `course_utils.viz` (imported on demand, since it loads matplotlib).
"""

from .catalog import LESSONS, lesson, lesson_rows
from .checks import ParameterError, report_restart, require_positive
from .env import setup
from .hub import ready_to_push
from .lang import say
from .offline import resolve

__version__ = "0.2.0"


def lesson_map():
    """The course map as a table, in the running edition's language."""
    import pandas as pd

    from .lang import notebook_language

    return pd.DataFrame(lesson_rows(notebook_language())).set_index("#")


__all__ = ["LESSONS", "ParameterError", "lesson", "lesson_map", "ready_to_push", "report_restart",
           "require_positive", "resolve", "say", "setup"]
