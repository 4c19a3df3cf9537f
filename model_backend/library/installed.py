"""What is on this machine, for the Models window: every model the registry finds with its size, source,
licence and the tabs that use it; "already here" marks for the catalogue; deleting a downloaded model.

Only folders in the user's models folder can be deleted: built-in and packaged models belong to the
install, and a folder the user added is the user's own (it is only forgotten, never deleted, elsewhere).
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from model_backend.core.errors import BackendError, ErrorKind
from model_backend.core.jobs import new_job_id
from model_backend.core.messages import msg
from model_backend.core.model_inspection import ModelFormat, ModelKind, folder_size
from model_backend.core.paths import AppPaths
from model_backend.core.registry import SOURCE_NAMES, ModelEntry, ModelRegistry, ModelSource
from model_backend.library.catalogue import CatalogueEntry, load_catalogue
from model_backend.library.folder_info import read_folder_info

DOWNLOADS_FOLDER = ".downloads"  # unfinished downloads, inside the models folder (hidden: never listed)

# The tabs a kind of model serves, where the catalogue does not say.
TABS_OF_KIND = {
    ModelKind.CHAT: ("chat", "prompt"),
    ModelKind.IMAGE: ("image",),
    ModelKind.SPEECH_TO_TEXT: ("audio",),
    ModelKind.TEXT_TO_SPEECH: ("audio",),
    ModelKind.MUSIC: ("audio",),
    ModelKind.IMAGE_TEXT: ("image",),
    ModelKind.EMBEDDING: ("prompt",),  # the embeddings map is a page of the Prompt engineering tab
}

RESTRICTED_WORDS = ("non-commercial", "noncommercial", "-nc", "research", "openrail", "llama", "gemma")


@dataclass(frozen=True)
class InstalledModel:
    model_id: str
    name: str
    kind: ModelKind
    format: ModelFormat
    folder: Path
    size_bytes: int
    source: ModelSource
    licence: str
    licence_restricted: bool
    catalogue_id: str | None
    tabs: tuple[str, ...]
    deletable: bool


@dataclass(frozen=True)
class DeleteModelRequest:
    model_id: str
    job_id: str = field(default_factory=new_job_id)


def model_folder(entry: ModelEntry) -> Path:
    """The folder (or file) that holds the whole model: a GGUF's folder when it sits in one of its own."""
    scheme, _, rest = entry.model_id.partition(":")
    if scheme == "path":
        return Path(rest)  # the folder (or file) the id names, not the weights file inside a folder
    return Path(entry.path)


def _is_in(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except (OSError, ValueError):
        return False


def installed_models(registry: ModelRegistry,
                     catalogue: tuple[CatalogueEntry, ...] | None = None) -> list[InstalledModel]:
    """Every usable model on this machine (file system only; no network)."""
    catalogue = catalogue if catalogue is not None else load_catalogue()
    by_id = {e.id: e for e in catalogue}
    entries, _ = registry.scan()
    found = []
    for entry in entries:
        folder = model_folder(entry)
        info = read_folder_info(folder) if folder.is_dir() else None
        catalogue_entry = by_id.get(info.catalogue_id) if info and info.catalogue_id else None
        licence = entry.licence or (info.licence if info else "")
        restricted = info.licence_restricted if info else _looks_restricted(licence)
        tabs = catalogue_entry.tabs if catalogue_entry else TABS_OF_KIND.get(entry.kind, ())
        deletable = entry.source is ModelSource.USER_FOLDER and _is_in(folder, registry.paths.models_dir)
        found.append(InstalledModel(
            model_id=entry.model_id, name=info.name if info and info.name else entry.name, kind=entry.kind,
            format=entry.format, folder=folder, size_bytes=folder_size(folder) if deletable else entry.size_bytes,
            source=entry.source, licence=licence, licence_restricted=restricted,
            catalogue_id=info.catalogue_id if info else None, tabs=tabs, deletable=deletable))
    return found


def _looks_restricted(licence: str) -> bool:
    lowered = licence.lower()
    return any(word in lowered for word in RESTRICTED_WORDS)


def installed_catalogue_ids(paths: AppPaths) -> set[str]:
    """Catalogue entries already in the user's models folder (cheap: reads each folder's record)."""
    ids = set()
    models = paths.models_dir
    if models.is_dir():
        for item in models.iterdir():
            if item.is_dir() and not item.name.startswith("."):
                info = read_folder_info(item)
                if info is not None and info.catalogue_id:
                    ids.add(info.catalogue_id)
    return ids


def partial_download_bytes(paths: AppPaths, entry_id: str) -> int:
    """Bytes of an unfinished download of ``entry_id`` on disk (more than 0: Download resumes)."""
    folder = paths.models_dir / DOWNLOADS_FOLDER / entry_id
    if not folder.is_dir():
        return 0
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))


def disk_usage(models: list[InstalledModel]) -> int:
    return sum(m.size_bytes for m in models)


def free_disk_bytes(folder: Path) -> int:
    """Free space where ``folder`` is (or would be: its nearest existing parent)."""
    folder = Path(folder)
    while not folder.exists() and folder.parent != folder:
        folder = folder.parent
    return shutil.disk_usage(folder).free


def delete_model(registry: ModelRegistry, model_id: str) -> int:
    """Delete a model from the user's models folder; the bytes freed. Refuses every other source."""
    entry = registry.resolve(model_id)
    folder = model_folder(entry)
    models_dir = registry.paths.models_dir
    if not model_id.startswith("path:") or not _is_in(folder, models_dir) or folder.resolve() == models_dir.resolve():
        raise BackendError(ErrorKind.INVALID_INPUT, msg(
            "{name} is not in your models folder ({source}), so the app does not delete it.", name=entry.name,
            source=SOURCE_NAMES[entry.source]))
    size = folder_size(folder)
    # Rename first, then remove: a crash half-way leaves a hidden folder, never a half model that is listed.
    doomed = folder.with_name(f".{folder.name}.deleting")
    if doomed.exists():
        shutil.rmtree(doomed, ignore_errors=True)
    folder.rename(doomed)
    if doomed.is_dir():
        shutil.rmtree(doomed, ignore_errors=True)
    else:
        doomed.unlink(missing_ok=True)
    return size
