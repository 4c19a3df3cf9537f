"""Helpers to open the real main window on tiny models."""
from __future__ import annotations

import gc
import time

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent

from desktop_app.main_window import MainWindow
from model_backend.chat.chat_types import TokenStep
from model_backend.core.jobs import Partial, Progress
from model_backend.core.settings import Settings
from model_backend.engine import Backend


class SlowBackend(Backend):
    """Adds a pause per generated token (chat tokens, music steps), so a test can press Stop midway."""

    token_delay = 0.05

    def run(self, request, emit, cancel):
        def slow_emit(event):
            if isinstance(event, Partial) and isinstance(event.payload, TokenStep):
                time.sleep(self.token_delay)
            elif isinstance(event, Progress) and event.message.startswith("Generating step"):
                time.sleep(self.token_delay)
            emit(event)

        super().run(request, slow_emit, cancel)


@pytest.fixture
def open_window(qtbot, app_home, tiny_chat_model_dir):
    """Open a main window on the tiny model; call again to 'restart' the app on the same data."""
    windows = []

    def opener(model_dir=tiny_chat_model_dir, slow=False, preload=False, **settings_values) -> MainWindow:
        settings = Settings.load(app_home.settings_file)
        settings.added_model_paths = [str(model_dir)]
        settings.chat_model_id = f"path:{model_dir}"
        settings.temperature = settings_values.pop("temperature", 0.0)
        # the temperature above, not the model's recommendation, unless a test asks for that
        settings.use_model_sampling = settings_values.pop("use_model_sampling", False)
        settings.language = settings_values.pop("language", "en")  # not the test machine's language
        for key, value in settings_values.items():
            setattr(settings, key, value)
        backend = SlowBackend if slow else Backend
        factory = lambda registry: backend(app_home, registry)  # noqa: E731
        window = MainWindow(app_home, settings=settings, backend_factory=factory, preload=preload)
        windows.append(window)  # a strong reference: a collected window would skip its closeEvent
        window.show()
        return window

    yield opener
    for window in windows:
        close_and_wait(qtbot, window)


def send(qtbot, tab, text: str) -> None:
    tab.composer.input.setPlainText(text)
    qtbot.mouseClick(tab.composer.send_button, __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.MouseButton.LeftButton)


def wait_idle(qtbot, tab, timeout=60000) -> None:
    qtbot.waitUntil(lambda: tab.reply is None and tab.load_job_id is None, timeout=timeout)


def close_and_wait(qtbot, window) -> None:
    if not shiboken6.isValid(window):  # already closed and deleted by the test itself
        return
    window.close()
    qtbot.waitUntil(window.controller.is_stopped, timeout=20000)
    # Delete the widgets now, on the GUI thread. Otherwise a failed test's traceback keeps them alive
    # and Python's garbage collector may free them later from the backend thread, which crashes Qt.
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
