""""On this computer": every model on disk, what it is, how big, where from, under which licence, which
tabs use it; Delete (with the space it frees) and Open folder; the total disk use.

Listing reads only sizes and small metadata files (the registry's scan), so it runs on the GUI thread
like the model pickers' Rescan. Models that ship inside the app (built in, installed packages) cannot
be deleted here: removing them would break the app for everyone on the machine.
"""
from __future__ import annotations

from PySide6.QtCore import QUrl, Signal, Slot
from PySide6.QtGui import QColor, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n.retranslate import keep_translated, say
from desktop_app.i18n.sentences import join_items
from desktop_app.library.column_fit import ColumnFit
from desktop_app.library.kind_names import kind_name
from desktop_app.library.sizes import human_size
from desktop_app.widgets import palette
from desktop_app.widgets.event_dispatch import dispatch
from desktop_app.widgets.notice import Notice
from model_backend.core.registry import SOURCE_NAMES, ModelRegistry
from model_backend.library.installed import DeleteModelRequest, disk_usage, installed_models

COLUMNS = 6  # name, kind, size, source, licence, used by


def licence_text(licence: str, restricted: bool) -> str:
    """A restricted licence is marked where it is read, not only by a colour (projectors, colour blindness)."""
    return f"⚠ {licence}" if restricted else licence


class InstalledPage(QWidget):
    models_changed = Signal()  # a model was deleted: the pickers rescan

    def __init__(self, controller, registry: ModelRegistry, parent: QWidget | None = None) -> None:
        """``controller``: the main backend's, which holds the loaded model (deleting it unloads it first)."""
        super().__init__(parent)
        self.controller = controller
        self.registry = registry
        self.delete_job_id = ""
        self.models: list = []  # InstalledModel, in the table's order
        self._build_parts()
        self._lay_out()
        self._connect()
        keep_translated(self, self._retranslate)

    def _build_parts(self) -> None:
        self.table = QTableWidget(0, COLUMNS, self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        # long columns give way (cut with "…", whole in tooltips) rather than scroll sideways at 150 %
        self.column_fit = ColumnFit(self.table, ((5, 12), (4, 14), (3, 16), (0, 24)), stretch=5)
        self.total_label = QLabel(self)
        self.delete_button = QPushButton(self)
        self.open_button = QPushButton(self)
        self.notice = Notice(self)

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.total_label, 1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.delete_button.clicked.connect(self.delete_selected)
        self.open_button.clicked.connect(self.open_selected_folder)

    def _retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([self.tr("Model"), self.tr("Kind"), self.tr("Size"), self.tr("Source"),
                                              self.tr("Licence"), self.tr("Used by")])
        self.delete_button.setText(self.tr("Delete…"))
        self.open_button.setText(self.tr("Open folder"))
        self._fill_table()

    # ---- listing -----------------------------------------------------------------------
    def refresh(self) -> None:
        self.models = sorted(installed_models(self.registry), key=lambda m: (m.kind.value, m.name.lower()))
        self._fill_table()

    def _fill_table(self) -> None:
        selected = self.selected_model()
        self.table.setRowCount(len(self.models))
        for row, model in enumerate(self.models):
            source = SOURCE_NAMES.get(model.source, model.source)
            cells = (model.name, kind_name(model.kind), human_size(model.size_bytes), say(source),
                     licence_text(model.licence or self.tr("not stated"), model.licence_restricted),
                     join_items(self.tab_name(tab) for tab in model.tabs))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
            self.table.item(row, 0).setToolTip(f"{model.name}\n{model.folder}")
            if model.licence_restricted:
                licence = self.table.item(row, 4)
                licence.setForeground(QColor(palette.ERROR))
                licence.setToolTip(self.tr("{licence}: not for every use (for example, no commercial use). Read "
                                           "the licence before using this model outside the classroom.")
                                   .format(licence=model.licence))
        self.column_fit.fit()
        total = disk_usage(self.models)
        self.total_label.setText(self.tr("{count} models, {size} on disk").format(count=len(self.models),
                                                                                  size=human_size(total)))
        if selected is not None:
            self.select(selected.model_id)
        self._update_buttons()

    def tab_name(self, tab: str) -> str:
        names = {"chat": self.tr("Chat"), "image": self.tr("Image"), "audio": self.tr("Audio"),
                 "prompt": self.tr("Prompt engineering")}
        return names.get(tab, tab)

    def select(self, model_id: str) -> None:
        for row, model in enumerate(self.models):
            if model.model_id == model_id:
                self.table.selectRow(row)
                return

    def selected_model(self):
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self.models):
            return None
        return self.models[rows[0].row()]

    @Slot()
    def _update_buttons(self) -> None:
        model = self.selected_model()
        self.open_button.setEnabled(model is not None)
        self.delete_button.setEnabled(model is not None and model.deletable and not self.delete_job_id)
        if model is not None and not model.deletable:
            self.delete_button.setToolTip(self.tr("This model comes with the app and cannot be deleted here"))
        else:
            self.delete_button.setToolTip(self.tr("Delete the selected model from this computer"))

    # ---- actions -----------------------------------------------------------------------
    @Slot()
    def open_selected_folder(self) -> None:
        model = self.selected_model()
        if model is not None:
            folder = model.folder if model.folder.is_dir() else model.folder.parent
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def confirm_delete(self, model) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Delete model"),
            self.tr("Delete {model} from this computer? This frees {size}. To use it again, download it or "
                    "import it from a classroom pack.").format(model=model.name, size=human_size(model.size_bytes)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    @Slot()
    def delete_selected(self) -> None:
        """Deleting is a backend job: the model may be the loaded one, which is unloaded first."""
        model = self.selected_model()
        if model is None or not model.deletable or self.delete_job_id or not self.confirm_delete(model):
            return
        self.deleting = model
        self.delete_job_id = self.controller.submit(DeleteModelRequest(model_id=model.model_id), self._on_events)
        self._update_buttons()

    def _on_events(self, events: list) -> None:
        dispatch(events, on_result=self._on_deleted, on_failed=lambda e: self.notice.show_message(e.message, True),
                 on_end=self._on_end)

    def _on_deleted(self, freed: int) -> None:
        name = self.deleting.name
        self.notice.show_message(lambda: self.tr("Deleted {model}; {size} freed.").format(model=name,
                                                                                         size=human_size(freed)))
        self.models_changed.emit()

    def _on_end(self, _event) -> None:
        self.delete_job_id = ""
        self.refresh()
