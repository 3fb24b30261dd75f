"""Drawing many pretraining pictures at once: consecutive seeds cut into chunks, one chunk per process."""

from __future__ import annotations

from multiprocessing import Pool
from typing import Callable


def draw(function: Callable, first: int, count: int, *args, workers: int = 15) -> list:
    """`function(start, n, *args)` for consecutive chunks of the seeds `first` to `first + count - 1`, in parallel;
    the chunks' results in seed order, so the same call always gives the same pictures."""
    chunk = -(-count // workers)
    jobs = [(first + k * chunk, min(chunk, count - k * chunk), *args) for k in range(workers) if k * chunk < count]
    with Pool(len(jobs)) as pool:
        return pool.starmap(function, jobs)
