"""Start the app: show the window first, load models later (torch imports on the backend thread)."""
from __future__ import annotations

import argparse
import logging
import os
import sys
import time


def _configure_logging(paths) -> None:
    paths.log_file.parent.mkdir(parents=True, exist_ok=True)
    handlers: list[logging.Handler] = [logging.FileHandler(paths.log_file, encoding="utf-8")]
    if sys.stderr is not None:  # None in a windowed build started without a console
        console = logging.StreamHandler(sys.stderr)
        console.addFilter(lambda record: record.name != "desktop_app.self_test")  # printed on stdout already
        handlers.append(console)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s",
                        handlers=handlers)


def _attach_console() -> None:
    """Give the command-line modes an output in the windowed Windows build, which starts without stdout:
    the console it was started from, if any (``genai-classroom.exe --self-test`` typed in a terminal)."""
    if sys.stdout is not None or sys.platform != "win32":
        return
    try:
        import ctypes

        if ctypes.windll.kernel32.AttachConsole(-1):  # ATTACH_PARENT_PROCESS
            sys.stdout = open("CONOUT$", "w", encoding="utf-8", buffering=1)
            sys.stderr = sys.stderr or sys.stdout
    except OSError:
        pass  # no console to attach to: the summary is still in the log file and the exit code


def _close_on_terminate(window) -> None:
    """A logout or ``kill`` (SIGTERM) closes the window the normal way, so the reply in flight, a
    recording and the settings are saved instead of lost."""
    import signal

    from PySide6.QtCore import QTimer

    signal.signal(signal.SIGTERM, lambda *_: QTimer.singleShot(0, window.close))
    # Python runs signal handlers between bytecodes; while Qt waits for events none run, so a timer
    # lets Python in four times a second.
    wake = QTimer(window)
    wake.timeout.connect(lambda: None)
    wake.start(250)


def main(argv: list[str] | None = None) -> int:
    started = time.monotonic()
    parser = argparse.ArgumentParser(prog="genai-classroom")
    parser.add_argument("--quit-after-show", action="store_true",
                        help="show the window, report how long that took, and quit (for start-up checks)")
    parser.add_argument("--self-test", action="store_true",
                        help="run one short job per tab on the embedded models, print a line each, and exit")
    args = parser.parse_args(argv)
    if args.self_test or args.quit_after_show:
        _attach_console()

    from model_backend.core.offline import enable_offline_mode
    from model_backend.core.paths import AppPaths

    enable_offline_mode()
    from PySide6.QtWidgets import QApplication

    from desktop_app.user_folders import usable_paths

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from desktop_app.i18n.fonts import ensure_japanese_font
    from desktop_app.i18n.languages import system_language, use_language

    ensure_japanese_font(app)
    use_language(system_language())  # the folder check below may need words; the window applies the saved choice
    paths = usable_paths(AppPaths.default(), interactive=not (args.self_test or args.quit_after_show))
    if paths is None:
        return 2
    _configure_logging(paths)

    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QIcon

    from desktop_app.main_window import MainWindow
    from desktop_app.version import APP_VERSION
    from model_backend.core.paths import resources_dir

    app.setApplicationName("GenAI Classroom")
    app.setApplicationVersion(APP_VERSION)
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "app.png")))
    app.setQuitOnLastWindowClosed(False)
    window = MainWindow(paths)
    def quit_app() -> None:
        if window.controller.is_stopped():
            app.quit()
        else:  # the bound ran out with a model still loading: everything is saved, so end now
            logging.shutdown()
            os._exit(0)

    window.ready_to_quit.connect(quit_app)
    _close_on_terminate(window)
    window.show()
    shown = time.monotonic() - started
    torch_first = "torch" in sys.modules
    logging.getLogger(__name__).info("window shown after %.2f s (torch imported before it: %s)", shown, torch_first)
    if args.self_test:
        from desktop_app.self_test import run_self_test

        result: dict = {}

        def self_test() -> None:
            result["code"] = run_self_test(window, shown)
            window.close()

        QTimer.singleShot(0, self_test)
        app.exec()
        return result.get("code", 1)
    if args.quit_after_show:
        print(f"window shown after {shown:.2f} s; torch imported before the window: {torch_first}")
        QTimer.singleShot(0, window.close)
    code = app.exec()
    return code
