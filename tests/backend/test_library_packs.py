"""Classroom packs: a model downloaded from the hub stand-in is exported to a folder, imported on a fresh user
folder with no network, and answers there; a pack with one changed or missing file is refused naming the file,
and nothing half-copied is left behind."""
from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import pytest

from model_backend.core.errors import BackendError, JobCancelled
from model_backend.core.jobs import Result
from model_backend.core.model_inspection import ModelKind
from model_backend.core.paths import AppPaths
from model_backend.core.registry import ModelRegistry
from model_backend.library.catalogue import CatalogueEntry, CatalogueFile
from model_backend.library.downloads import download_entry
from model_backend.library.folder_info import read_folder_info
from model_backend.library.installed import delete_model, installed_models
from model_backend.library.packs import ExportPackRequest, ImportPackRequest, export_pack, import_pack, read_manifest
from tests.fixtures.fake_hub import FakeHub, repo_from_folder
from tests.fixtures.jobs import run_job


def fresh_home(root: Path) -> AppPaths:
    return AppPaths(root / "data", root / "cache", root / "config")


@pytest.fixture
def downloaded(tiny_chat_model_dir, app_home):
    """The tiny chat model, downloaded through the hub stand-in into the user's models folder."""
    hub = FakeHub().start()
    repo = hub.add("class/tiny-chat", repo_from_folder(tiny_chat_model_dir))
    entry = CatalogueEntry(
        id="tiny-chat", kind=ModelKind.CHAT, title="Tiny chat", purpose={"en": "tests"}, repo="class/tiny-chat",
        revision="main", files=tuple(CatalogueFile(name) for name in repo.files), download_bytes=0,
        memory_bytes=1, languages=("en",), licence="CC-BY-NC-4.0", licence_restricted=True)
    try:
        result = download_entry(entry, app_home, lambda p: None, threading.Event(), endpoint=hub.endpoint)
    finally:
        hub.stop()
    return result


def test_export_then_import_on_a_fresh_machine_and_the_model_answers(downloaded, app_home, tmp_path):
    from model_backend.chat.chat_types import ChatRequest, Message, Sampling
    from model_backend.engine import Backend

    pack = tmp_path / "usb-stick"
    registry = ModelRegistry(app_home)
    events = run_job(Backend(app_home, registry), ExportPackRequest((downloaded.model_id,), pack))
    assert isinstance(events[-1], Result)
    exported = events[-1].value
    assert [m.folder for m in exported.models] == ["tiny-chat"] and not exported.problems
    manifest = read_manifest(pack)
    assert manifest[0].licence == "CC-BY-NC-4.0" and manifest[0].licence_restricted
    assert manifest[0].repo == "class/tiny-chat" and len(manifest[0].revision) == 40
    assert {f.path for f in manifest[0].files} >= {"config.json", "model.safetensors"}
    assert exported.bytes_copied == sum(f.size for f in manifest[0].files)

    other = fresh_home(tmp_path / "laptop-2")
    other_registry = ModelRegistry(other, hf_cache_dir=tmp_path / "empty-cache")
    events = run_job(Backend(other, other_registry), ImportPackRequest(pack))
    report = events[-1].value
    assert not report.problems and report.model_ids == (f"path:{(other.models_dir / 'tiny-chat').resolve()}",)
    assert report.bytes_copied == exported.bytes_copied
    assert read_folder_info(other.models_dir / "tiny-chat").catalogue_id == "tiny-chat"
    assert not [p for p in other.models_dir.iterdir() if p.name.startswith(".")]
    listed = {m.model_id: m for m in installed_models(other_registry, catalogue=())}
    imported = listed[report.model_ids[0]]
    assert imported.kind is ModelKind.CHAT and imported.deletable and imported.licence_restricted

    request = ChatRequest(conversation=(Message("user", "Hello"),), model_id=report.model_ids[0],
                          sampling=Sampling(temperature=0.0, max_new_tokens=4, seed=1), device="cpu")
    answer = run_job(Backend(other, other_registry), request)[-1]
    assert isinstance(answer, Result), answer
    assert len(answer.value.steps) > 0

    # Importing the same pack again copies nothing.
    again = import_pack(other_registry, pack, True, lambda p: None, threading.Event())
    assert again.model_ids == report.model_ids and again.bytes_copied == 0

    freed = delete_model(other_registry, report.model_ids[0])
    assert freed >= exported.bytes_copied and not (other.models_dir / "tiny-chat").exists()


def test_a_pack_with_one_changed_file_is_refused_naming_the_file(downloaded, app_home, tmp_path):
    pack = tmp_path / "pack"
    export_pack(ModelRegistry(app_home), (downloaded.model_id,), pack, lambda p: None, threading.Event())
    weights = pack / "models" / "tiny-chat" / "model.safetensors"
    data = bytearray(weights.read_bytes())
    data[len(data) // 2] ^= 0x01  # same size, one bit changed
    weights.write_bytes(bytes(data))

    other = fresh_home(tmp_path / "laptop")
    report = import_pack(ModelRegistry(other), pack, True, lambda p: None, threading.Event())
    assert report.model_ids == ()
    assert [(p.model, p.file) for p in report.problems] == [("tiny-chat", "model.safetensors")]
    assert not other.models_dir.exists() or not list(other.models_dir.iterdir())


def test_a_pack_with_a_missing_and_a_truncated_file_names_both(downloaded, app_home, tmp_path):
    pack = tmp_path / "pack"
    export_pack(ModelRegistry(app_home), (downloaded.model_id,), pack, lambda p: None, threading.Event())
    folder = pack / "models" / "tiny-chat"
    (folder / "config.json").unlink()
    weights = folder / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:100])
    report = import_pack(ModelRegistry(fresh_home(tmp_path / "laptop")), pack, True, lambda p: None, threading.Event())
    assert sorted(p.file for p in report.problems) == ["config.json", "model.safetensors"]
    assert report.model_ids == ()


def test_in_place_import_adds_the_pack_folder_without_copying(downloaded, app_home, tmp_path):
    pack = tmp_path / "pack"
    export_pack(ModelRegistry(app_home), (downloaded.model_id,), pack, lambda p: None, threading.Event())
    other = fresh_home(tmp_path / "laptop")
    registry = ModelRegistry(other)
    report = import_pack(registry, pack, False, lambda p: None, threading.Event())
    assert report.bytes_copied == 0 and not report.problems
    assert registry.added_paths == (str((pack / "models" / "tiny-chat").resolve()),)
    assert registry.resolve(report.model_ids[0]).kind is ModelKind.CHAT


def test_stop_during_import_leaves_nothing_half_copied(downloaded, app_home, tmp_path):
    pack = tmp_path / "pack"
    export_pack(ModelRegistry(app_home), (downloaded.model_id,), pack, lambda p: None, threading.Event())
    other = fresh_home(tmp_path / "laptop")
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(JobCancelled):
        import_pack(ModelRegistry(other), pack, True, lambda p: None, cancel)
    assert not other.models_dir.exists() or not list(other.models_dir.iterdir())


def test_a_manifest_that_points_outside_the_pack_is_refused(tmp_path):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "manifest.json").write_text(json.dumps({"format": "genai-classroom-pack", "version": 1, "models": [
        {"folder": "x", "kind": "chat", "files": [{"path": "../../etc/passwd", "size": 1, "sha256": "0" * 64}]}]}))
    with pytest.raises(BackendError):
        read_manifest(pack)


def test_built_in_models_are_not_exported_or_deleted(app_home, tmp_path):
    registry = ModelRegistry(app_home)
    builtin = [m for m in installed_models(registry, catalogue=()) if m.model_id.startswith("builtin:")]
    if not builtin:
        pytest.skip("no built-in model in this checkout")
    report = export_pack(registry, (builtin[0].model_id,), tmp_path / "pack", lambda p: None, threading.Event())
    assert report.models == () and len(report.problems) == 1
    assert not builtin[0].deletable
    with pytest.raises(BackendError):
        delete_model(registry, builtin[0].model_id)
    shutil.rmtree(tmp_path / "pack", ignore_errors=True)


def test_a_stick_too_small_or_formatted_fat32_is_said_plainly(downloaded, app_home, tmp_path, monkeypatch):
    import errno

    from model_backend.core.errors import ErrorKind
    from model_backend.library import packs

    registry = ModelRegistry(app_home)
    monkeypatch.setattr(packs, "free_disk_bytes", lambda folder: 1000)
    with pytest.raises(BackendError) as full:
        export_pack(registry, (downloaded.model_id,), tmp_path / "small-stick", lambda p: None, threading.Event())
    assert full.value.kind is ErrorKind.NOT_ENOUGH_DISK and full.value.message.params["free"] == pytest.approx(1e-6)
    monkeypatch.undo()

    def too_big(source, target, counter):
        raise OSError(errno.EFBIG, "File too large")

    monkeypatch.setattr(packs, "_copy_hashing", too_big)
    with pytest.raises(BackendError) as fat32:
        export_pack(registry, (downloaded.model_id,), tmp_path / "fat32-stick", lambda p: None, threading.Event())
    assert fat32.value.kind is ErrorKind.INVALID_INPUT and fat32.value.message.params["file"]
    assert not list((tmp_path / "fat32-stick" / "models").iterdir())  # the half-written model is gone


def test_half_copies_left_by_a_killed_import_are_cleaned_at_the_next_one(downloaded, app_home, tmp_path):
    import os

    pack = tmp_path / "pack"
    export_pack(ModelRegistry(app_home), (downloaded.model_id,), pack, lambda p: None, threading.Event())
    other = fresh_home(tmp_path / "laptop")
    leftover = other.models_dir / ".tiny-chat.partial-0badf00d"
    leftover.mkdir(parents=True)
    (leftover / "model.safetensors").write_bytes(b"half")
    os.utime(leftover, (0, 0))
    import_pack(ModelRegistry(other), pack, True, lambda p: None, threading.Event())
    assert not leftover.exists() and (other.models_dir / "tiny-chat").is_dir()
