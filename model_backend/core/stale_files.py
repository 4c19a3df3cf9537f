"""Start-up clean-up of what killed writes leave behind, without touching another running copy's work.

Two kinds of leftovers, each with its own rule:

- **Temp files of atomic writes** (``.<name>.tmp-…``, see ``atomic.py``; ``.…tmp`` from older
  versions; ``.write-check-…`` from the folder check). A write lasts well under a second and its file
  keeps changing while it runs, so one not modified for ``STALE_AFTER_S`` (an hour) belongs to a
  process that died mid-write. Younger ones are left alone: they may be another copy's write in
  progress.
- **Staging folders** (``.<name>.partial``, GGUF conversions and split-model joins in the cache).
  Their writer holds the cross-process lock ``.<name>.lock`` from before it creates the folder until
  it renames it into place, and the operating system releases that lock when the writer dies. So a
  ``.partial`` folder is removed when its lock can be taken (then, holding the lock, so no copy can
  start writing it meanwhile), whatever its age; while another copy holds the lock it is left alone.

Only the app's own folders are looked at: the data folder (but not ``models/``, the user's own
models, which are never touched), the settings folder and the cache (without descending into
converted models). Nothing here raises: a leftover that cannot be removed is logged and kept.
"""
from __future__ import annotations

import logging
import os
import shutil
import time
from pathlib import Path

from model_backend.core.atomic import is_temp_name
from model_backend.core.file_lock import taken_if_free
from model_backend.core.paths import AppPaths

log = logging.getLogger(__name__)

STALE_AFTER_S = 3600.0
PARTIAL_SUFFIX = ".partial"
WRITE_CHECK_PREFIX = ".write-check-"


def _is_partial_name(name: str) -> bool:
    return name.startswith(".") and name.endswith(PARTIAL_SUFFIX) and len(name) > len(PARTIAL_SUFFIX) + 1


def partial_lock(partial: Path) -> Path:
    """``.<name>.partial`` is guarded by ``.<name>.lock`` (``file_lock.lock_path_for`` of ``<name>``)."""
    return partial.with_name(partial.name[: -len(PARTIAL_SUFFIX)] + ".lock")


def remove_stale_leftovers(paths: AppPaths, stale_after_s: float = STALE_AFTER_S) -> list[Path]:
    """Remove stale temp files and unlocked ``.partial`` folders; returns what was removed."""
    removed: list[Path] = []
    now = time.time()
    skip = {os.path.normcase(str(paths.models_dir))}
    converted = os.path.normcase(str(paths.converted_models_dir))
    roots = [paths.data_dir, paths.config_dir, paths.cache_dir]
    for root in dict.fromkeys(roots):  # portable setups may share folders: each is walked once
        if not Path(root).is_dir():
            continue
        for folder, dirs, files in os.walk(root, onerror=lambda exc: log.info("clean-up: %s", exc)):
            here = os.path.normcase(folder)
            for name in list(dirs):
                path = Path(folder) / name
                if os.path.normcase(str(path)) in skip:
                    dirs.remove(name)
                elif _is_partial_name(name):
                    dirs.remove(name)
                    if _remove_partial(path):
                        removed.append(path)
                elif here == converted:  # a converted model: nothing of ours is written inside
                    dirs.remove(name)
            for name in files:
                if is_temp_name(name) or name.startswith(WRITE_CHECK_PREFIX):
                    path = Path(folder) / name
                    if _remove_if_stale(path, now, stale_after_s):
                        removed.append(path)
    for path in removed:
        log.info("removed a leftover of an interrupted write: %s", path)
    return removed


def _remove_if_stale(path: Path, now: float, stale_after_s: float) -> bool:
    try:
        if now - path.lstat().st_mtime < stale_after_s:
            return False  # possibly another copy's write in progress
        path.unlink()
        return True
    except OSError as exc:
        log.info("clean-up: could not remove %s: %s", path, exc)
        return False


def _remove_partial(path: Path) -> bool:
    try:
        with taken_if_free(partial_lock(path)) as free:
            if not free:
                return False  # another running copy is writing it
            shutil.rmtree(path)
            return True
    except OSError as exc:
        log.info("clean-up: could not remove %s: %s", path, exc)
        return False
