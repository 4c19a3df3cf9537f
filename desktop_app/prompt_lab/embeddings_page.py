"""The embeddings map (Prompt tab): the student's sentences as vectors, on a 2-D map, with their cosine
similarities and each sentence's nearest neighbours.

Each sentence is embedded once (a backend job on the embedded all-MiniLM-L6-v2, or on a sentence
model the student adds: a multilingual one places Japanese sentences well) and kept; the map,
the table and the neighbours are numpy on the GUI thread (``representations.vector_map``), so adding a
sentence costs one short job and everything else follows at once. The map is oriented like the one
before it, so adding a sentence never mirrors it.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, Qt, QTimer, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n.retranslate import Text, keep_translated, say
from desktop_app.prompt_lab.embedding_map_view import EmbeddingMapView
from desktop_app.widgets.job_status import JobStatus, SingleJob
from desktop_app.widgets.model_picker import ModelPicker
from desktop_app.widgets.scrolling import scrolling
from model_backend.core.model_inspection import ModelKind
from model_backend.core.registry import ModelRegistry
from model_backend.representations.representation_types import (
    DEFAULT_EMBEDDING_MODEL_ID,
    MAX_SENTENCES,
    Embeddings,
    EmbedRequest,
)
from model_backend.representations.vector_map import cosine_matrix, nearest_neighbours, pca_2d

NEIGHBOURS = 3
# Pairs that mean the same in different words, and topics far apart: the map shows both at a glance.
# English, as the model is (the intro says so).
EXAMPLES = (
    "A man is playing a guitar.",
    "Someone is playing an instrument with strings.",
    "The cat is sleeping on the sofa.",
    "A kitten naps on the couch.",
    "Stock prices fell sharply today.",
    "The market dropped a lot this morning.",
    "I am learning to cook pasta.",
)


def _looks_japanese(text: str) -> bool:
    return any(0x3040 <= ord(ch) <= 0x9FFF or 0xFF00 <= ord(ch) <= 0xFFEF for ch in text)


class EmbeddingsPage(QWidget):
    def __init__(self, controller, registry: ModelRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.registry = registry
        self._job_model_id = ""  # the model the job in flight embeds with (a result for another is dropped)
        self.sentences: list[str] = []
        self.vectors: dict[str, np.ndarray] = {}
        self.axes: np.ndarray | None = None  # the map's axes, so the next map keeps their direction
        self.similarities = np.zeros((0, 0))
        self.explained = (0.0, 0.0)
        self.neighbour_text: Text = ""
        self._build_parts()
        self._lay_out()
        self._connect()
        self.model_picker.refresh(DEFAULT_EMBEDDING_MODEL_ID)
        keep_translated(self, self._retranslate)

    def _retranslate(self) -> None:
        self.intro.setText(self.tr(
            "Each sentence becomes an embedding: a vector of numbers (384 for the built-in all-MiniLM-L6-v2), the "
            "representation a foundation model learned by contrastive learning on pairs of sentences that mean the "
            "same. Sentences with similar meanings get vectors pointing the same way (cosine similarity near 1); "
            "the map flattens them onto the two directions along which your sentences differ most (PCA)."))
        self.model_note.setText(self.tr(
            "This model learned English: Japanese sentences get vectors too, but their places say little. For "
            "Japanese, add a multilingual sentence model folder (for example paraphrase-multilingual-MiniLM-L12-v2)."))
        self.input.setPlaceholderText(self.tr("Type a sentence and press Enter"))
        self.add_button.setText(self.tr("Add"))
        self.examples_button.setText(self.tr("Add examples"))
        self.examples_button.setToolTip(self.tr("Add sentences in pairs that mean the same, and some that do not"))
        self.remove_button.setText(self.tr("Remove"))
        self.clear_button.setText(self.tr("Clear"))
        self.list_title.setText(self.tr("Sentences (choose one to see its nearest neighbours):"))
        self.table_title.setText(self.tr("Cosine similarity of every pair (1 = same direction, 0 = unrelated)"))
        self.neighbours.setText(say(self.neighbour_text))
        self._show_axes()

    # ---- building ------------------------------------------------------------------------
    def _build_parts(self) -> None:
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.model_picker = ModelPicker(self.registry, ModelKind.EMBEDDING, self)
        self.model_note = QLabel(self)  # shown while the chosen model is English-only
        self.model_note.setWordWrap(True)
        self.input = QLineEdit(self)
        self.add_button = QPushButton(self)
        self.examples_button = QPushButton(self)
        self.remove_button = QPushButton(self)
        self.clear_button = QPushButton(self)
        self.list_title = QLabel(self)
        self.list_title.setWordWrap(True)
        self.list = QListWidget(self)
        self.map = EmbeddingMapView(lambda: self.tr("Add sentences: each one appears here as a dot."), self)
        self.table_title = QLabel(self)
        self.table_title.setWordWrap(True)
        self.table = QTableWidget(self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.neighbours = QLabel(self)
        self.neighbours.setWordWrap(True)
        self.neighbours.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = JobStatus(self)
        self.job = SingleJob(self.controller, self.status, on_result=self._on_embedded, on_cancelled=lambda _: None,
                             parent=self)

    def _lay_out(self) -> None:
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.intro)
        left_layout.addWidget(self.model_picker)
        left_layout.addWidget(self.model_note)
        row = QHBoxLayout()
        row.addWidget(self.input, 1)
        row.addWidget(self.add_button)
        left_layout.addLayout(row)
        buttons = QGridLayout()
        buttons.addWidget(self.examples_button, 0, 0, 1, 2)
        buttons.addWidget(self.remove_button, 1, 0)
        buttons.addWidget(self.clear_button, 1, 1)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.list_title)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.status)
        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.table_title)
        bottom_layout.addWidget(self.table, 1)
        bottom_layout.addWidget(self.neighbours)
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(self.map)
        right.addWidget(bottom)
        right.setSizes([320, 200])
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(scrolling(left, self, vertical_only=True))
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([300, 600])
        QVBoxLayout(self).addWidget(splitter)
        self.table.setMinimumSize(160, 80)
        self.list.setMinimumHeight(60)
        left.setMinimumWidth(220)
        self.intro.setMinimumWidth(200)

    def _connect(self) -> None:
        self.model_picker.model_changed.connect(self._on_model_changed)
        self.input.returnPressed.connect(self.add_typed)
        self.add_button.clicked.connect(self.add_typed)
        self.examples_button.clicked.connect(self.add_examples)
        self.remove_button.clicked.connect(self.remove_current)
        self.clear_button.clicked.connect(self.clear)
        self.list.currentRowChanged.connect(self.select)
        self.map.point_clicked.connect(self.choose_placed)
        self.table.currentCellChanged.connect(lambda row, *_: self.choose_placed(row))

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # a zoom: the numbers need wider columns
            self.table.resizeColumnsToContents()

    # ---- sentences -------------------------------------------------------------------------
    @Slot()
    def add_typed(self) -> bool:
        if self.add_sentences([self.input.text()]):
            self.input.clear()
            return True
        return False

    @Slot()
    def add_examples(self) -> bool:
        return self.add_sentences(list(EXAMPLES))

    def add_sentences(self, texts: list[str]) -> bool:
        """Add the new, non-blank sentences and embed them; False (with a notice) when none was added."""
        new = [t.strip() for t in texts if t.strip() and t.strip() not in self.sentences]
        new = list(dict.fromkeys(new))[:max(0, MAX_SENTENCES - len(self.sentences))]
        if not new:
            if len(self.sentences) >= MAX_SENTENCES:
                self.status.show_notice(lambda: self.tr("The map holds at most {count} sentences; remove some first.")
                                        .format(count=MAX_SENTENCES), error=True)
            elif any(t.strip() for t in texts):
                self.status.show_notice(lambda: self.tr("That sentence is already on the map."))
            else:
                self.status.show_notice(lambda: self.tr("Type a sentence first."), error=True)
            return False
        self.sentences.extend(new)
        self.list.addItems([f"{self.sentences.index(s) + 1}. {s}" for s in new])
        if self._english_only() and any(_looks_japanese(s) for s in new):
            self.status.show_notice(lambda: self.tr("This model learned English only: a Japanese sentence gets a "
                                                    "vector, but its place on the map says little about its meaning."))
        self._embed_missing()
        return True

    @Slot()
    def remove_current(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.sentences):
            del self.sentences[row]
            self._relist()
            self.update_views()

    @Slot()
    def clear(self) -> None:
        """Back to an empty map (the next group of students starts afresh)."""
        self.sentences = []
        self.axes = None
        self._relist()
        self.update_views()
        self.status.clear_notice()

    def _relist(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        self.list.addItems([f"{i + 1}. {s}" for i, s in enumerate(self.sentences)])
        self.list.blockSignals(False)

    # ---- the model ---------------------------------------------------------------------------
    def _english_only(self) -> bool:
        entry = self.model_picker.current_entry()
        return entry is not None and entry.language == "en"

    def _on_model_changed(self, _model_id: str) -> None:
        """Another model, another space: every sentence is embedded again and the map starts afresh."""
        self.model_note.setVisible(self._english_only())
        self.vectors = {}
        self.axes = None
        self.update_views()
        self._embed_missing()

    # ---- embedding (a backend job) ------------------------------------------------------------
    def _embed_missing(self) -> None:
        missing = tuple(s for s in self.sentences if s not in self.vectors)
        model_id = self.model_picker.current_model_id()
        if not missing:
            self.update_views()
        elif not self.job.busy and model_id:
            self._job_model_id = model_id
            self.job.submit(EmbedRequest(missing, model_id=model_id),
                            lambda: self.tr("Turning the sentences into vectors…"))

    def _on_embedded(self, result: Embeddings) -> None:
        if self._job_model_id != self.model_picker.current_model_id():  # the model changed meanwhile
            QTimer.singleShot(0, self._embed_missing)
            return
        for sentence, vector in zip(result.sentences, result.vectors):
            self.vectors[sentence] = np.asarray(vector)
        self.status.show_notice(lambda: self.tr("Embedded: {count} · {seconds:.2f} s · {dims} numbers per sentence")
                                .format(count=len(result.sentences), seconds=result.seconds,
                                        dims=result.vectors.shape[1]))
        self.update_views()
        if any(s not in self.vectors for s in self.sentences):  # added while this job ran
            QTimer.singleShot(0, self._embed_missing)

    # ---- the views (numpy, instant) -----------------------------------------------------------
    def placed(self) -> list[str]:
        """The sentences that have a vector, in the list's order (the map's dots are numbered by it)."""
        return [s for s in self.sentences if s in self.vectors]

    def update_views(self) -> None:
        placed = self.placed()
        if placed:
            vectors = np.stack([self.vectors[s] for s in placed])
            projection = pca_2d(vectors, previous_axes=self.axes)
            self.axes = projection.axes if len(placed) >= 3 else self.axes
            self.similarities = cosine_matrix(vectors)
            self.explained = projection.explained
            points = projection.points
        else:
            self.similarities, self.explained, points = np.zeros((0, 0)), (0.0, 0.0), np.zeros((0, 2))
        numbers = [self.sentences.index(s) + 1 for s in placed]
        self.map.show_map(points, placed, self._axis_titles())
        self._fill_table(numbers)
        self.select(self.list.currentRow())

    def _axis_titles(self) -> tuple[str, str]:
        first, second = self.explained
        return (self.tr("direction 1: {share:.0%} of the spread").format(share=first),
                self.tr("direction 2: {share:.0%} of the spread").format(share=second))

    def _show_axes(self) -> None:
        if len(self.map.points):
            self.map.show_map(self.map.points, self.map.labels, self._axis_titles())

    def _fill_table(self, numbers: list[int]) -> None:
        count = len(numbers)
        self.table.blockSignals(True)
        self.table.clear()
        self.table.setRowCount(count)
        self.table.setColumnCount(count)
        headers = [str(n) for n in numbers]
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setVerticalHeaderLabels(headers)
        for row in range(count):
            for column in range(count):
                value = float(self.similarities[row, column])
                item = QTableWidgetItem(f"{value:.2f}")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                shade = QColor(70, 130, 220)
                shade.setAlphaF(max(0.0, min(1.0, value)) * 0.6)
                item.setBackground(shade)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.blockSignals(False)

    @Slot(int)
    def choose_placed(self, index: int) -> None:
        """Choose the ``index``-th sentence of the map and table (a sentence still being embedded has no dot,
        so their numbering can differ from the list's)."""
        placed = self.placed()
        if 0 <= index < len(placed):
            self.list.setCurrentRow(self.sentences.index(placed[index]))

    @Slot(int)
    def select(self, row: int) -> None:
        """Show the chosen sentence's nearest neighbours (on the map: lines; below: words and numbers)."""
        placed = self.placed()
        sentence = self.sentences[row] if 0 <= row < len(self.sentences) else ""
        if sentence not in placed or len(placed) < 2:
            self.map.select(-1, [])
            self._say_neighbours("")
            return
        index = placed.index(sentence)
        found = nearest_neighbours(self.similarities, index, NEIGHBOURS)
        self.map.select(index, [i for i, _ in found])
        lines = [(self.sentences.index(placed[i]) + 1, placed[i], value) for i, value in found]
        self._say_neighbours(lambda: self.tr("Nearest to “{sentence}”:").format(sentence=sentence) + "\n" + "\n".join(
            self.tr("{number}. {sentence} — cosine {value:.2f}").format(number=n, sentence=s, value=v)
            for n, s, v in lines))

    def _say_neighbours(self, text: Text) -> None:
        self.neighbour_text = text
        self.neighbours.setText(say(text))
