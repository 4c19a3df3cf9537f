"""What the main window holds for the model library: the Models window, the pack dialogs, and the
backend thread their jobs run on.

Downloads and pack copies take minutes, and the backend runs one job at a time, so they get their own
``BackendController`` (a second backend thread; a ``Backend`` holds no model until a model job comes),
started the first time it is needed. The main window stops it with its own at quit. Whatever arrives
or leaves (download, import, delete) makes every model picker rescan, so the new model is offered at once.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QMainWindow

from desktop_app.controller import BackendController
from desktop_app.library.export_pack_dialog import ExportPackDialog
from desktop_app.library.import_pack_dialog import ImportPackDialog
from desktop_app.library.models_window import ModelsWindow
from desktop_app.widgets.model_picker import ModelPicker
from model_backend.core.model_inspection import ModelKind


class ModelLibrary(QObject):
    stopped = Signal()  # the library's backend thread has finished (or never started)

    def __init__(self, window: QMainWindow, backend_factory) -> None:
        """``backend_factory()`` makes a Backend on the library's thread (sharing the window's registry)."""
        super().__init__(window)
        self.window_ = window
        self.backend_factory = backend_factory
        self._controller: BackendController | None = None
        self.models_window: ModelsWindow | None = None
        self.export_dialog: ExportPackDialog | None = None
        self.import_dialog: ImportPackDialog | None = None

    # ---- the library's backend thread -------------------------------------------------------
    @property
    def controller(self) -> BackendController:
        if self._controller is None:
            self._controller = BackendController(self.backend_factory, self)
            self._controller.stopped.connect(self.stopped)
        return self._controller

    def shutdown(self) -> None:
        """Stop a download or copy in flight (its partial files stay for a resume) and the thread. Never blocks."""
        if self._controller is not None:
            self._controller.shutdown()

    def is_stopped(self) -> bool:
        return self._controller is None or self._controller.is_stopped()

    # ---- windows -----------------------------------------------------------------------
    def connect_pickers(self) -> None:
        for picker in self.window_.findChildren(ModelPicker):
            picker.more_models_wanted.connect(self.open_models_window)
            picker.smaller_model_wanted.connect(self.open_models_window)

    @Slot()
    @Slot(object)
    @Slot(object, str)
    def open_models_window(self, kind: ModelKind | None = None, entry_id: str = "") -> ModelsWindow:
        """Open (or raise) the Models window: on the catalogue of ``kind`` when given, ``entry_id`` selected."""
        if self.models_window is None:
            self.models_window = ModelsWindow(self.window_.controller, self.controller, self.window_.registry,
                                              self.window_.paths, self.window_)
            self.models_window.models_changed.connect(self.rescan_pickers)
            self.models_window.export_pack_wanted.connect(self.open_export_dialog)
            self.models_window.import_pack_wanted.connect(self.open_import_dialog)
        else:
            self.models_window.refresh()
        if kind is not None:
            self.models_window.show_catalogue(kind)
            if entry_id:
                self.models_window.catalogue.select(entry_id)
        self.models_window.show()
        self.models_window.raise_()
        self.models_window.activateWindow()
        return self.models_window

    @Slot()
    def open_export_dialog(self) -> ExportPackDialog:
        if self.export_dialog is None or not self.export_dialog.job_id:  # a fresh list of models
            if self.export_dialog is not None:
                self.export_dialog.deleteLater()
            self.export_dialog = ExportPackDialog(self.controller, self.window_.registry, self._dialog_parent())
        self.export_dialog.show()
        self.export_dialog.raise_()
        return self.export_dialog

    @Slot()
    def open_import_dialog(self) -> ImportPackDialog:
        if self.import_dialog is None or not self.import_dialog.job_id:
            if self.import_dialog is not None:
                self.import_dialog.deleteLater()
            self.import_dialog = ImportPackDialog(self.controller, self._dialog_parent())
            self.import_dialog.imported.connect(lambda _report: self.rescan_pickers())
        self.import_dialog.show()
        self.import_dialog.raise_()
        return self.import_dialog

    def _dialog_parent(self):
        window = self.models_window
        return window if window is not None and window.isVisible() else self.window_

    @Slot()
    def rescan_pickers(self) -> None:
        """Every picker lists again (its choice kept), and the Models window shows the new state."""
        for picker in self.window_.findChildren(ModelPicker):
            picker.refresh(picker.current_model_id())
        if self.models_window is not None and self.sender() is not self.models_window:
            self.models_window.refresh()
