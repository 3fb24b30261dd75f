"""Command line: `python -m course_utils list | run | check | bench | sync | rehearse | sample | corpus | pretrain`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import catalog, notebooks, runner
from .hashing import sha256
from .paths import BUILD, folder_name


def _list(_: argparse.Namespace) -> None:
    for item in catalog.LESSONS:
        state = "ready  " if item.ready else "planned"
        print(f"{item.number:02d}  {state}  {item.title_en}  ·  {item.title_ko}")


def _run(args: argparse.Namespace) -> None:
    parameters = runner.parse_parameters(args.parameter or [], catalog.lesson(args.lesson))
    executed = runner.execute(args.lesson, args.lang, Path(args.out), parameters, quiet=args.quiet)
    print(f"Executed notebook: {executed}")
    if args.html:
        print(f"HTML rendering:    {runner.render_html(executed)}")
    if args.report:
        Path(args.report).parent.mkdir(parents=True, exist_ok=True)
        Path(args.report).write_text(json.dumps({"peak_rss_mib": runner.peak_child_rss_mib()}))


def _check(_: argparse.Namespace) -> None:
    """Self-check a learner can run: ready lessons exist, samples match their pins and cards, stand-ins load."""
    from . import data, models
    from .hashing import sha256
    from .paths import data_root

    for item in catalog.ready_lessons():
        for lang in catalog.LANGUAGES:
            runner.source_path(item, lang)
    failures = []
    for name, spec in catalog.DATASET_STANDINS.items():
        folder = data_root() / spec.folder
        try:
            print(f"sample  {name}: {data.split_sizes(name)}")
        except data.SampleError as error:
            failures.append(str(error))
            print("\n".join(f"        {file}: {sha256(folder / file)}" for file in spec.files if (folder / file).is_file()))
            continue
        failures += data.problems(folder)
    for name in catalog.PACKAGES:
        print(f"weights {name}: weights, config and tokenizer verified at {models.package_dir(name)}")
    if failures:
        raise ValueError("\n".join(failures))
    print("All ready lessons and offline stand-ins are in place.")


def _sync(_: argparse.Namespace) -> None:
    changed = notebooks.sync()
    print("\n".join(f"updated {path}" for path in changed) or f"All notebooks already point at {catalog.REPOSITORY}.")


def _bench(_: argparse.Namespace) -> None:
    print(f"Benchmark table: {runner.bench()}")


def _rehearse(args: argparse.Namespace) -> None:
    from . import rehearsal

    parameters = runner.parse_parameters(args.parameter or [], catalog.lesson(args.lesson))
    print(f"Rehearsal report: {rehearsal.rehearse(args.lesson, Path(args.out), args.gpu_gib, args.tokenizer, parameters)}")


def _sample(args: argparse.Namespace) -> None:
    from . import samples

    for path in samples.write(args.dataset):
        print(f"{path}  {sha256(path)}")


def _corpus(args: argparse.Namespace) -> None:
    from . import debian

    files = debian.index_files(Path(args.lists), args.release)
    counts = debian.build_corpus(files["en"], files["fr"], Path(args.out))
    print(f"{counts['english']:,} English descriptions, {counts['french']:,} of them in French too → {args.out}")


def _pretrain(args: argparse.Namespace) -> None:
    from . import pretrain

    out = Path(args.out) if args.out else BUILD / "standins" / folder_name(args.checkpoint)
    done = pretrain.pretrain(args.checkpoint, Path(args.corpus), out, args.minutes, args.steps, args.batch_size,
                             learning_rate=args.learning_rate, drawn=args.drawn)
    print(f"Pretrained: {done}")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m course_utils", description=__doc__)
    commands = top.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="lessons of the course").set_defaults(func=_list)
    run = commands.add_parser("run", help="execute one lesson offline into build/")
    run.add_argument("lesson", help="number or file stem, e.g. 01 or 01_text_classification")
    run.add_argument("--lang", default="en", help="en or ko")
    run.add_argument("-p", "--parameter", nargs=2, action="append", metavar=("NAME", "VALUE"),
                     help="override one parameter, e.g. -p train_size 100 (the other offline settings stay)")
    run.add_argument("--out", default=str(BUILD), help="folder for the executed copy")
    run.add_argument("--html", action="store_true", help="also write an HTML rendering")
    run.add_argument("--quiet", action="store_true", help="do not print each cell as it runs")
    run.add_argument("--report", help=argparse.SUPPRESS)
    run.set_defaults(func=_run)
    commands.add_parser("check", help="verify lessons, samples and stand-in weights").set_defaults(func=_check)
    commands.add_parser("sync", help="rewrite badges and install cells from catalog.REPOSITORY").set_defaults(func=_sync)
    commands.add_parser("bench", help="time every ready notebook offline; writes build/bench.md").set_defaults(func=_bench)
    rehearse = commands.add_parser("rehearse", help="run a lesson's Colab defaults at real size on a GPU (random "
                                                    "weights, synthetic data of the real shape) and time each cell")
    rehearse.add_argument("lesson")
    rehearse.add_argument("--out", default=str(BUILD / "rehearsal"))
    rehearse.add_argument("--gpu-gib", type=float, default=15.0, help="cap GPU memory like a T4's 15 GiB")
    rehearse.add_argument("--tokenizer", type=Path, help="tokenizer folder with the real vocabulary "
                                                         "(default: the packaged stand-in's)")
    rehearse.add_argument("-p", "--parameter", nargs=2, action="append", metavar=("NAME", "VALUE"),
                          help="change one default, e.g. a smaller train_size, to time the cells after training "
                               "when the whole run does not fit the GPU time at hand (the report records it)")
    rehearse.set_defaults(func=_rehearse)
    sample = commands.add_parser("sample", help="draw a vision lesson's offline sample again from the course's "
                                                "world and print each file's SHA-256 for the catalog")
    sample.add_argument("dataset", help="e.g. ethz/food101")
    sample.set_defaults(func=_sample)
    corpus = commands.add_parser("corpus", help="collect Debian's package descriptions (English, French) from apt's "
                                                "index files into one pretraining corpus")
    corpus.add_argument("--lists", default="/var/lib/apt/lists")
    corpus.add_argument("--release", default="bookworm")
    corpus.add_argument("--out", default=str(BUILD / "corpus" / "debian.jsonl.gz"))
    corpus.set_defaults(func=_corpus)
    pre = commands.add_parser("pretrain", help="pretrain a course stand-in on the corpus (a GPU, minutes)")
    pre.add_argument("checkpoint", help="the Hub checkpoint it stands in for, e.g. distilbert/distilgpt2")
    pre.add_argument("--corpus", default=str(BUILD / "corpus" / "debian.jsonl.gz"))
    pre.add_argument("--out", help="output folder (default: build/standins/<checkpoint>)")
    pre.add_argument("--minutes", type=float, default=4.0)
    pre.add_argument("--steps", type=int, help="a fixed number of steps instead of a time budget")
    pre.add_argument("--batch-size", type=int, default=128)
    pre.add_argument("--learning-rate", type=float, help="peak learning rate (default: the objective's)")
    pre.add_argument("--drawn", type=int, help="scenes, clips or pictures a vision stand-in draws (default: its own)")
    pre.set_defaults(func=_pretrain)
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
