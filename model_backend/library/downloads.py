"""Downloading a catalogue model, only when the user asks: progress with speed and time left, Stop,
resume after an interruption or a restart, a SHA-256 check of every file, a free-space check first.

Everything goes through huggingface_hub (``HfApi.model_info`` for the pinned commit, sizes and the hub's
SHA-256; ``http_get`` for the bytes, which sends an HTTP Range for what is already on disk). Not
``hf_hub_download``: since huggingface_hub 1.x it writes each download to a process-unique temp file and
deletes it on any failure, so a stopped 1 GB download would start again from zero. Here each file grows in
``models/.downloads/<entry id>/<file>.incomplete``, which survives Stop, a crash and a restart; a file is
renamed into place once its checksum matches, and the whole folder is renamed into the models folder when
every file is there, so the registry never lists half a model.

The app runs with the hub's offline switch on; a download lifts it for its own calls only
(``hub_online``), under a lock, and puts it back at once.
"""
from __future__ import annotations

import logging
import shutil
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from threading import Event
from typing import Callable, Iterator

from model_backend.core.atomic import atomic_write_text
from model_backend.core.errors import BackendError, ErrorKind, JobCancelled
from model_backend.core.file_lock import held_cancellable, taken_if_free
from model_backend.core.jobs import ProgressFn, new_job_id
from model_backend.core.messages import msg
from model_backend.core.model_inspection import folder_size
from model_backend.core.paths import AppPaths
from model_backend.library.catalogue import CatalogueEntry, CatalogueFile
from model_backend.library.folder_info import FolderInfo, git_blob_sha1, read_folder_info, sha256_of, write_folder_info
from model_backend.library.installed import DOWNLOADS_FOLDER, free_disk_bytes

log = logging.getLogger(__name__)

INCOMPLETE = ".incomplete"
COMMIT_FILE = ".commit"  # the commit the partial files belong to
DISK_MARGIN_BYTES = 200_000_000  # keep some room for the system and the app's own files
PARTIAL_INTERVAL_S = 0.25  # at most four progress reports a second
SPEED_WINDOW_S = 5.0
CHUNK_BYTES = 256 * 1024

NO_INTERNET = msg(
    "No internet connection: the model could not be downloaded. Connect this computer to the internet and "
    "press Download again (what was already downloaded is kept), or bring the model on a classroom pack "
    "(File › Import classroom pack…).")


@dataclass(frozen=True)
class DownloadRequest:
    entry_id: str
    job_id: str = field(default_factory=new_job_id)


@dataclass(frozen=True)
class DownloadProgress:
    entry_id: str
    file_name: str
    file_done: int
    file_total: int
    done: int
    total: int
    bytes_per_second: float
    seconds_left: float | None


@dataclass(frozen=True)
class DownloadResult:
    entry_id: str
    model_id: str
    folder: Path
    downloaded_bytes: int
    resumed_bytes: int


@dataclass(frozen=True)
class _RemoteFile:
    path: str
    local_path: str  # inside the model's folder
    size: int
    sha256: str | None  # LFS files
    git_oid: str | None  # small files the hub keeps in git (no SHA-256 listed)


_online_lock = threading.Lock()


@contextmanager
def hub_online() -> Iterator[None]:
    """Lift huggingface_hub's offline switch for the calls inside the block (one download at a time), and read
    in small chunks: the library's 10 MB chunks would mean one progress report, and one chance to Stop, per
    10 MB (ten seconds on a slow school line)."""
    from huggingface_hub import constants

    with _online_lock:
        before = constants.HF_HUB_OFFLINE, constants.DOWNLOAD_CHUNK_SIZE
        constants.HF_HUB_OFFLINE = False
        constants.DOWNLOAD_CHUNK_SIZE = CHUNK_BYTES
        try:
            yield
        finally:
            constants.HF_HUB_OFFLINE, constants.DOWNLOAD_CHUNK_SIZE = before


def _is_no_network(exc: BaseException) -> bool:
    import httpx2

    if isinstance(exc, (httpx2.TransportError, ConnectionError, TimeoutError)):
        return True
    cause = exc.__cause__ or exc.__context__
    return cause is not None and cause is not exc and _is_no_network(cause)


def _hub_failure(exc: BaseException, entry: CatalogueEntry) -> BackendError:
    from huggingface_hub.errors import HfHubHTTPError, RepositoryNotFoundError, RevisionNotFoundError

    if isinstance(exc, (RepositoryNotFoundError, RevisionNotFoundError)):
        return BackendError(ErrorKind.MODEL_NOT_FOUND, msg(
            "The hub no longer has {repo} at revision {revision}. The catalogue may be out of date.",
            repo=entry.repo, revision=entry.revision), details=str(exc))
    if _is_no_network(exc):
        return BackendError(ErrorKind.NO_NETWORK, NO_INTERNET, details=repr(exc))
    if isinstance(exc, HfHubHTTPError):
        return BackendError(ErrorKind.NO_NETWORK, msg(
            "The hub answered with an error while downloading {repo}: {reason}. Try again later, or use a "
            "classroom pack.", repo=entry.repo, reason=str(exc).splitlines()[0][:200]), details=str(exc))
    raise exc


class _Meter:
    """Counts bytes, keeps a few seconds of history for the speed, and reports at most four times a second."""

    def __init__(self, entry_id: str, total: int, done: int, report: Callable[[DownloadProgress], None],
                 cancel: Event) -> None:
        self.entry_id, self.total, self.done, self.report, self.cancel = entry_id, total, done, report, cancel
        self.file_name, self.file_done, self.file_total = "", 0, 0
        self.history: list[tuple[float, int]] = [(time.monotonic(), done)]
        self.last_report = 0.0

    def start_file(self, name: str, done: int, total: int) -> None:
        self.file_name, self.file_done, self.file_total = name, done, total

    def add(self, count: int) -> None:
        if self.cancel.is_set():
            raise JobCancelled(self.snapshot())
        self.done += count
        self.file_done += count
        now = time.monotonic()
        self.history.append((now, self.done))
        while len(self.history) > 2 and now - self.history[0][0] > SPEED_WINDOW_S:
            self.history.pop(0)
        if now - self.last_report >= PARTIAL_INTERVAL_S:
            self.last_report = now
            self.report(self.snapshot())

    def snapshot(self) -> DownloadProgress:
        (t0, d0), (t1, d1) = self.history[0], self.history[-1]
        speed = (d1 - d0) / (t1 - t0) if t1 - t0 > 0.2 else 0.0
        left = (self.total - self.done) / speed if speed > 0 else None
        return DownloadProgress(self.entry_id, self.file_name, self.file_done, self.file_total, self.done,
                                self.total, speed, left)


def _progress_bar_class(meter: _Meter):
    """A tqdm stand-in for ``http_get``: every chunk goes to the meter, which raises on Stop (between chunks)."""

    class MeterBar:
        def __init__(self, *args, **kwargs) -> None:
            self.n = kwargs.get("initial", 0)

        def update(self, count: int = 1) -> None:
            self.n += count
            meter.add(count)

        def __enter__(self):
            return self

        def __exit__(self, *exc) -> None:
            return None

        def close(self) -> None:
            return None

    return MeterBar


def _remote_files(entry: CatalogueEntry, endpoint: str | None) -> tuple[str, list[_RemoteFile]]:
    """The pinned commit and, per catalogue file, the hub's size and checksum (the catalogue's must agree)."""
    from huggingface_hub import HfApi

    info = HfApi(endpoint=endpoint).model_info(entry.repo, revision=entry.revision, files_metadata=True)
    siblings = {s.rfilename: s for s in info.siblings or ()}
    found = []
    for wanted in entry.files:
        sibling = siblings.get(wanted.path)
        if sibling is None or sibling.size is None:
            raise BackendError(ErrorKind.MODEL_NOT_FOUND, msg(
                "The hub's copy of {repo} has no file {file}. The catalogue may be out of date.", repo=entry.repo,
                file=wanted.path))
        sha256 = sibling.lfs.sha256 if sibling.lfs is not None else None
        if wanted.sha256 and sha256 and wanted.sha256 != sha256:
            raise BackendError(ErrorKind.INVALID_MODEL, msg(
                "The hub's {file} of {repo} is not the file the catalogue names (its SHA-256 differs); nothing was "
                "downloaded.", file=wanted.path, repo=entry.repo))
        found.append(_RemoteFile(wanted.path, wanted.local_path, sibling.size, sha256 or wanted.sha256, sibling.blob_id))
    return info.sha or entry.revision, found


def _check_disk(folder: Path, needed: int) -> None:
    free = free_disk_bytes(folder)
    if needed + DISK_MARGIN_BYTES > free:
        raise BackendError(ErrorKind.NOT_ENOUGH_DISK, msg(
            "Not enough disk space: the download needs {needed:.2f} GB more and {free:.2f} GB is free on the disk of "
            "{folder}. Delete models you no longer use (Models window) or free some space.",
            needed=(needed + DISK_MARGIN_BYTES) / 1e9, free=free / 1e9, folder=str(folder)))


def _verify(path: Path, remote: _RemoteFile, cancel: Event) -> str:
    """The file's SHA-256 once it matches the hub's checksum; a mismatch deletes it and names it."""
    digest = sha256_of(path, cancel=cancel)
    ok = digest == remote.sha256 if remote.sha256 else (remote.git_oid is None or git_blob_sha1(path) == remote.git_oid)
    if not ok:
        path.unlink(missing_ok=True)
        raise BackendError(ErrorKind.INVALID_MODEL, msg(
            "{file} arrived damaged (its checksum does not match the hub's) and was deleted. Press Download again to "
            "fetch it anew.", file=remote.path))
    return digest


def _fetch(url: str, part: Path, remote: _RemoteFile, meter: _Meter) -> None:
    from huggingface_hub.file_download import http_get

    part.parent.mkdir(parents=True, exist_ok=True)
    have = part.stat().st_size if part.exists() else 0
    if have > remote.size:  # not this file any more (a changed revision): start again
        part.unlink()
        have = 0
    with open(part, "ab") as handle:
        http_get(url, handle, resume_size=have, expected_size=remote.size, displayed_filename=remote.path,
                 headers={"Accept-Encoding": "identity"}, tqdm_class=_progress_bar_class(meter))


def download_entry(entry: CatalogueEntry, paths: AppPaths, report: Callable[[DownloadProgress], None],
                   cancel: Event, progress: ProgressFn | None = None, endpoint: str | None = None) -> DownloadResult:
    """Download ``entry`` into the user's models folder (resuming whatever an earlier try left)."""
    progress = progress or (lambda fraction, message: None)
    final = paths.models_dir / entry.id
    model_id = f"path:{final.resolve()}"
    existing = read_folder_info(final) if final.is_dir() else None
    if existing is not None and existing.catalogue_id == entry.id:
        return DownloadResult(entry.id, model_id, final, 0, 0)
    if final.exists():
        raise BackendError(ErrorKind.INVALID_INPUT, msg(
            "Your models folder already has a folder named {name} that the app did not download. Rename or remove "
            "it, then download again.", name=entry.id))
    staging = paths.models_dir / DOWNLOADS_FOLDER / entry.id
    staging.mkdir(parents=True, exist_ok=True)
    with held_cancellable(staging.with_name(f".{entry.id}.lock"), cancel,
                          lambda: progress(None, msg("Another copy of the app is downloading this model…"))):
        progress(None, msg("Asking the hub for {repo}…", repo=entry.repo))
        try:
            with hub_online():
                commit, remote_files = _remote_files(entry, endpoint)
        except BackendError:
            raise
        except Exception as exc:  # noqa: BLE001 - translated into a sentence, or re-raised
            raise _hub_failure(exc, entry) from exc
        _forget_other_revision(staging, commit)
        on_disk = {r.path: _bytes_on_disk(staging, r) for r in remote_files}
        total = sum(r.size for r in remote_files)
        resumed = sum(on_disk.values())
        _check_disk(paths.models_dir, total - resumed)
        meter = _Meter(entry.id, total, resumed, report, cancel)
        try:
            files = [_download_one(entry, commit, r, staging, on_disk[r.path], meter, cancel, progress, endpoint)
                     for r in remote_files]
        except JobCancelled as stopped:  # stopped while checking a file: still say how far it got
            stopped.partial = stopped.partial or meter.snapshot()
            raise
        (staging / COMMIT_FILE).unlink(missing_ok=True)
        write_folder_info(staging, FolderInfo(entry.id, entry.title, entry.kind.value, entry.repo, commit,
                                              entry.licence, entry.licence_restricted, tuple(files)))
        final.parent.mkdir(parents=True, exist_ok=True)
        staging.rename(final)
    report(meter.snapshot())
    return DownloadResult(entry.id, model_id, final, meter.done - resumed, resumed)


def _forget_other_revision(staging: Path, commit: str) -> None:
    """Partial files of another commit (the catalogue follows "main" and the repository moved on) would be
    resumed with the new file's bytes and fail the checksum: start those afresh."""
    marker = staging / COMMIT_FILE
    try:
        before = marker.read_text(encoding="utf-8").strip()
    except OSError:
        before = ""
    if before and before != commit:
        log.info("%s: the repository moved from %s to %s; starting the download again", staging.name, before, commit)
        for item in list(staging.iterdir()):
            if item.is_dir():
                shutil.rmtree(item, ignore_errors=True)
            else:
                item.unlink(missing_ok=True)
    atomic_write_text(marker, commit)


def _bytes_on_disk(staging: Path, remote: _RemoteFile) -> int:
    target = staging / remote.local_path
    if target.is_file():
        return target.stat().st_size
    part = target.with_name(target.name + INCOMPLETE)
    return min(part.stat().st_size, remote.size) if part.is_file() else 0


def _download_one(entry: CatalogueEntry, commit: str, remote: _RemoteFile, staging: Path, have: int, meter: _Meter,
                  cancel: Event, progress: ProgressFn, endpoint: str | None) -> CatalogueFile:
    from huggingface_hub import hf_hub_url

    target = staging / remote.local_path
    if not target.is_file():
        meter.start_file(remote.path, have, remote.size)
        part = target.with_name(target.name + INCOMPLETE)
        url = hf_hub_url(entry.repo, remote.path, revision=commit, endpoint=endpoint)
        try:
            with hub_online():
                _fetch(url, part, remote, meter)
        except (JobCancelled, BackendError):
            raise
        except Exception as exc:  # noqa: BLE001
            raise _hub_failure(exc, entry) from exc
        progress(None, msg("Checking {file}…", file=remote.path))
        digest = _verify(part, remote, cancel)
        part.rename(target)
    else:
        progress(None, msg("Checking {file}…", file=remote.path))
        digest = _verify(target, remote, cancel)
    return CatalogueFile(remote.local_path, remote.size, digest)


def forget_partial_download(paths: AppPaths, entry_id: str) -> int:
    """Delete what an unfinished download of ``entry_id`` left (the user does not want to resume it); the bytes
    freed. Refused while a download of it runs (in this app or another copy: its lock is held), so a running
    download never loses its files under it; a file the system will not delete is named in the error."""
    if not entry_id or entry_id.startswith(".") or Path(entry_id).name != entry_id:
        raise BackendError(ErrorKind.INVALID_INPUT, msg("{name} is not a catalogue entry.", name=entry_id))
    folder = paths.models_dir / DOWNLOADS_FOLDER / entry_id
    if not folder.is_dir():
        return 0
    with taken_if_free(folder.with_name(f".{entry_id}.lock")) as free:  # the lock download_entry holds
        if not free:
            raise BackendError(ErrorKind.INVALID_INPUT, msg(
                "This model is being downloaded right now (perhaps by another copy of the app). Stop that download "
                "first, then discard what it left."))
        before = folder_size(folder)
        refused: list[str] = []
        _remove_tree(folder, refused)
        freed = before - (folder_size(folder) if folder.exists() else 0)
    if refused:
        raise BackendError(ErrorKind.INVALID_INPUT, msg(
            "Some files of the unfinished download could not be deleted ({freed} MB freed): {reason}",
            freed=round(freed / 1e6), reason=refused[0]), details="\n".join(refused))
    log.info("discarded the unfinished download of %s (%d bytes)", entry_id, freed)
    return freed


def _remove_tree(folder: Path, refused: list[str]) -> None:
    """``shutil.rmtree`` that goes on past a file it cannot delete (open elsewhere on Windows, read-only
    medium) and notes it, instead of claiming the space was freed (``ignore_errors``)."""
    def note(_function, path, error) -> None:
        refused.append(f"{path}: {error[1] if isinstance(error, tuple) else error}")

    if sys.version_info >= (3, 12):
        shutil.rmtree(folder, onexc=note)
    else:
        shutil.rmtree(folder, onerror=note)
