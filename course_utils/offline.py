"""The offline profile's one visible step: swap Hub names for local stand-ins, and say so."""

from __future__ import annotations

from . import data, models
from .catalog import DATASET_STANDINS
from .env import offline_reason


def _describe_dataset(name: str, folder) -> str:
    sizes = ", ".join(f"{split} {count}" for split, count in data.split_sizes(name).items())
    return f"dataset {name} → course sample {folder} ({sizes} rows, written for this course)"


def _describe_model(name: str, folder) -> str:
    spec = models.spec_for(name)
    kind = "real pretrained weights" if spec.kind == "packaged" else "built locally from the real config"
    return f"checkpoint {name} → stand-in {spec.name} ({kind}; {spec.caveat}) at {folder}"


def resolve(*names: str):
    """Return each Hub name unchanged online, or the local folder of its stand-in offline.

    Prints one line per substitution, so nothing is swapped silently. A single name gives a single value.
    """
    reason = offline_reason()
    if reason is None:
        print("Online: using " + ", ".join(names) + " from the Hugging Face Hub.")
        resolved = list(names)
    else:
        resolved = []
        for name in names:
            if name in DATASET_STANDINS:
                folder = data.sample_path(name)
                line = _describe_dataset(name, folder)
            else:
                folder = models.standin_path(name)
                line = _describe_model(name, folder)
            print(f"Offline ({reason}): {line}")
            resolved.append(str(folder))
    return resolved[0] if len(resolved) == 1 else tuple(resolved)
