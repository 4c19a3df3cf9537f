"""The catalogue of lesson-ready models (``resources/catalogue.json``): data, not code, so a teacher or
a maintainer can add a model without touching Python, and the texts carry their Japanese beside the English.

Each entry says what the model is for in the course, where it comes from (repository and pinned revision),
which files to fetch with their sizes and SHA-256 where the hub listing gave them, what it needs to run, and
its licence — with non-commercial or use-restricted licences marked, because a teacher must see that before
downloading, not after. ``source`` records where each fact was read.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from model_backend.core.errors import BackendError, ErrorKind
from model_backend.core.messages import msg
from model_backend.core.model_inspection import ModelKind
from model_backend.core.paths import resources_dir

CATALOGUE_FILE = "catalogue.json"
TABS = ("chat", "prompt", "image", "audio")


@dataclass(frozen=True)
class CatalogueFile:
    path: str  # inside the repository, and inside the model's folder once downloaded
    size: int | None = None  # bytes; None where the listing did not say (asked from the hub at download time)
    sha256: str | None = None  # the hub's LFS SHA-256; None where not known offline (the hub's is used then)
    # Where it goes in the model's folder when that differs from ``path``: a diffusers fp16 variant saved under the
    # plain name the app loads, a Piper voice taken out of the repository's language folders.
    save_as: str | None = None

    @property
    def local_path(self) -> str:
        return self.save_as or self.path


@dataclass(frozen=True)
class CatalogueEntry:
    id: str  # stable, and the folder's name in the user's models folder
    kind: ModelKind
    title: str
    purpose: dict[str, str]  # language code -> what it is for in the course
    repo: str
    revision: str  # a commit hash; "main" (none read offline) or "refs/pr/N" (files only in a hub PR): ``notes`` says
    files: tuple[CatalogueFile, ...]
    download_bytes: int
    memory_bytes: int  # to run it: weights as used + a 4k-token cache for chat
    languages: tuple[str, ...]  # () = many languages
    licence: str
    licence_restricted: bool  # non-commercial or use-restricted: marked before anything is downloaded
    licence_note: dict[str, str] = field(default_factory=dict)
    source: str = ""  # where the facts were read (model card, file listing)
    tabs: tuple[str, ...] = ()
    notes: str = ""  # what could not be checked offline
    family: str = ""  # one family in several sizes (the scaling lesson)

    def purpose_in(self, language: str) -> str:
        return _in_language(self.purpose, language)

    def licence_note_in(self, language: str) -> str:
        return _in_language(self.licence_note, language)


def _in_language(texts: dict[str, str], language: str) -> str:
    return texts.get(language) or texts.get(language.split("_")[0]) or texts.get("en", "")


def _damaged(path: Path, reason: str) -> BackendError:
    return BackendError(ErrorKind.INTERNAL, msg("The model catalogue {path} is damaged: {reason}", path=str(path),
                                                reason=reason))


def _entry(raw: dict, path: Path) -> CatalogueEntry:
    try:
        files = tuple(CatalogueFile(f["path"], f.get("size"), f.get("sha256"), f.get("save_as")) for f in raw["files"])
        return CatalogueEntry(
            id=raw["id"], kind=ModelKind(raw["kind"]), title=raw["title"], purpose=dict(raw["purpose"]),
            repo=raw["repo"], revision=raw["revision"], files=files,
            download_bytes=int(raw.get("download_bytes") or sum(f.size or 0 for f in files)),
            memory_bytes=int(raw["memory_bytes"]), languages=tuple(raw.get("languages", ())),
            licence=raw["licence"], licence_restricted=bool(raw["licence_restricted"]),
            licence_note=dict(raw.get("licence_note", {})), source=raw.get("source", ""),
            tabs=tuple(raw.get("tabs", ())), notes=raw.get("notes", ""), family=raw.get("family", ""),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise _damaged(path, f"entry {raw.get('id', '?') if isinstance(raw, dict) else '?'}: {exc!r}") from exc


@lru_cache(maxsize=4)
def _load(path: Path, mtime_ns: int) -> tuple[CatalogueEntry, ...]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise _damaged(path, str(exc)) from exc
    entries = tuple(_entry(raw, path) for raw in data.get("models", []))
    ids = [e.id for e in entries]
    if len(ids) != len(set(ids)):
        raise _damaged(path, "two entries share an id")
    return entries


def load_catalogue(path: Path | None = None) -> tuple[CatalogueEntry, ...]:
    """Every catalogue entry, in the file's order (cached until the file changes)."""
    path = Path(path) if path is not None else resources_dir() / CATALOGUE_FILE
    try:
        mtime = path.stat().st_mtime_ns
    except OSError as exc:
        raise _damaged(path, str(exc)) from exc
    return _load(path, mtime)


def find_entry(entry_id: str, catalogue: tuple[CatalogueEntry, ...] | None = None) -> CatalogueEntry:
    for entry in catalogue if catalogue is not None else load_catalogue():
        if entry.id == entry_id:
            return entry
    raise BackendError(ErrorKind.MODEL_NOT_FOUND,
                       msg("The catalogue has no model called '{entry_id}'. See the list with: python -m "
                           "model_backend catalogue", entry_id=entry_id))
