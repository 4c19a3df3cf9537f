"""Cross-process locks, so two copies of the app on the same user folders take turns.

A lock is a small file beside what it protects, named ``.<name>.lock``, held with ``filelock``
(``fcntl.flock`` on macOS/Linux, ``msvcrt.locking`` on Windows). The operating system releases it
when its process ends, crashed or killed included, so a lock that can be taken is a lock nobody
holds: no stale-lock detection is needed. Lock files are left in place (deleting one while another
process waits on it would let two processes hold "the" lock at once); they are empty.
"""
from __future__ import annotations

import logging
from contextlib import contextmanager
from pathlib import Path
from threading import Event
from typing import Callable, Iterator

from filelock import FileLock, Timeout

from model_backend.core.errors import JobCancelled

log = logging.getLogger(__name__)

# Writers hold a lock for milliseconds (read, merge, write one JSON file or PNG). Waiting this long
# means the holder hangs; the caller then goes on without the lock (its write is still atomic).
WRITE_LOCK_WAIT_S = 30.0
POLL_S = 0.2


def lock_path_for(path: Path) -> Path:
    """The lock file that guards ``path`` (a file or folder): ``.<name>.lock`` beside it."""
    path = Path(path)
    return path.with_name(f".{path.name}.lock")


def _lock(lock_file: Path) -> FileLock:
    lock_file = Path(lock_file)
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    return FileLock(str(lock_file))


def _acquired(lock: FileLock, timeout: float) -> bool:
    """Take ``lock`` within ``timeout`` seconds (0: try once); False if another process holds it."""
    try:
        lock.acquire(timeout=timeout) if timeout > 0 else lock.acquire(blocking=False)
    except Timeout:
        return False
    return True


@contextmanager
def _holding(lock: FileLock, got: bool) -> Iterator[bool]:
    try:
        yield got
    finally:
        if got:
            lock.release()


@contextmanager
def held(lock_file: Path, timeout: float = WRITE_LOCK_WAIT_S) -> Iterator[bool]:
    """Hold ``lock_file`` for the block; yields False (and logs) when it could not be had in ``timeout``."""
    lock = _lock(lock_file)
    got = _acquired(lock, timeout)
    if not got:
        log.warning("%s stayed locked for %.0f s; writing without it", lock_file, timeout)
    with _holding(lock, got) as holding:
        yield holding


@contextmanager
def held_cancellable(lock_file: Path, cancel: Event, on_wait: Callable[[], None]) -> Iterator[None]:
    """Hold ``lock_file`` for the block, however long another process keeps it. ``on_wait`` is called
    once if it is busy; Stop (``cancel``) ends the wait with ``JobCancelled``."""
    lock = _lock(lock_file)
    if not _acquired(lock, 0):
        on_wait()
        while not _acquired(lock, POLL_S):
            if cancel.is_set():
                raise JobCancelled()
    with _holding(lock, True):
        yield


@contextmanager
def taken_if_free(lock_file: Path) -> Iterator[bool]:
    """Try ``lock_file`` once: yields True while holding it (no live process did), False if busy."""
    lock = _lock(lock_file)
    with _holding(lock, _acquired(lock, 0)) as got:
        yield got
