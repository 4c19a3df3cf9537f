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

- **The model library's half-copies in ``models/``** (``.<folder>.partial-<8 hex>``: a classroom pack's
  import or export copying one model; ``.<folder>.deleting``: a model being deleted). A copier holds
  ``.<folder>.partial-<8 hex>.lock`` from before it creates the folder until the model is renamed into
  place, then removes the lock file; so such a folder is removed when its lock can be taken, and kept
  while another copy holds it. One with no lock file at all was made by a version without these locks:
  the age rule applies. A ``.deleting`` folder is only ever removed, by whoever gets there first.
  Unfinished downloads (``models/.downloads``) are not leftovers: Download resumes them.

Only the app's own folders are looked at: the data folder (but not ``models/``, the user's own
models, which are never touched: there only the library's hidden names above, at the top level),
the settings folder and the cache (without descending into converted models). Nothing here raises:
a leftover that cannot be removed is logged and kept.
"""
from __future__ import annotations

import logging
import os
import re
import shutil
import time
import uuid
from pathlib import Path

from model_backend.core.atomic import is_temp_name
from model_backend.core.file_lock import taken_if_free
from model_backend.core.paths import AppPaths

log = logging.getLogger(__name__)

STALE_AFTER_S = 3600.0
PARTIAL_SUFFIX = ".partial"
WRITE_CHECK_PREFIX = ".write-check-"
LOCK_SUFFIX = ".lock"
DELETING_SUFFIX = ".deleting"
_LIBRARY_COPY = re.compile(r"\..+\.partial-[0-9a-f]{8}")


def _is_partial_name(name: str) -> bool:
    return name.startswith(".") and name.endswith(PARTIAL_SUFFIX) and len(name) > len(PARTIAL_SUFFIX) + 1


def partial_lock(partial: Path) -> Path:
    """``.<name>.partial`` is guarded by ``.<name>.lock`` (``file_lock.lock_path_for`` of ``<name>``)."""
    return partial.with_name(partial.name[: -len(PARTIAL_SUFFIX)] + ".lock")


def library_copy_folder(parent: Path, name: str) -> Path:
    """A fresh hidden folder name for copying model ``name`` into ``parent`` (unique: two copies of the app
    importing at once never share one)."""
    return Path(parent) / f".{name}.partial-{uuid.uuid4().hex[:8]}"


def library_copy_lock(copy_folder: Path) -> Path:
    """The lock its copier holds while ``copy_folder`` exists (unique like the folder, so deleting it after
    use cannot strand a waiter: nobody ever waits for it)."""
    return copy_folder.with_name(copy_folder.name + LOCK_SUFFIX)


def remove_abandoned_library_copies(folder: Path, stale_after_s: float = STALE_AFTER_S) -> list[Path]:
    """Half-copies and half-deletions the model library left at the top of ``folder`` (a models folder, or a
    pack's) when it was killed; never one another running copy is writing. Returns what was removed."""
    removed: list[Path] = []
    try:
        items = sorted(Path(folder).iterdir()) if Path(folder).is_dir() else []
    except OSError as exc:
        log.info("clean-up: %s", exc)
        return removed
    now = time.time()
    for item in items:
        name = item.name
        if _LIBRARY_COPY.fullmatch(name) and item.is_dir() and not item.is_symlink():
            lock = library_copy_lock(item)
            done = _remove_partial(item, lock) if lock.exists() else _remove_folder_if_stale(item, now, stale_after_s)
            if done:
                removed.append(item)
        elif name.startswith(".") and name.endswith(DELETING_SUFFIX) and item.is_dir() and not item.is_symlink():
            shutil.rmtree(item, ignore_errors=True)  # a delete only ever wants it gone: no lock needed
            if not item.exists():
                removed.append(item)
        elif name.endswith(LOCK_SUFFIX) and _LIBRARY_COPY.fullmatch(name[: -len(LOCK_SUFFIX)]):
            # Its copier died between the rename and removing the lock. Only an old one: a copier creates its lock
            # a moment before its folder, and a clean-up taking the lock in that moment must not delete it.
            if not item.with_name(name[: -len(LOCK_SUFFIX)]).exists() and _older_than(item, now, stale_after_s):
                _remove_lock_if_free(item)
    return removed


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
    removed += remove_abandoned_library_copies(paths.models_dir, stale_after_s)
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


def _older_than(path: Path, now: float, age_s: float) -> bool:
    try:
        return now - path.lstat().st_mtime >= age_s
    except OSError:
        return False


def _remove_folder_if_stale(path: Path, now: float, stale_after_s: float) -> bool:
    """A copy from a version without locks: a live copier touches its folder every few seconds."""
    try:
        if now - path.lstat().st_mtime < stale_after_s:
            return False
        shutil.rmtree(path)
        return True
    except OSError as exc:
        log.info("clean-up: could not remove %s: %s", path, exc)
        return False


def _remove_partial(path: Path, lock: Path | None = None) -> bool:
    try:
        with taken_if_free(lock or partial_lock(path)) as free:
            if not free:
                return False  # another running copy is writing it
            shutil.rmtree(path)
    except OSError as exc:
        log.info("clean-up: could not remove %s: %s", path, exc)
        return False
    if lock is not None:  # a library copy's lock is its own (unique name): it goes with the folder
        _remove_lock_if_free(lock)
    return True


def _remove_lock_if_free(lock: Path) -> None:
    """Delete a library copy's unique lock file once nobody holds it (after letting go: Windows refuses to
    delete a held file)."""
    try:
        with taken_if_free(lock) as free:
            if not free:
                return
        lock.unlink(missing_ok=True)
    except OSError as exc:
        log.info("clean-up: could not remove %s: %s", lock, exc)
