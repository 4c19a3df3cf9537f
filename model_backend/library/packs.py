"""Classroom packs: a teacher exports the models to a folder (a USB stick) on the machine that has them;
every laptop in the room imports the folder with no network at all.

A pack is ``manifest.json`` (every model's origin, revision, licence and files with sizes and SHA-256) and
``models/<folder>/…``. Import checks every file against the manifest before a model counts as imported: a
damaged or incomplete pack is reported file by file, and a model with any problem is left out while the
others come in. Copies are written to a hidden ``.<folder>.partial-…`` folder in the models folder and renamed
into place when complete, so a failed, stopped or killed import never leaves half a model that is listed
(the hidden folder is removed at once, or by the start-up clean-up: its copier holds a lock beside it, so the
clean-up of another copy of the app never removes a copy in progress; see ``core/stale_files.py``).
"""
from __future__ import annotations

import errno
import hashlib
import json
import re
import shutil
import time
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from threading import Event
from typing import Callable, Iterator

from model_backend.core.atomic import atomic_write_json
from model_backend.core.errors import BackendError, ErrorKind, JobCancelled
from model_backend.core.file_lock import held
from model_backend.core.jobs import new_job_id
from model_backend.core.messages import Message, msg
from model_backend.core.model_inspection import ModelKind
from model_backend.core.registry import ModelRegistry, ModelSource
from model_backend.core.stale_files import library_copy_folder, library_copy_lock, remove_abandoned_library_copies
from model_backend.library.catalogue import CatalogueFile
from model_backend.library.folder_info import CHUNK, FolderInfo, model_files, read_folder_info, write_folder_info
from model_backend.library.installed import _looks_restricted, free_disk_bytes, model_folder

MANIFEST = "manifest.json"
PACK_FORMAT = "genai-classroom-pack"
PACK_VERSION = 1
PARTIAL_INTERVAL_S = 0.25


@dataclass(frozen=True)
class ExportPackRequest:
    model_ids: tuple[str, ...]
    folder: Path
    job_id: str = field(default_factory=new_job_id)


@dataclass(frozen=True)
class ImportPackRequest:
    folder: Path
    copy: bool = True
    job_id: str = field(default_factory=new_job_id)


@dataclass(frozen=True)
class PackProgress:
    model_name: str
    file_name: str
    done: int
    total: int


@dataclass(frozen=True)
class PackProblem:
    model: str
    file: str
    reason: Message


@dataclass(frozen=True)
class PackedModel:
    folder: str
    name: str
    kind: ModelKind
    catalogue_id: str | None
    repo: str
    revision: str
    licence: str
    licence_restricted: bool
    files: tuple[CatalogueFile, ...]

    @property
    def size_bytes(self) -> int:
        return sum(f.size or 0 for f in self.files)


@dataclass(frozen=True)
class PackReport:
    folder: Path
    models: tuple[PackedModel, ...]
    model_ids: tuple[str, ...]
    problems: tuple[PackProblem, ...]
    bytes_copied: int


# ---- the manifest ---------------------------------------------------------------------------

def _packed_to_json(model: PackedModel) -> dict:
    return {"folder": model.folder, "name": model.name, "kind": model.kind.value, "catalogue_id": model.catalogue_id,
            "repo": model.repo, "revision": model.revision, "licence": model.licence,
            "licence_restricted": model.licence_restricted,
            "files": [{"path": f.path, "size": f.size, "sha256": f.sha256} for f in model.files]}


def _packed_from_json(raw: dict) -> PackedModel:
    folder = str(raw["folder"])
    if not _safe_relative(folder) or "/" in folder:
        raise ValueError(f"unsafe folder name {folder!r}")
    files = []
    for f in raw["files"]:
        if not _safe_relative(f["path"]):
            raise ValueError(f"unsafe file path {f['path']!r}")
        files.append(CatalogueFile(str(f["path"]), int(f["size"]), str(f["sha256"])))
    return PackedModel(folder=folder, name=str(raw.get("name") or folder), kind=ModelKind(raw.get("kind", "other")),
                       catalogue_id=raw.get("catalogue_id"), repo=str(raw.get("repo", "")),
                       revision=str(raw.get("revision", "")), licence=str(raw.get("licence", "")),
                       licence_restricted=bool(raw.get("licence_restricted", False)), files=tuple(files))


def _safe_relative(path: str) -> bool:
    """A manifest is read from a stick anyone may have written: no absolute paths, no way out of the pack."""
    parts = Path(path).parts
    return bool(parts) and not Path(path).is_absolute() and ".." not in parts and "\\" not in path


def read_manifest(folder: Path) -> tuple[PackedModel, ...]:
    """What a pack holds (no hashing: cheap enough for the import dialog)."""
    path = Path(folder) / MANIFEST
    if not path.is_file():
        raise BackendError(ErrorKind.INVALID_INPUT, msg(
            "{folder} is not a classroom pack: it has no manifest.json.", folder=str(folder)))
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != PACK_FORMAT:
            raise ValueError("not a classroom pack manifest")
        if int(data.get("version", 0)) > PACK_VERSION:
            raise BackendError(ErrorKind.INVALID_INPUT, msg(
                "This classroom pack was made by a newer version of the app. Update the app to import it."))
        return tuple(_packed_from_json(raw) for raw in data["models"])
    except BackendError:
        raise
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BackendError(ErrorKind.INVALID_INPUT, msg(
            "The classroom pack's manifest.json is damaged ({reason}).", reason=str(exc)[:200])) from exc


def _write_manifest(folder: Path, models: list[PackedModel]) -> None:
    atomic_write_json(folder / MANIFEST, {"format": PACK_FORMAT, "version": PACK_VERSION,
                                          "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                                          "models": [_packed_to_json(m) for m in models]})


# ---- copying with a running checksum ------------------------------------------------------

class _Counter:
    def __init__(self, total: int, report: Callable[[PackProgress], None], cancel: Event) -> None:
        self.total, self.report, self.cancel = total, report, cancel
        self.done, self.model, self.file, self.last = 0, "", "", 0.0

    def add(self, count: int) -> None:
        if self.cancel.is_set():
            raise JobCancelled()
        self.done += count
        now = time.monotonic()
        if now - self.last >= PARTIAL_INTERVAL_S:
            self.last = now
            self.report(self.snapshot())

    def snapshot(self) -> PackProgress:
        return PackProgress(self.model, self.file, self.done, self.total)


def _copy_hashing(source: Path, target: Path | None, counter: _Counter) -> tuple[str, int]:
    """Copy ``source`` to ``target`` (None: only read), returning its SHA-256 and size in one pass."""
    digest = hashlib.sha256()
    size = 0
    out = open(target, "wb") if target is not None else None
    try:
        with open(source, "rb") as handle:
            while chunk := handle.read(CHUNK):
                counter.add(len(chunk))
                digest.update(chunk)
                size += len(chunk)
                if out is not None:
                    out.write(chunk)
    finally:
        if out is not None:
            out.close()
    return digest.hexdigest(), size


@contextmanager
def _copy_folder(parent: Path, name: str) -> Iterator[Path]:
    """A hidden folder to copy model ``name`` into, locked for the block (see ``stale_files``); whatever of it
    is still there at the end (a failure, Stop, a bad checksum) is removed, then the lock file."""
    partial = library_copy_folder(parent, name)
    lock = library_copy_lock(partial)
    try:
        with held(lock):
            try:
                yield partial
            finally:
                shutil.rmtree(partial, ignore_errors=True)  # gone already when it was renamed into place
    finally:
        lock.unlink(missing_ok=True)


def _check_space(folder: Path, needed: int) -> None:
    free = free_disk_bytes(folder)
    if needed > free:
        raise BackendError(ErrorKind.NOT_ENOUGH_DISK, msg(
            "Not enough space on {folder}: the models need {needed:.2f} GB and {free:.2f} GB is free.",
            folder=str(folder), needed=needed / 1e9, free=free / 1e9))


def _write_failure(exc: OSError, file: str, folder: Path) -> BackendError:
    """A write refused by the disk, in words a teacher can act on (FAT32 sticks refuse files over 4 GB)."""
    if exc.errno == errno.EFBIG:
        return BackendError(ErrorKind.INVALID_INPUT, msg(
            "{file} is too large for the disk of {folder}: USB sticks formatted as FAT32 cannot hold files over "
            "4 GB. Format the stick as exFAT (or NTFS), or leave this model out.", file=file, folder=str(folder)),
            details=repr(exc))
    if exc.errno == errno.ENOSPC:
        return BackendError(ErrorKind.NOT_ENOUGH_DISK, msg(
            "The disk of {folder} became full while writing {file}.", file=file, folder=str(folder)), details=repr(exc))
    return BackendError(ErrorKind.INVALID_INPUT, msg("{file} could not be written to {folder}: {reason}.", file=file,
                                                     folder=str(folder), reason=exc.strerror or str(exc)),
                        details=repr(exc))


# ---- export -------------------------------------------------------------------------------

def _folder_name(name: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip(".-")
    return cleaned or "model"


def export_pack(registry: ModelRegistry, model_ids: tuple[str, ...], folder: Path,
                report: Callable[[PackProgress], None], cancel: Event) -> PackReport:
    """Copy the chosen models into the pack folder (models already in it are kept) and write the manifest."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    existing = {m.folder: m for m in read_manifest(folder)} if (folder / MANIFEST).exists() else {}
    plans, problems = [], []
    for model_id in model_ids:
        entry = registry.resolve(model_id)
        if entry.source in (ModelSource.BUILTIN, ModelSource.PACKAGE):
            problems.append(PackProblem(entry.name, "", msg("built into the app: every copy of the app has it already")))
            continue
        source = model_folder(entry)
        files = model_files(source)
        info = read_folder_info(source) if source.is_dir() else None
        base = source if source.is_dir() else source.parent
        plans.append((entry, source, base, files, info))
    total = sum(f.stat().st_size for _, _, _, files, _ in plans for f in files)
    remove_abandoned_library_copies(folder / "models")  # what a killed export left (never a live copy)
    _check_space(folder, total)
    counter = _Counter(total, report, cancel)
    exported, copied = [], 0
    for entry, source, base, files, info in plans:
        name = _folder_name(info.catalogue_id if info and info.catalogue_id else source.stem if source.is_file()
                            else source.name)
        counter.model = entry.name
        target = folder / "models" / name
        with _copy_folder(folder / "models", name) as partial:
            partial.mkdir(parents=True)
            packed_files = []
            for path in files:
                relative = path.relative_to(base).as_posix()
                counter.file = relative
                out = partial / relative
                try:
                    out.parent.mkdir(parents=True, exist_ok=True)
                    digest, size = _copy_hashing(path, out, counter)
                except OSError as exc:
                    raise _write_failure(exc, relative, folder) from exc
                copied += size
                packed_files.append(CatalogueFile(relative, size, digest))
            licence = entry.licence or (info.licence if info else "")
            packed = PackedModel(name, info.name if info and info.name else entry.name, entry.kind,
                                 info.catalogue_id if info else None, info.repo if info else "",
                                 info.revision if info else "", licence,
                                 info.licence_restricted if info else _looks_restricted(licence), tuple(packed_files))
            if target.exists():
                shutil.rmtree(target)
            partial.rename(target)
        existing[name] = packed
        exported.append(packed)
        _write_manifest(folder, list(existing.values()))  # after every model: a stopped export is still a pack
    return PackReport(folder, tuple(exported), (), tuple(problems), copied)


# ---- import -------------------------------------------------------------------------------

def _check_files(pack: Path, model: PackedModel) -> list[PackProblem]:
    """Missing and wrong-sized files, found without reading them."""
    problems = []
    for f in model.files:
        path = pack / "models" / model.folder / f.path
        if not path.is_file():
            problems.append(PackProblem(model.folder, f.path, msg("missing from the pack")))
        elif path.stat().st_size != f.size:
            problems.append(PackProblem(model.folder, f.path, msg(
                "incomplete or changed: {have:.1f} MB instead of {want:.1f} MB", have=path.stat().st_size / 1e6,
                want=(f.size or 0) / 1e6)))
    return problems


def _same_model_there(target: Path, model: PackedModel) -> bool:
    info = read_folder_info(target)
    return info is not None and {(f.path, f.sha256) for f in info.files} == {(f.path, f.sha256) for f in model.files}


def import_pack(registry: ModelRegistry, folder: Path, copy: bool, report: Callable[[PackProgress], None],
                cancel: Event) -> PackReport:
    """Verify every file of the pack; copy the sound models into the models folder (or use them where they are)."""
    folder = Path(folder)
    models = read_manifest(folder)
    models_dir = registry.paths.models_dir
    problems: list[PackProblem] = []
    usable, ids, copied = [], [], 0
    counter = _Counter(sum(m.size_bytes for m in models), report, cancel)
    if copy:
        remove_abandoned_library_copies(models_dir)
        _check_space(models_dir, sum(m.size_bytes for m in models if not (models_dir / m.folder).exists()))
    for model in models:
        counter.model = model.name
        found = _check_files(folder, model)
        target = models_dir / model.folder
        if copy and target.exists() and not _same_model_there(target, model):
            found.append(PackProblem(model.folder, "", msg(
                "your models folder already has a different folder with this name")))
        if found:
            problems.extend(found)
            counter.add(model.size_bytes)
            continue
        if copy and target.exists():  # the same model is already here: nothing to copy
            counter.add(model.size_bytes)
            usable.append(model)
            ids.append(f"path:{target.resolve()}")
            continue
        bad = []
        with (_copy_folder(models_dir, model.folder) if copy else nullcontext()) as partial:
            for f in model.files:
                counter.file = f.path
                source = folder / "models" / model.folder / f.path
                out = None
                try:
                    if partial is not None:
                        out = partial / f.path
                        out.parent.mkdir(parents=True, exist_ok=True)
                    digest, size = _copy_hashing(source, out, counter)
                except OSError as exc:
                    if out is None or not Path(source).is_file():
                        raise BackendError(ErrorKind.INVALID_INPUT, msg(
                            "{file} could not be read from the pack: {reason}. Is the USB stick still connected?",
                            file=f.path, reason=exc.strerror or str(exc)), details=repr(exc)) from exc
                    raise _write_failure(exc, f.path, models_dir) from exc
                if digest != f.sha256:
                    bad.append(PackProblem(model.folder, f.path, msg("changed since the pack was made (its checksum "
                                                                     "differs): the pack is damaged")))
                copied += size if out is not None else 0
            if bad:
                problems.extend(bad)
                continue
            if partial is not None:
                write_folder_info(partial, FolderInfo(model.catalogue_id, model.name, model.kind.value, model.repo,
                                                      model.revision, model.licence, model.licence_restricted,
                                                      model.files))
                partial.rename(target)
                ids.append(f"path:{target.resolve()}")
            else:
                in_place = (folder / "models" / model.folder).resolve()
                registry.add_folder(str(in_place))
                ids.append(f"path:{in_place}")
            usable.append(model)
    return PackReport(folder, tuple(usable), tuple(ids), tuple(problems), copied)
