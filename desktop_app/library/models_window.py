"""The Models window: "On this computer" and "Catalogue" pages, and the classroom pack's two doors.

Non-modal, so a teacher can keep a download running while showing the Chat tab. Sized for a 1280×720
laptop; the lists scroll and the details wrap, so it stays usable at 150 % zoom.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QTabWidget, QVBoxLayout, QWidget

from desktop_app.i18n.retranslate import keep_translated
from desktop_app.library.catalogue_page import CataloguePage
from desktop_app.library.installed_page import InstalledPage
from desktop_app.widgets.screen_fit import resize_within_screen
from model_backend.core.model_inspection import ModelKind
from model_backend.core.paths import AppPaths
from model_backend.core.registry import ModelRegistry

WINDOW_SIZE = (1100, 640)
FRAME_ALLOWANCE = 60  # title bar and borders


class ModelsWindow(QDialog):
    models_changed = Signal()  # a model arrived or left: the pickers rescan
    export_pack_wanted = Signal()
    import_pack_wanted = Signal()

    def __init__(self, controller, library_controller, registry: ModelRegistry, paths: AppPaths,
                 parent: QWidget | None = None) -> None:
        """``controller`` is the main backend's (deleting may unload its model); ``library_controller``
        runs downloads on a thread of their own, so a chat reply never waits behind a 1 GB file."""
        super().__init__(parent)
        self.setModal(False)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.paths = paths
        self.installed = InstalledPage(controller, registry, self)
        self.catalogue = CataloguePage(library_controller, paths, self)
        self._build_parts()
        self._lay_out()
        self._connect()
        keep_translated(self, self._retranslate)
        self._size_for_screen()
        self.refresh()

    def _build_parts(self) -> None:
        self.pages = QTabWidget(self)
        self.pages.addTab(self.installed, "")
        self.pages.addTab(self.catalogue, "")
        self.export_button = QPushButton(self)
        self.import_button = QPushButton(self)
        self.folder_button = QPushButton(self)
        self.close_button = QPushButton(self)

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        self.installed.models_changed.connect(self._on_models_changed)
        self.catalogue.downloaded.connect(lambda _result: self._on_models_changed())
        self.catalogue.import_pack_wanted.connect(self.import_pack_wanted)
        self.export_button.clicked.connect(self.export_pack_wanted)
        self.import_button.clicked.connect(self.import_pack_wanted)
        self.folder_button.clicked.connect(self._open_models_folder)
        self.close_button.clicked.connect(self.close)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Models"))
        self.pages.setTabText(0, self.tr("On this computer"))
        self.pages.setTabText(1, self.tr("Catalogue"))
        self.export_button.setText(self.tr("Export classroom pack…"))
        self.import_button.setText(self.tr("Import classroom pack…"))
        self.folder_button.setText(self.tr("Open the models folder"))
        self.close_button.setText(self.tr("Close"))

    def _size_for_screen(self) -> None:
        resize_within_screen(self, *WINDOW_SIZE, FRAME_ALLOWANCE)

    def refresh(self) -> None:
        self.installed.refresh()
        self.catalogue.refresh()

    def show_catalogue(self, kind: ModelKind | None = None) -> None:
        """Open on the catalogue, showing the models of ``kind`` (the picker's) or every kind."""
        self.catalogue.show_kind(kind)
        self.pages.setCurrentWidget(self.catalogue)

    @Slot()
    def _on_models_changed(self) -> None:
        self.refresh()
        self.models_changed.emit()

    @Slot()
    def _open_models_folder(self) -> None:
        self.paths.models_dir.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.paths.models_dir)))
