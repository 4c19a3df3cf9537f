"""``.library.json`` in a model folder: where the folder came from (catalogue entry, repository, revision),
its files with sizes and SHA-256, and its licence.

Downloads and pack imports write it as the folder's last file before the folder is renamed into place, so
"already here" marks, licences in the Models window and pack exports know a folder's origin without asking
any network, and a pack can be exported without hashing a model twice.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

from model_backend.core.atomic import atomic_write_json
from model_backend.library.catalogue import CatalogueFile

INFO_FILE = ".library.json"
CHUNK = 1 << 20


@dataclass(frozen=True)
class FolderInfo:
    catalogue_id: str | None
    name: str
    kind: str
    repo: str
    revision: str
    licence: str
    licence_restricted: bool
    files: tuple[CatalogueFile, ...]

    def to_json(self) -> dict:
        data = asdict(self)
        data["files"] = [asdict(f) for f in self.files]
        return data

    @classmethod
    def from_json(cls, data: dict) -> "FolderInfo":
        return cls(
            catalogue_id=data.get("catalogue_id"), name=str(data.get("name", "")), kind=str(data.get("kind", "")),
            repo=str(data.get("repo", "")), revision=str(data.get("revision", "")),
            licence=str(data.get("licence", "")), licence_restricted=bool(data.get("licence_restricted", False)),
            files=tuple(CatalogueFile(f["path"], f.get("size"), f.get("sha256")) for f in data.get("files", ())),
        )


def read_folder_info(folder: Path) -> FolderInfo | None:
    """The folder's record, or None for a folder the library did not write (or a damaged record)."""
    try:
        return FolderInfo.from_json(json.loads((Path(folder) / INFO_FILE).read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_folder_info(folder: Path, info: FolderInfo) -> None:
    atomic_write_json(Path(folder) / INFO_FILE, info.to_json())


def sha256_of(path: Path, on_bytes: Callable[[int], None] | None = None, cancel=None) -> str:
    """SHA-256 of a file, read in 1 MiB chunks; ``on_bytes`` hears each chunk's length, ``cancel`` (an Event)
    is checked between chunks (raises ``JobCancelled``)."""
    from model_backend.core.errors import JobCancelled

    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            if cancel is not None and cancel.is_set():
                raise JobCancelled()
            digest.update(chunk)
            if on_bytes is not None:
                on_bytes(len(chunk))
    return digest.hexdigest()


def git_blob_sha1(path: Path) -> str:
    """The git object id of a file: what the hub lists for small (non-LFS) files instead of a SHA-256."""
    digest = hashlib.sha1()
    digest.update(b"blob %d\0" % Path(path).stat().st_size)
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def model_files(folder: Path) -> list[Path]:
    """Every file of a model folder (or the single file), relative order fixed, the library's record left out
    and hidden leftovers (``.incomplete``, temp files, huggingface_hub's ``.cache``) skipped."""
    folder = Path(folder)
    if folder.is_file():
        return [folder]
    found = []
    for item in sorted(folder.rglob("*")):
        relative = item.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or not item.is_file():
            continue
        found.append(item)
    return found
