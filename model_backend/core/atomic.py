"""Atomic file writes: a crash leaves either the old file or the new one, never half of one.

The temp file is ``.<name>.tmp-<random><suffix>`` beside the target, so a write killed half-way
leaves a recognisable leftover (``is_temp_name``) that the start-up clean-up removes once stale.
"""
from __future__ import annotations

import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

TEMP_MARKER = ".tmp-"


def is_temp_name(name: str) -> bool:
    """A leftover of ``atomic_target`` (or of an older version, whose temps ended in ``.tmp``)."""
    return name.startswith(".") and (TEMP_MARKER in name or name.endswith(".tmp"))


@contextmanager
def atomic_target(path: Path, suffix: str = ".tmp") -> Iterator[Path]:
    """Yield a temp path beside ``path`` to write; on success it is synced and renamed onto ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}{TEMP_MARKER}", suffix=suffix, dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        with open(tmp, "r+b") as handle:  # writable: Windows cannot fsync a read-only handle
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def atomic_write_bytes(path: Path, data: bytes) -> None:
    with atomic_target(path) as tmp:
        tmp.write_bytes(data)


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_json(path: Path, value: object) -> None:
    atomic_write_text(path, json.dumps(value, ensure_ascii=False, indent=2) + "\n")
