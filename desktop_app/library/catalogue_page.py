""""Catalogue": the models the course recommends, grouped by tab, with what each is for, its size, the
memory it needs, its languages and licence, "already here" marks, and Download.

A download is a backend job (``DownloadRequest``): the GUI thread only submits it and shows its
``DownloadProgress`` partials, so the window stays responsive and Stop answers at once. A licence that
restricts use (non-commercial, use-based restrictions) is marked in the list and named in a question
before anything is fetched. When a download fails — most often because the room has no internet — the
page says the backend's plain sentence and offers the classroom pack, the offline way in.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n.languages import current_language
from desktop_app.i18n.retranslate import keep_translated
from desktop_app.i18n.sentences import join_items
from desktop_app.library.column_fit import ColumnFit
from desktop_app.library.download_panel import DownloadPanel
from desktop_app.library.installed_page import licence_text
from desktop_app.library.kind_names import KIND_ORDER, kind_name
from desktop_app.library.sizes import human_size
from desktop_app.widgets import palette
from desktop_app.widgets.event_dispatch import dispatch
from desktop_app.widgets.notice import Notice
from model_backend.core.errors import BackendError
from model_backend.core.jobs import Failed
from model_backend.core.model_inspection import ModelKind
from model_backend.core.paths import AppPaths
from model_backend.library.catalogue import load_catalogue
from model_backend.library.downloads import DownloadProgress, DownloadRequest, forget_partial_download
from model_backend.library.installed import installed_catalogue_ids, partial_download_bytes

ENTRY_ROLE = Qt.ItemDataRole.UserRole
COLUMNS = 6  # model, purpose, download, memory, languages, licence


def purpose_text(entry) -> str:
    """The entry's course purpose in the UI's language (the catalogue carries both), else English."""
    return entry.purpose_in(current_language())


def licence_note(entry) -> str:
    return entry.licence_note_in(current_language())


class CataloguePage(QWidget):
    downloaded = Signal(object)  # DownloadResult: the pickers rescan
    import_pack_wanted = Signal()  # the offline way in, offered when a download fails

    def __init__(self, controller, paths: AppPaths, parent: QWidget | None = None) -> None:
        """``controller`` runs the download jobs (the Models window's own backend thread)."""
        super().__init__(parent)
        self.controller = controller
        self.paths = paths
        self.entries = load_catalogue()
        self.here: set[str] = set()
        self.job_id = ""
        self.downloading = None  # the CatalogueEntry being fetched
        self.last_failure: Failed | None = None
        self._build_parts()
        self._lay_out()
        self._connect()
        keep_translated(self, self._retranslate)

    def _build_parts(self) -> None:
        self.kind_filter = QComboBox(self)
        self.kind_filter.addItem("", "")
        for kind in KIND_ORDER:  # the value as data: Qt turns a str enum into a plain str anyway
            if any(e.kind is kind for e in self.entries):
                self.kind_filter.addItem("", kind.value)
        self.filter_label = QLabel(self)
        self.filter_label.setBuddy(self.kind_filter)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(COLUMNS)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        # long columns give way (cut with "…", whole in tooltips and the details) rather than scroll sideways
        self.column_fit = ColumnFit(self.tree, ((1, 24), (5, 12), (0, 28)), stretch=1)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # a long licence note scrolls instead of pushing the list off a 720-px screen at 150 % zoom
        self.details_scroll = QScrollArea(self)
        self.details_scroll.setWidgetResizable(True)
        self.details_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.details_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.details_scroll.setWidget(self.details)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)  # the teacher can give the list more room
        self.download_button = QPushButton(self)
        self.discard_button = QPushButton(self)  # an unfinished download the user will not resume: free its space
        self.discard_button.hide()
        self.download_panel = DownloadPanel(self)
        self.download_panel.hide()
        self.notice = Notice(self)
        self.pack_button = QPushButton(self)
        self.pack_button.hide()

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.filter_label)
        top.addWidget(self.kind_filter)
        top.addStretch(1)
        lower = QWidget(self.splitter)
        bottom = QHBoxLayout(lower)
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.details_scroll, 1)
        actions = QVBoxLayout()
        actions.addWidget(self.download_button)
        actions.addWidget(self.discard_button)
        actions.addStretch(1)
        bottom.addLayout(actions)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([600, 300])  # a proportion: two thirds for the list
        self.splitter.setChildrenCollapsible(False)
        problem = QHBoxLayout()
        problem.addWidget(self.notice, 1)
        problem.addWidget(self.pack_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.download_panel)
        layout.addLayout(problem)

    def _connect(self) -> None:
        self.kind_filter.currentIndexChanged.connect(lambda _: self._fill_tree())
        self.tree.itemSelectionChanged.connect(self._show_selected)
        self.download_button.clicked.connect(self.download_selected)
        self.discard_button.clicked.connect(self.discard_selected)
        self.download_panel.stop_clicked.connect(self.stop)
        self.pack_button.clicked.connect(self.import_pack_wanted)

    def _retranslate(self) -> None:
        self.filter_label.setText(self.tr("Show:"))
        self.kind_filter.setItemText(0, self.tr("All kinds"))
        for index in range(1, self.kind_filter.count()):
            self.kind_filter.setItemText(index, kind_name(ModelKind(self.kind_filter.itemData(index))))
        self.tree.setHeaderLabels([self.tr("Model"), self.tr("For the course"), self.tr("Download"),
                                   self.tr("Memory"), self.tr("Languages"), self.tr("Licence")])
        self.pack_button.setText(self.tr("Import a classroom pack…"))
        self.discard_button.setText(self.tr("Discard partial download"))
        self._fill_tree()

    # ---- listing -----------------------------------------------------------------------
    def show_kind(self, kind: ModelKind | None) -> None:
        """Show the entries of ``kind`` (all kinds when None, or when the catalogue has none of it)."""
        index = self.kind_filter.findData(kind.value) if kind is not None else 0
        self.kind_filter.setCurrentIndex(max(0, index))

    def shown_kind(self) -> ModelKind | None:
        data = self.kind_filter.currentData()
        return ModelKind(data) if data else None

    def refresh(self) -> None:
        """Re-read which entries are already here (after a download, a deletion or an import)."""
        self.here = set(installed_catalogue_ids(self.paths))
        self._fill_tree()

    def _fill_tree(self) -> None:
        selected = self.selected_entry()
        wanted = self.shown_kind()
        self.tree.clear()
        for kind in KIND_ORDER:
            entries = [e for e in self.entries if e.kind is kind and (wanted is None or wanted is kind)]
            if not entries:
                continue
            group = QTreeWidgetItem(self.tree, [kind_name(kind)])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            group.setFirstColumnSpanned(True)
            for entry in entries:
                self._add_entry_item(group, entry)
            group.setExpanded(True)
        self.column_fit.fit()
        if selected is not None:
            self.select(selected.id)
        self._show_selected()

    def _add_entry_item(self, group: QTreeWidgetItem, entry) -> None:
        title = entry.title
        if entry.id in self.here:
            title = self.tr("{model} ✓ already here").format(model=entry.title)
        languages = join_items(entry.languages) if entry.languages else self.tr("any")
        cells = [title, purpose_text(entry), human_size(entry.download_bytes), human_size(entry.memory_bytes),
                 languages, licence_text(entry.licence, entry.licence_restricted)]
        item = QTreeWidgetItem(group, cells)
        item.setData(0, ENTRY_ROLE, entry.id)
        for column, text in enumerate(cells):
            item.setToolTip(column, text)
        if entry.id in self.here:
            item.setForeground(0, QColor(palette.SUCCESS))
        if entry.licence_restricted:
            item.setForeground(COLUMNS - 1, QColor(palette.ERROR))
            item.setToolTip(COLUMNS - 1, licence_note(entry) or entry.licence)

    def entry_item(self, entry_id: str) -> QTreeWidgetItem | None:
        for group_index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(group_index)
            for child_index in range(group.childCount()):
                if group.child(child_index).data(0, ENTRY_ROLE) == entry_id:
                    return group.child(child_index)
        return None

    def select(self, entry_id: str) -> None:
        item = self.entry_item(entry_id)
        if item is not None:
            self.tree.setCurrentItem(item)
            self.tree.scrollToItem(item)

    def selected_entry(self):
        items = self.tree.selectedItems() if hasattr(self, "tree") else []
        entry_id = items[0].data(0, ENTRY_ROLE) if items else None
        return next((e for e in self.entries if e.id == entry_id), None)

    @Slot()
    def _show_selected(self) -> None:
        entry = self.selected_entry()
        busy = bool(self.job_id)
        self.download_button.setEnabled(entry is not None and not busy and entry.id not in self.here)
        partial = self.partial_bytes(entry)
        self.download_button.setText(self.tr("Resume ({size} of {total})").format(
            size=human_size(partial), total=human_size(entry.download_bytes)) if partial else self.tr("Download"))
        self.discard_button.setVisible(partial > 0)
        self.discard_button.setToolTip(self.tr("Delete the {size} downloaded so far and free the disk space; the next "
                                               "download starts from the beginning").format(size=human_size(partial)))
        if entry is None:
            self.details.setText(self.tr("Choose a model to see what it is for and download it."))
            return
        lines = [f"<b>{entry.title}</b> — {purpose_text(entry)}",
                 self.tr("Needs {download} of disk space and about {memory} of memory to run.").format(
                     download=human_size(entry.download_bytes), memory=human_size(entry.memory_bytes)),
                 self.tr("From {repo} (revision {revision}).").format(repo=entry.repo, revision=entry.revision[:12])]
        if entry.licence_restricted:
            lines.append(self.tr("<b>Licence {licence}: restricted use.</b> {note}").format(
                licence=entry.licence, note=licence_note(entry)))
        else:
            lines.append(self.tr("Licence: {licence}.").format(licence=entry.licence))
        if entry.id in self.here:
            lines.append(self.tr("Already on this computer."))
        elif partial:
            lines.append(self.tr("{size} of it arrived in an earlier download: Resume continues from there, "
                                 "Discard partial download frees the space.").format(size=human_size(partial)))
        self.details.setText("<br>".join(lines))

    def partial_bytes(self, entry) -> int:
        """What a stopped download of ``entry`` left on disk (0: none, the entry is here or downloading now)."""
        if entry is None or entry.id in self.here or (self.busy and self.downloading is entry):
            return 0
        try:
            return partial_download_bytes(self.paths, entry.id)
        except OSError:  # a file renamed by the running download while it was counted
            return 0

    # ---- an unfinished download ---------------------------------------------------------
    def confirm_discard(self, entry, size: int) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Discard partial download"),
            self.tr("Delete the {size} of {model} downloaded so far? This frees the space; downloading it later starts "
                    "again from the beginning.").format(size=human_size(size), model=entry.title),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    @Slot()
    def discard_selected(self) -> None:
        """A handful of files in models/.downloads/<id>/: deleted at once (the backend refuses while a download of
        it runs, here or in another copy of the app)."""
        entry = self.selected_entry()
        size = self.partial_bytes(entry)
        if not size or not self.confirm_discard(entry, size):
            return
        try:
            freed = forget_partial_download(self.paths, entry.id)
        except BackendError as error:
            self.notice.show_message(error.message, error=True)
        else:
            title = entry.title
            self.notice.show_message(lambda: self.tr("Discarded the unfinished download of {model}; {size} freed.")
                                     .format(model=title, size=human_size(freed)))
        self._show_selected()

    # ---- downloading -------------------------------------------------------------------
    def confirm_licence(self, entry) -> bool:
        """A restricted licence is named, with what it forbids, before anything is fetched."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Restricted licence"),
                          self.tr("{model} is published under {licence}, which restricts how it may be used.\n\n"
                                  "{note}\n\nDownload it anyway?").format(model=entry.title, licence=entry.licence,
                                                                         note=licence_note(entry)),
                          QMessageBox.StandardButton.Cancel, self)
        accept = box.addButton(self.tr("Accept and download"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is accept

    @Slot()
    def download_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None or self.job_id:
            return
        if entry.licence_restricted and not self.confirm_licence(entry):
            return
        self.downloading = entry
        self.notice.clear_message()
        self.pack_button.hide()
        self.job_id = self.controller.submit(DownloadRequest(entry_id=entry.id), self._on_events)
        self.download_panel.start(entry.title)
        self._show_selected()

    @Slot()
    def stop(self) -> None:
        if self.job_id:
            self.controller.cancel(self.job_id)
            self.download_panel.stopping()

    @property
    def busy(self) -> bool:
        return bool(self.job_id)

    def _on_events(self, events: list) -> None:
        dispatch(events, on_partial=self._on_partial, on_result=self._on_result, on_cancelled=self._on_cancelled,
                 on_failed=self._on_failed, on_end=self._on_end)

    def _on_partial(self, payload) -> None:
        if isinstance(payload, DownloadProgress):
            self.download_panel.show_progress(payload)

    def _on_result(self, result) -> None:
        title = self.downloading.title
        self.notice.show_message(lambda: self.tr("{model} is downloaded and ready in the model lists.").format(
            model=title))
        self.here.add(self.downloading.id)
        self.downloaded.emit(result)

    def _on_cancelled(self, _partial) -> None:
        self.notice.show_message(lambda: self.tr("Download stopped. What has arrived is kept: Download again "
                                                 "continues from there."))

    def _on_failed(self, event: Failed) -> None:
        self.last_failure = event
        self.notice.show_message(event.message, error=True)
        self.pack_button.show()  # no internet in the room: the pack is the way in

    def _on_end(self, _event) -> None:
        self.job_id = ""
        self.download_panel.hide()
        self.refresh()
