"""Debian's package descriptions as a pretraining corpus for the course-pretrained stand-ins.

Every Debian package has a one-line synopsis and a longer description in English; the Debian Description
Translation Project translates many of them. apt keeps both as `Translation-<lang>` index files, keyed by the
MD5 of the English description, so English and French line up without any guessing. Licences: the text
comes from the packages' control files and the DDTP, distributed by Debian under its free software guidelines.
"""

from __future__ import annotations

import gzip
import io
import json
import shutil
import subprocess
from pathlib import Path

#: where apt keeps the index files after `apt-get -o Acquire::Languages=en,fr update`
APT_LISTS = Path("/var/lib/apt/lists")


def _open_index(path: Path) -> str:
    """Text of a Translation file, decompressing apt's .lz4 with the `lz4` command."""
    if path.suffix == ".lz4":
        if shutil.which("lz4") is None:
            raise FileNotFoundError("Reading apt's .lz4 index files needs the `lz4` command (apt-get install lz4).")
        return subprocess.run(["lz4", "-dc", str(path)], check=True, capture_output=True).stdout.decode("utf-8")
    return path.read_text(encoding="utf-8")


def _long_text(lines: list[str]) -> str:
    """A long description as paragraphs joined by newlines (a line of a single '.' separates paragraphs)."""
    paragraphs, current = [], []
    for line in lines:
        if line.strip() == ".":
            paragraphs.append(" ".join(current))
            current = []
        else:
            current.append(line.strip())
    paragraphs.append(" ".join(current))
    return "\n".join(p for p in paragraphs if p)


def parse_translations(text: str) -> dict[str, dict]:
    """{description md5: {"package", "short", "long"}} from one Translation index."""
    entries = {}
    for block in text.split("\n\n"):
        fields, body, key = {}, [], None
        for line in block.splitlines():
            if line.startswith(" ") and key and key.startswith("Description-"):
                body.append(line[1:])
            elif ":" in line:
                key, _, value = line.partition(":")
                fields[key] = value.strip()
        description = next((k for k in fields if k.startswith("Description-") and k != "Description-md5"), None)
        if description and "Description-md5" in fields:
            entries[fields["Description-md5"]] = {"package": fields.get("Package", ""),
                                                  "short": fields[description], "long": _long_text(body)}
    return entries


def index_files(lists: Path = APT_LISTS, release: str = "bookworm") -> dict[str, Path]:
    """The main archive's English and French Translation files of `release` in apt's list folder."""
    found = {}
    for lang in ("en", "fr"):
        matches = sorted(lists.glob(f"*_dists_{release}_main_i18n_Translation-{lang}*"))
        if not matches:
            raise FileNotFoundError(
                f"No Translation-{lang} index for {release} in {lists}. Run "
                "`apt-get -o Acquire::Languages=en,fr update` first (Debian's own apt, no other network).")
        found[lang] = matches[0]
    return found


def build_corpus(english: Path, french: Path, out: Path) -> dict:
    """Write one JSON line per package description (English, and French where translated); return counts."""
    en = parse_translations(_open_index(english))
    fr = parse_translations(_open_index(french))
    out.parent.mkdir(parents=True, exist_ok=True)
    # no name and mtime=0 keep the gzip header free of both, so the same index files give the same bytes
    with open(out, "wb") as file, gzip.GzipFile("", "wb", fileobj=file, mtime=0) as raw, \
            io.TextIOWrapper(raw, encoding="utf-8") as handle:
        for md5, entry in sorted(en.items(), key=lambda item: (item[1]["package"], item[0])):
            row = {"package": entry["package"], "en_short": entry["short"], "en_long": entry["long"]}
            if md5 in fr:
                row |= {"fr_short": fr[md5]["short"], "fr_long": fr[md5]["long"]}
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return {"english": len(en), "french": sum(md5 in en for md5 in fr)}


def read_corpus(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]
