"""The offline profile's one visible step: swap Hub names for local stand-ins, and say so."""

from __future__ import annotations

from pathlib import Path

from . import data, models
from .catalog import MODEL_STANDINS
from .env import offline_reason
from .lang import say


def _offline_dataset(name: str) -> tuple[Path, str]:
    """The sample folder (or, for a raw Hub file, the sample's file) and a line saying what replaced what."""
    if name.startswith(data.HUB_FILES):
        path = data.sample_file(name)
        if path.suffix not in (".jsonl", ".parquet"):
            return path, say(f"file {name} → course copy {path} (written for this course)",
                             f"파일 {name} → 강좌 사본 {path}(이 강좌를 위해 작성)")
        rows = len(data.read_rows(path))
        return path, say(f"file {name} → course sample file {path} ({rows} rows, written for this course)",
                         f"파일 {name} → 강좌 샘플 파일 {path}({rows}행, 이 강좌를 위해 작성)")
    folder = data.sample_path(name)
    sizes = ", ".join(f"{split} {count}" for split, count in data.split_sizes(name).items())
    return folder, say(f"dataset {name} → course sample {folder} ({sizes} rows, written for this course)",
                       f"데이터셋 {name} → 강좌 샘플 {folder}({sizes}행, 이 강좌를 위해 작성)")


def _describe_model(name: str, folder: Path) -> str:
    spec = MODEL_STANDINS[name]
    kind = {"packaged": say("real pretrained weights", "실제 사전 학습 가중치"),
            "tiny": say("built locally from the real config", "실제 구성으로 로컬에서 생성"),
            "course-pretrained": say("pretrained by the course", "강좌에서 사전 학습")}[spec.kind]
    return say(f"checkpoint {name} → stand-in {spec.name} ({kind}; {spec.caveat}) at {folder}",
               f"체크포인트 {name} → 대체 모델 {spec.name}({kind}; {spec.caveat_ko}), 위치 {folder}")


def resolve(*checkpoints: str, dataset: str | None = None, task: str | None = None):
    """Return each Hub name unchanged online, or the local folder of its stand-in offline.

    Prints one line per name, so nothing is swapped silently. A name that is an existing local folder or file is used
    as it is. A dataset may also be one raw file of a Hub dataset (`hf://datasets/<owner>/<name>/<file>`),
    which offline becomes the course sample's file. `task` (a pipeline task) narrows the suggestions when a
    checkpoint has no stand-in. One name
    gives one value, several give a tuple: the checkpoints first, then the dataset.
    """
    names = [*checkpoints, *([dataset] if dataset else [])]
    reason = offline_reason()
    resolved, online = [], []
    for index, name in enumerate(names):
        is_dataset = dataset is not None and index == len(names) - 1
        if Path(name).exists():
            print(say(f"Local folder: {name} is used as it is.", f"로컬 폴더: {name}을(를) 그대로 사용합니다."))
            resolved.append(name)
        elif reason is None:
            resolved.append(name)
            online.append(name)
        elif is_dataset:
            path, line = _offline_dataset(name)
            print(say(f"Offline ({reason}): ", f"오프라인({reason}): ") + line)
            resolved.append(str(path))
        else:
            folder = models.standin_path(name, task)
            print(say(f"Offline ({reason}): ", f"오프라인({reason}): ") + _describe_model(name, folder))
            resolved.append(str(folder))
    if online:
        print(say("Online: using ", "온라인: Hugging Face Hub에서 ") + ", ".join(online)
              + say(" from the Hugging Face Hub.", "을(를) 사용합니다."))
    return resolved[0] if len(resolved) == 1 else tuple(resolved)
