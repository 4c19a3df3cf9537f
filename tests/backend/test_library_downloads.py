"""Downloads from a hub stand-in on 127.0.0.1 (tests/fixtures/fake_hub.py): progress with speed, Stop and
resume with an HTTP Range, a damaged file caught by its checksum, too little disk space, no network, and the
offline switch back on afterwards. The socket guard (tests/conftest.py) still forbids any other address."""
from __future__ import annotations

import hashlib
import os
import socket
import threading

import pytest

from model_backend.core.errors import BackendError, ErrorKind, JobCancelled
from model_backend.core.jobs import Cancelled, Failed, Partial, Result
from model_backend.core.model_inspection import ModelKind
from model_backend.core.registry import ModelRegistry
from model_backend.library import downloads
from model_backend.library.catalogue import CatalogueEntry, CatalogueFile
from model_backend.library.downloads import DownloadProgress, DownloadRequest, download_entry
from model_backend.library.installed import installed_catalogue_ids, installed_models, partial_download_bytes
from tests.fixtures.fake_hub import FakeHub, FakeRepo

WEIGHTS = os.urandom(3 * 1024 * 1024)
CONFIG = b'{"model_type": "none"}\n'


@pytest.fixture
def hub():
    server = FakeHub().start()
    server.add("class/tiny-model", FakeRepo({"model.safetensors": WEIGHTS, "config.json": CONFIG}))
    yield server
    server.stop()


def entry(files=("model.safetensors", "config.json"), sha256: str | None = None) -> CatalogueEntry:
    return CatalogueEntry(
        id="tiny-model", kind=ModelKind.CHAT, title="Tiny model", purpose={"en": "tests"}, repo="class/tiny-model",
        revision="main", files=tuple(CatalogueFile(f, None, sha256 if f.endswith(".safetensors") else None)
                                     for f in files),
        download_bytes=len(WEIGHTS), memory_bytes=10_000_000, languages=("en",), licence="Apache-2.0",
        licence_restricted=False)


def test_download_reports_progress_verifies_and_lands_in_the_models_folder(hub, app_home):
    seen: list[DownloadProgress] = []
    result = download_entry(entry(sha256=hashlib.sha256(WEIGHTS).hexdigest()), app_home, seen.append,
                            threading.Event(), endpoint=hub.endpoint)
    assert result.folder == app_home.models_dir / "tiny-model"
    assert (result.folder / "model.safetensors").read_bytes() == WEIGHTS
    assert (result.folder / "config.json").read_bytes() == CONFIG
    assert result.downloaded_bytes == len(WEIGHTS) + len(CONFIG) and result.resumed_bytes == 0
    assert seen and seen[-1].done == seen[-1].total == len(WEIGHTS) + len(CONFIG)
    assert all(a.done <= b.done for a, b in zip(seen, seen[1:]))
    assert not (app_home.models_dir / ".downloads" / "tiny-model").exists()
    assert installed_catalogue_ids(app_home) == {"tiny-model"}
    assert partial_download_bytes(app_home, "tiny-model") == 0
    # The offline switch is back on for everything else.
    from huggingface_hub import constants
    assert constants.HF_HUB_OFFLINE is True
    # A second download of the same entry is "already here": nothing fetched.
    before = hub.served_bytes
    again = download_entry(entry(), app_home, seen.append, threading.Event(), endpoint=hub.endpoint)
    assert again.downloaded_bytes == 0 and hub.served_bytes == before


def test_stop_keeps_the_partial_file_and_the_next_download_resumes_with_a_range(hub, app_home):
    hub.delay_per_chunk = 0.005
    cancel = threading.Event()

    def stop_halfway(progress: DownloadProgress) -> None:
        if progress.file_name == "model.safetensors" and progress.file_done > len(WEIGHTS) // 3:
            cancel.set()

    with pytest.raises(JobCancelled) as stopped:
        download_entry(entry(), app_home, stop_halfway, cancel, endpoint=hub.endpoint)
    assert isinstance(stopped.value.partial, DownloadProgress)
    kept = partial_download_bytes(app_home, "tiny-model")
    assert len(WEIGHTS) // 3 < kept < len(WEIGHTS)
    assert not (app_home.models_dir / "tiny-model").exists()

    hub.delay_per_chunk = 0.0
    hub.ranges.clear()
    result = download_entry(entry(), app_home, lambda p: None, threading.Event(), endpoint=hub.endpoint)
    weights_requests = [r for name, r in hub.ranges if name == "model.safetensors"]
    resumed_from = int(weights_requests[0].split("=")[1].rstrip("-"))
    assert resumed_from > len(WEIGHTS) // 3
    assert result.resumed_bytes >= resumed_from
    assert (result.folder / "model.safetensors").read_bytes() == WEIGHTS


def test_a_damaged_file_is_caught_by_its_checksum_named_and_deleted(hub, app_home):
    damaged = bytearray(WEIGHTS)
    damaged[1000] ^= 0xFF
    hub.corrupt[("class/tiny-model", "model.safetensors")] = bytes(damaged)
    with pytest.raises(BackendError) as failed:
        download_entry(entry(), app_home, lambda p: None, threading.Event(), endpoint=hub.endpoint)
    assert failed.value.kind is ErrorKind.INVALID_MODEL
    assert failed.value.message.params["file"] == "model.safetensors"
    assert not (app_home.models_dir / "tiny-model").exists()
    assert not list((app_home.models_dir / ".downloads" / "tiny-model").glob("model.safetensors*"))


def test_a_catalogue_checksum_that_disagrees_with_the_hub_stops_before_downloading(hub, app_home):
    with pytest.raises(BackendError) as failed:
        download_entry(entry(sha256="0" * 64), app_home, lambda p: None, threading.Event(), endpoint=hub.endpoint)
    assert failed.value.kind is ErrorKind.INVALID_MODEL
    assert hub.served_bytes == 0


def test_too_little_disk_space_is_said_with_numbers_before_anything_is_fetched(hub, app_home, monkeypatch):
    monkeypatch.setattr(downloads, "free_disk_bytes", lambda folder: 1_000_000)
    with pytest.raises(BackendError) as failed:
        download_entry(entry(), app_home, lambda p: None, threading.Event(), endpoint=hub.endpoint)
    assert failed.value.kind is ErrorKind.NOT_ENOUGH_DISK
    assert failed.value.message.params["free"] == pytest.approx(0.001)
    assert hub.served_bytes == 0


def test_no_network_says_so_plainly(app_home):
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there: the connection is refused, as with no network
    with pytest.raises(BackendError) as failed:
        download_entry(entry(), app_home, lambda p: None, threading.Event(), endpoint=f"http://127.0.0.1:{port}")
    assert failed.value.kind is ErrorKind.NO_NETWORK
    assert failed.value.message.template == downloads.NO_INTERNET.template


def test_the_engine_runs_a_download_job_with_partials_and_the_registry_lists_the_model(hub, app_home, monkeypatch):
    from model_backend.engine import Backend
    from model_backend.library import library_jobs
    from tests.fixtures.jobs import run_job

    monkeypatch.setenv("HF_ENDPOINT", hub.endpoint)
    monkeypatch.setattr(library_jobs, "find_entry", lambda entry_id: entry())
    registry = ModelRegistry(app_home)
    events = run_job(Backend(app_home, registry), DownloadRequest("tiny-model"))
    assert isinstance(events[-1], Result), events[-1]
    assert any(isinstance(e, Partial) and isinstance(e.payload, DownloadProgress) for e in events)
    model_id = events[-1].value.model_id
    listed = {m.model_id: m for m in installed_models(registry, catalogue=(entry(),))}
    # config.json says "none": the registry finds the folder but it is no usable model; the real round trip
    # (a model that answers) is in test_library_packs.py. Here: the folder is where the registry looks.
    assert model_id == f"path:{(app_home.models_dir / 'tiny-model').resolve()}"
    assert model_id not in listed or listed[model_id].deletable


def test_stop_through_the_engine_ends_cancelled(hub, app_home, monkeypatch):
    from model_backend.engine import Backend
    from model_backend.library import library_jobs
    from tests.fixtures.jobs import run_job

    hub.delay_per_chunk = 0.002
    monkeypatch.setenv("HF_ENDPOINT", hub.endpoint)
    monkeypatch.setattr(library_jobs, "find_entry", lambda entry_id: entry())
    cancel = threading.Event()
    events = run_job(Backend(app_home, ModelRegistry(app_home)), DownloadRequest("tiny-model"), cancel=cancel,
                     on_event=lambda e: cancel.set() if isinstance(e, Partial) else None)
    assert isinstance(events[-1], Cancelled)
    assert not any(isinstance(e, Failed) for e in events)
    assert partial_download_bytes(app_home, "tiny-model") > 0


def test_a_partial_download_of_an_older_commit_starts_again(hub, app_home):
    hub.delay_per_chunk = 0.005
    cancel = threading.Event()
    with pytest.raises(JobCancelled):
        download_entry(entry(), app_home, lambda p: cancel.set() if p.file_done > 100_000 else None, cancel,
                       endpoint=hub.endpoint)
    assert partial_download_bytes(app_home, "tiny-model") > 0
    newer = os.urandom(len(WEIGHTS))
    hub.add("class/tiny-model", FakeRepo({"model.safetensors": newer, "config.json": CONFIG}))  # a new commit
    hub.delay_per_chunk = 0.0
    hub.ranges.clear()
    result = download_entry(entry(), app_home, lambda p: None, threading.Event(), endpoint=hub.endpoint)
    assert result.resumed_bytes == 0 and all(r is None for _, r in hub.ranges)
    assert (result.folder / "model.safetensors").read_bytes() == newer


def stopped_download(hub, app_home) -> int:
    """Stop a download a third of the way; the bytes it left in models/.downloads/."""
    hub.delay_per_chunk = 0.005
    cancel = threading.Event()
    with pytest.raises(JobCancelled):
        download_entry(entry(), app_home, lambda p: cancel.set() if p.file_done > len(WEIGHTS) // 3 else None, cancel,
                       endpoint=hub.endpoint)
    hub.delay_per_chunk = 0.0
    return partial_download_bytes(app_home, "tiny-model")


def test_forgetting_a_partial_download_frees_its_space_and_the_next_download_starts_afresh(hub, app_home):
    kept = stopped_download(hub, app_home)
    staging = app_home.models_dir / ".downloads" / "tiny-model"
    assert kept > 0 and staging.is_dir()
    assert downloads.forget_partial_download(app_home, "tiny-model") >= kept
    assert not staging.exists() and partial_download_bytes(app_home, "tiny-model") == 0
    assert downloads.forget_partial_download(app_home, "tiny-model") == 0  # nothing left: nothing to do
    hub.ranges.clear()
    result = download_entry(entry(), app_home, lambda p: None, threading.Event(), endpoint=hub.endpoint)
    assert result.resumed_bytes == 0 and all(r is None for _, r in hub.ranges)


def test_forgetting_is_refused_while_a_download_holds_the_lock(hub, app_home):
    from model_backend.core.file_lock import taken_if_free

    kept = stopped_download(hub, app_home)
    staging = app_home.models_dir / ".downloads" / "tiny-model"
    with taken_if_free(staging.with_name(".tiny-model.lock")) as got:  # as download_entry holds it
        assert got
        with pytest.raises(BackendError):
            downloads.forget_partial_download(app_home, "tiny-model")
    assert partial_download_bytes(app_home, "tiny-model") == kept


@pytest.mark.parametrize("bad", ["", ".", "..", "../tiny-model", ".downloads", "a/b"])
def test_forgetting_only_ever_deletes_inside_the_downloads_folder(app_home, bad):
    keep = app_home.models_dir / "tiny-model" / "model.safetensors"
    keep.parent.mkdir(parents=True)
    keep.write_bytes(b"weights")
    (app_home.models_dir / ".downloads" / "a" / "b").mkdir(parents=True)
    with pytest.raises(BackendError):
        downloads.forget_partial_download(app_home, bad)
    assert keep.read_bytes() == b"weights" and (app_home.models_dir / ".downloads" / "a" / "b").is_dir()


def test_a_file_that_cannot_be_deleted_is_named_not_counted_as_freed(hub, app_home, monkeypatch):
    stopped_download(hub, app_home)
    real_unlink = os.unlink

    def refuse(path, *args, **kwargs):
        if str(path).endswith(".incomplete"):
            raise PermissionError(13, "in use by another program", str(path))
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", refuse)
    with pytest.raises(BackendError) as failed:
        downloads.forget_partial_download(app_home, "tiny-model")
    assert "model.safetensors.incomplete" in failed.value.message.params["reason"]
    assert failed.value.message.params["freed"] < 1  # MB: only the small files went
    monkeypatch.undo()
    assert partial_download_bytes(app_home, "tiny-model") > 0
