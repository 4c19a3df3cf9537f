"""The one-time GGUF conversion: cached, cancellable at once, never half-written."""
import threading
import time

import pytest

from model_backend.chat.gguf_conversion import COMPLETE_MARKER, cache_folder_for, convert_gguf
from model_backend.core.errors import BackendError, InvalidModelError, JobCancelled


def slow_child(gguf_path, target, messages):
    messages.put(("progress", 0.1, "working"))
    time.sleep(60)


def crashing_child(gguf_path, target, messages):
    import os

    os._exit(3)


def writing_child(gguf_path, target, messages):
    from pathlib import Path

    Path(target).mkdir(parents=True)
    (Path(target) / "config.json").write_text("{}")
    messages.put(("progress", 0.5, "half way"))
    messages.put(("done", 1.0, ""))


def invalid_child(gguf_path, target, messages):
    messages.put(("invalid", "it is truncated", "details"))


@pytest.fixture
def gguf_file(tmp_path):
    path = tmp_path / "m.gguf"
    path.write_bytes(b"GGUF" + b"\0" * 100)
    return path


def test_stop_ends_the_conversion_quickly_and_leaves_nothing(tmp_path, gguf_file):
    cancel = threading.Event()
    target = tmp_path / "cache" / "m"
    seen = []

    def progress(fraction, message):
        seen.append(message)
        cancel.set()

    started = time.monotonic()
    with pytest.raises(JobCancelled):
        convert_gguf(gguf_file, target, progress, cancel, child_body=slow_child)
    assert time.monotonic() - started < 30
    assert seen == ["working"]
    # Only the (empty) lock file that keeps two copies of the app from converting at once stays.
    assert not target.exists() and [p.name for p in (tmp_path / "cache").iterdir()] == [".m.lock"]


def test_successful_conversion_is_marked_and_reused(tmp_path, gguf_file):
    target = tmp_path / "cache" / "m"
    messages = []
    convert_gguf(gguf_file, target, lambda f, m: messages.append(m), threading.Event(), child_body=writing_child)
    assert (target / COMPLETE_MARKER).exists() and (target / "config.json").exists()
    assert messages == ["half way"]
    # the second call finds the cache and starts no child at all
    convert_gguf(gguf_file, target, lambda f, m: None, threading.Event(), child_body=crashing_child)


def test_child_crash_and_invalid_file_are_reported(tmp_path, gguf_file):
    with pytest.raises(BackendError, match="stopped unexpectedly"):
        convert_gguf(gguf_file, tmp_path / "a", lambda f, m: None, threading.Event(), child_body=crashing_child)
    with pytest.raises(InvalidModelError, match="truncated"):
        convert_gguf(gguf_file, tmp_path / "b", lambda f, m: None, threading.Event(), child_body=invalid_child)
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_cache_folder_changes_when_the_file_changes(tmp_path, gguf_file):
    first = cache_folder_for(gguf_file, tmp_path, "5.0")
    assert cache_folder_for(gguf_file, tmp_path, "5.0") == first
    assert cache_folder_for(gguf_file, tmp_path, "5.1") != first
    gguf_file.write_bytes(b"GGUF" + b"\1" * 200)
    assert cache_folder_for(gguf_file, tmp_path, "5.0") != first


def test_a_killed_app_does_not_leave_the_conversion_running(tmp_path, smollm2_gguf):
    """Logout or a crash kills the app without a chance to cancel: the converting child ends too."""
    import signal
    import subprocess
    import sys
    from pathlib import Path

    import psutil

    root = Path(__file__).resolve().parents[2]
    target = tmp_path / "converted"
    script = (f"import sys, threading\nsys.path.insert(0, {str(root)!r})\nfrom pathlib import Path\n"
              "from model_backend.chat.gguf_conversion import convert_gguf\n"
              f"convert_gguf(Path({str(smollm2_gguf)!r}), Path({str(target)!r}), "
              "lambda fraction, message: print(message, flush=True), threading.Event())\n")
    app = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    children = []
    try:
        assert app.stdout.readline().strip() == "Checking the GGUF file"  # the child is at work
        children = psutil.Process(app.pid).children(recursive=True)
        assert children
        app.send_signal(signal.SIGKILL)
        app.wait(timeout=10)
        _, alive = psutil.wait_procs(children, timeout=15)
        assert not alive, f"still running after the app was killed: {[c.cmdline()[-1:] for c in alive]}"
    finally:
        app.kill()
        for child in children:
            if child.is_running():
                child.kill()
    assert not target.exists()
