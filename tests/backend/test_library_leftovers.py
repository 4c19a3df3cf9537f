"""Start-up clean-up of the model library's hidden half-copies: a classroom-pack import killed half-way leaves
``models/.<folder>.partial-…`` (and its lock file); the next start of the app removes them, but never a copy that
another running copy of the app is still writing (it holds the lock), and never anything of the user's own."""
from __future__ import annotations

import multiprocessing
import os
import shutil
import threading
import time
from pathlib import Path

from model_backend.core.paths import AppPaths
from model_backend.core.registry import ModelRegistry
from model_backend.core.stale_files import STALE_AFTER_S, library_copy_lock, remove_stale_leftovers
from model_backend.library.installed import DOWNLOADS_FOLDER
from model_backend.library.packs import export_pack, import_pack


def _home(root: Path) -> AppPaths:
    return AppPaths(root / "data", root / "cache", root / "config")


def _import_then_die(pack: str, root: str) -> None:
    """A copy of the app whose import is killed (power cut, Task Manager) once the copying has started."""
    def report(progress) -> None:
        if progress.done > 0:
            os._exit(9)  # no clean-up of any kind runs

    import_pack(ModelRegistry(_home(Path(root))), Path(pack), True, report, threading.Event())
    os._exit(0)


def _hold_lock(lock_file: str, ready, release) -> None:
    from model_backend.core.file_lock import held

    with held(Path(lock_file)):
        ready.set()
        release.wait(60)


def _pack_of_the_tiny_model(tiny_chat_model_dir: Path, tmp_path: Path) -> Path:
    teacher = _home(tmp_path / "teacher")
    shutil.copytree(tiny_chat_model_dir, teacher.models_dir / "tiny-chat")
    model_id = f"path:{(teacher.models_dir / 'tiny-chat').resolve()}"
    pack = tmp_path / "pack"
    export_pack(ModelRegistry(teacher), (model_id,), pack, lambda p: None, threading.Event())
    assert sorted(p.name for p in (pack / "models").iterdir()) == ["tiny-chat"]  # no copy folder, no lock file left
    return pack


def test_the_next_start_removes_what_a_killed_import_left(tiny_chat_model_dir, tmp_path):
    from model_backend.engine import Backend

    pack = _pack_of_the_tiny_model(tiny_chat_model_dir, tmp_path)
    laptop = _home(tmp_path / "laptop")
    killed = multiprocessing.get_context("spawn").Process(target=_import_then_die, args=(str(pack), str(tmp_path / "laptop")))
    killed.start()
    killed.join(120)
    assert killed.exitcode == 9
    (half,) = [p for p in laptop.models_dir.iterdir() if p.is_dir()]
    assert half.name.startswith(".tiny-chat.partial-") and any(f.is_file() for f in half.rglob("*"))
    assert library_copy_lock(half).exists()
    assert not (laptop.models_dir / "tiny-chat").exists()  # the registry never saw half a model

    Backend(laptop)  # the next start: it was written seconds ago, but nobody holds its lock any more

    assert list(laptop.models_dir.iterdir()) == []  # the half-copy and its lock file are gone
    report = import_pack(ModelRegistry(laptop), pack, True, lambda p: None, threading.Event())
    assert len(report.models) == 1 and (laptop.models_dir / "tiny-chat" / "config.json").is_file()


def test_a_copy_another_running_app_is_writing_and_the_users_own_folders_are_kept(app_home):
    models = app_home.models_dir
    live = models / ".tiny-chat.partial-0123abcd"  # another copy of the app is importing into it right now
    dead = models / ".tiny-chat.partial-89abcdef"  # its copier was killed: its lock is free
    old_style = models / ".big.partial-00000000"  # an older version's copy (no lock file), an hour old
    young_old_style = models / ".small.partial-11111111"  # the same but fresh: possibly an older copy at work
    deleting = models / ".retired.deleting"  # a delete that was killed half-way
    users_own = [models / "my-model" / ".weights.partial-22222222", models / ".my-hidden-notes",
                 models / DOWNLOADS_FOLDER / "qwen" / "model.gguf"]  # an unfinished download: Download resumes it
    for folder in (live, dead, old_style, young_old_style, deleting):
        (folder / "unet").mkdir(parents=True)
        (folder / "unet" / "weights.safetensors").write_bytes(b"x" * 100)
    for path in users_own:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"mine")
    library_copy_lock(live).touch()
    library_copy_lock(dead).touch()
    stray_lock = library_copy_lock(models / ".done.partial-33333333")  # its copier died after renaming the folder
    starting = library_copy_lock(models / ".new.partial-44444444")  # a copier about to create its folder
    for lock in (stray_lock, starting):
        lock.touch()
    an_hour_ago = time.time() - STALE_AFTER_S - 60
    for path in (live, dead, old_style, stray_lock):
        os.utime(path, (an_hour_ago, an_hour_ago))

    context = multiprocessing.get_context("spawn")
    ready, release = context.Event(), context.Event()
    other = context.Process(target=_hold_lock, args=(str(library_copy_lock(live)), ready, release))
    other.start()
    try:
        assert ready.wait(60)
        removed = remove_stale_leftovers(app_home)
    finally:
        release.set()
        other.join(60)

    assert set(removed) == {dead, old_style, deleting}
    assert not dead.exists() and not library_copy_lock(dead).exists() and not old_style.exists() and not deleting.exists()
    assert not stray_lock.exists() and starting.exists()
    assert live.is_dir() and library_copy_lock(live).exists() and young_old_style.is_dir()
    assert all(path.read_bytes() == b"mine" for path in users_own)
    # Once that copy of the app is gone without finishing, its folder is a leftover too.
    assert remove_stale_leftovers(app_home) == [live]
    assert not library_copy_lock(live).exists()
