"""Command line: `python -m course_utils list | run | check | bench | sync | prepare-tests`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import catalog, notebooks, runner


def _list(_: argparse.Namespace) -> None:
    for item in catalog.LESSONS:
        state = "ready  " if item.ready else "planned"
        print(f"{item.number:02d}  {state}  {item.title_en}  ·  {item.title_ko}")


def _run(args: argparse.Namespace) -> None:
    executed = runner.execute(args.lesson, args.lang, Path(args.out))
    print(f"Executed notebook: {executed}")
    if args.html:
        print(f"HTML rendering:    {runner.render_html(executed)}")
    if args.report:
        Path(args.report).parent.mkdir(parents=True, exist_ok=True)
        Path(args.report).write_text(json.dumps({"peak_rss_mib": runner.peak_child_rss_mib()}))


def _check(_: argparse.Namespace) -> None:
    """Quick self-check a learner can run: every ready lesson exists, and the offline stand-ins load."""
    from . import data, models

    for item in catalog.ready_lessons():
        for lang in catalog.LANGUAGES:
            runner.source_path(item, lang)
    for name in catalog.DATASET_STANDINS:
        print(f"sample  {name}: {data.split_sizes(name)}")
    print(f"weights {catalog.MINILM_NAME}: SHA-256 verified at {models.minilm_dir()}")
    print("All ready lessons and offline stand-ins are in place.")


def _sync(_: argparse.Namespace) -> None:
    changed = notebooks.sync()
    print("\n".join(f"updated {path}" for path in changed) or f"All notebooks already point at {catalog.REPOSITORY}.")


def _prepare(args: argparse.Namespace) -> None:
    for path in runner.prepare_for_tests(Path(args.out)):
        print(f"prepared {path}")


def _bench(_: argparse.Namespace) -> None:
    print(f"Benchmark table: {runner.bench()}")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m course_utils", description=__doc__)
    commands = top.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="lessons of the course").set_defaults(func=_list)
    run = commands.add_parser("run", help="execute one lesson offline into build/")
    run.add_argument("lesson", help="number or file stem, e.g. 01 or 01_text_classification")
    run.add_argument("--lang", default="en", help="en or ko")
    run.add_argument("--out", default=str(runner.BUILD), help="folder for the executed copy")
    run.add_argument("--html", action="store_true", help="also write an HTML rendering")
    run.add_argument("--report", help=argparse.SUPPRESS)
    run.set_defaults(func=_run)
    commands.add_parser("check", help="verify lessons, samples and stand-in weights").set_defaults(func=_check)
    commands.add_parser("sync", help="rewrite badges and install cells from catalog.REPOSITORY").set_defaults(func=_sync)
    prepare = commands.add_parser("prepare-tests", help="parameterize notebooks for nbval")
    prepare.add_argument("--out", default=str(runner.BUILD / "nbtest"))
    prepare.set_defaults(func=_prepare)
    commands.add_parser("bench", help="time every ready notebook offline; writes build/bench.md").set_defaults(func=_bench)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        if getattr(args, "lang", None):
            catalog.check_language(args.lang)
        if getattr(args, "lesson", None):
            catalog.lesson(args.lesson)
        args.func(args)
    except (KeyError, ValueError, FileNotFoundError, RuntimeError) as error:
        message = error.args[0] if isinstance(error, KeyError) and error.args else error
        print(f"error: {message}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
