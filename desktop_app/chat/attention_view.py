"""The Attention page: where every token of the exchange looks, layer by layer and head by head.

The student runs it on the chosen reply; the backend returns every layer's and head's attention
at once, so choosing another layer or head, or clicking a token, needs no new job. The side panel is
narrow, so "Open larger" shows the same map in a window with room for every token's label.

The line that says what to do next (and, once a row is clicked, what that token attends to) sits above the
map, so it is on screen without scrolling at 1280×720 in every language; the map and the heads' grid only
appear once there is something to show, and the layer list says it fills after a run instead of lying empty.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.chat.attention_heatmap import AttentionHeatmap, HeadGrid, token_caption
from desktop_app.chat.exchange_source import SourceFn
from desktop_app.i18n.retranslate import keep_translated
from desktop_app.i18n.sentences import join_items
from desktop_app.widgets.job_status import JobStatus, SingleJob
from desktop_app.widgets.run_stop_button import RunStopButton
from model_backend.chat.insight_types import AttentionMap, AttentionRequest

TOP_ATTENDED = 5
FOCUS_LINES = 3  # the room kept for what a clicked token attends to, so the map below does not jump


class LargerAttentionWindow(QDialog):
    """The same map with a readable cell per token; it scrolls when the exchange is long."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        self.heatmap = AttentionHeatmap(self, cell=18)
        scroll = QScrollArea(self)
        scroll.setWidget(self.heatmap)
        scroll.setWidgetResizable(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(scroll, 1)
        self.resize(900, 640)
        keep_translated(self, self._retranslate)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Attention, larger"))

    def show_matrix(self, matrix, labels: list[str], title: str, row: int | None) -> None:
        self.caption.setText(title)
        # a cell as tall as a line of the current text size: at 150 % an 18-px cell was too short for labels
        self.heatmap.cell = max(18, self.heatmap.fontMetrics().height())
        self.heatmap.set_matrix(matrix, labels)
        self.heatmap.select_row(row)
        self.heatmap.adjustSize()


class AttentionView(QWidget):
    def __init__(self, controller, source: SourceFn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.source = source
        self.result: AttentionMap | None = None
        self.layer = 0
        self.head: int | None = None  # None: the mean of the layer's heads
        self.larger: LargerAttentionWindow | None = None
        self._build_parts()
        self._lay_out()
        self._connect()
        keep_translated(self, self._retranslate)

    def _build_parts(self) -> None:
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.run_button = RunStopButton(self)
        self.larger_button = QPushButton(self)
        self.layer_box = QComboBox(self)
        self.head_box = QComboBox(self)
        self.heatmap = AttentionHeatmap(self)
        self.focus = QLabel(self)
        self.focus.setWordWrap(True)
        self.focus.setTextFormat(Qt.TextFormat.PlainText)
        self.grid_caption = QLabel(self)
        self.grid_caption.setWordWrap(True)
        self.focus.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.grid = HeadGrid(self)
        self._keep_focus_room()
        self._show_map_parts()
        self.status = JobStatus(self, progress_when_idle=False)
        self.job = SingleJob(self.controller, self.status, on_result=self.show_map, on_cancelled=lambda _: None,
                             parent=self)

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.larger_button)
        choices = QHBoxLayout()
        choices.addWidget(self.layer_box, 1)
        choices.addWidget(self.head_box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.explanation)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addLayout(choices)
        layout.addWidget(self.focus)
        layout.addWidget(self.heatmap)
        layout.addWidget(self.grid_caption)
        layout.addWidget(self.grid)
        layout.addStretch(1)

    def _connect(self) -> None:
        self.run_button.drive(self.job, self.run, idle_text=lambda: self.tr("Show attention"))
        self.larger_button.clicked.connect(self.open_larger)
        self.layer_box.currentIndexChanged.connect(self._on_layer_chosen)
        self.head_box.currentIndexChanged.connect(self._on_head_chosen)
        self.heatmap.row_clicked.connect(self.select_token)
        self.grid.head_clicked.connect(lambda head: self.head_box.setCurrentIndex(head + 1))
        self.job.busy_changed.connect(self._update_larger_button)

    def _retranslate(self) -> None:
        self.explanation.setText(self.tr(
            "Self-attention: to build its meaning, each token looks back at the tokens before it. Each row of the "
            "map is one token (left) and how much it attends to every earlier token (darker = more; a row adds "
            "up to 100 %). Every layer has several heads, each with its own pattern: the small maps show them all."))
        self.run_button.setToolTip(self.tr("Run the model once over the last reply (or the one you clicked) and "
                                           "keep every head's attention"))
        self.larger_button.setText(self.tr("Open larger"))
        self.grid_caption.setText(self.tr("The heads of this layer (click one to show it above):"))
        self.layer_box.setPlaceholderText(self.tr("Layer (run first)"))
        self.layer_box.setToolTip(self.tr("Which layer's attention the map shows: the list fills once you press "
                                          "“Show attention”"))
        self.head_box.setToolTip(self.tr("One head's attention, or the mean of all the heads of the layer"))
        self._fill_choices()
        self._show_focus()
        self._update_larger_button()

    # ---- running -------------------------------------------------------------------------
    @Slot()
    def run(self) -> None:
        source = self.source()
        if source is None:
            self.status.show_notice(lambda: self.tr("Send a message first: attention is shown for an exchange."),
                                    error=True)
            return
        request = AttentionRequest(conversation=source.conversation, model_id=source.model_id,
                                   reply_ids=source.reply_ids, device=source.device)
        self.job.submit(request, lambda: self.tr("Reading the exchange…"))

    def show_map(self, result: AttentionMap) -> None:
        self.result = result
        self.layer = min(self.layer, result.layers - 1)
        if self.head is not None and self.head >= result.heads:
            self.head = None
        self.heatmap.selected_row = None
        self._fill_choices()
        self._refresh()
        n = len(result.exchange.tokens)
        trimmed = result.exchange.trimmed
        self.status.show_notice(
            (lambda: self.tr("{n} tokens ({k} oldest left out), read in {s} s.").format(n=n, k=trimmed,
                                                                                      s=f"{result.seconds:.2f}"))
            if trimmed else (lambda: self.tr("{n} tokens, read in {s} s.").format(n=n, s=f"{result.seconds:.2f}")))

    # ---- choosing ------------------------------------------------------------------------
    def _fill_choices(self) -> None:
        layers = self.result.layers if self.result else 0
        heads = self.result.heads if self.result else 0
        for box, items, index in (
                (self.layer_box, [self.tr("Layer {n}").format(n=i + 1) for i in range(layers)], self.layer),
                (self.head_box, [self.tr("Mean of the heads")] + [self.tr("Head {n}").format(n=i + 1)
                                                                   for i in range(heads)],
                 0 if self.head is None else self.head + 1)):
            box.blockSignals(True)
            box.clear()
            box.addItems(items)
            box.setCurrentIndex(min(index, len(items) - 1))  # -1 with no layers: the placeholder shows
            box.blockSignals(False)
        self.layer_box.setEnabled(layers > 0)
        self.head_box.setEnabled(heads > 0)

    @Slot(int)
    def _on_layer_chosen(self, index: int) -> None:
        if index >= 0:
            self.layer = index
            self._refresh()

    @Slot(int)
    def _on_head_chosen(self, index: int) -> None:
        if index >= 0:
            self.head = None if index == 0 else index - 1
            self._refresh()

    @Slot(int)
    def select_token(self, row: int) -> None:
        self.heatmap.select_row(row)
        self._show_focus()
        if self.larger is not None:
            self.larger.heatmap.select_row(row)

    def labels(self) -> list[str]:
        return [token_caption(t) for t in self.result.exchange.tokens] if self.result else []

    def matrix(self) -> np.ndarray | None:
        """What the big map shows: one head, or the mean of the layer's heads."""
        if self.result is None:
            return None
        layer = self.result.attention[self.layer].astype(np.float32)
        return layer.mean(axis=0) if self.head is None else layer[self.head]

    def _show_map_parts(self) -> None:
        """The map, its grid of heads and the grid's caption are empty before a run: hidden, not blank space."""
        for part in (self.heatmap, self.grid_caption, self.grid):
            part.setVisible(self.result is not None)

    def _keep_focus_room(self) -> None:
        self.focus.setMinimumHeight(FOCUS_LINES * self.focus.fontMetrics().lineSpacing())

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # a zoom: the kept room grows with the text
            self._keep_focus_room()

    def _refresh(self) -> None:
        self._show_map_parts()
        self.heatmap.set_matrix(self.matrix(), self.labels())
        self.grid.set_heads(None if self.result is None else self.result.attention[self.layer].astype(np.float32))
        self.grid.select(self.head)
        self._show_focus()
        if self.larger is not None and self.larger.isVisible():
            self._fill_larger()

    def attended(self, row: int) -> list[tuple[str, float]]:
        """The tokens ``row`` attends to most, strongest first."""
        weights = self.matrix()[row]
        order = np.argsort(-weights, kind="stable")[:TOP_ATTENDED]
        labels = self.labels()
        return [(labels[i], float(weights[i])) for i in order if weights[i] > 0]

    def _show_focus(self) -> None:
        row = self.heatmap.selected_row
        if self.result is None:
            self.focus.setText(self.tr("Send a message, then press “Show attention”."))
            return
        if row is None:
            self.focus.setText(self.tr("Click a row of the map to see which tokens that token attends to."))
            return
        listed = join_items(f"“{label}” {weight:.0%}" for label, weight in self.attended(row))
        self.focus.setText(self.tr("“{token}” (token {n}) attends most to: {list}").format(
            token=self.labels()[row], n=row + 1, list=listed))

    # ---- the larger window -----------------------------------------------------------------
    @Slot()
    def open_larger(self) -> None:
        if self.larger is None:
            self.larger = LargerAttentionWindow(self)
            self.larger.heatmap.row_clicked.connect(self.select_token)
        self._fill_larger()
        self.larger.show()
        self.larger.raise_()

    def _fill_larger(self) -> None:
        which = self.head_box.currentText()
        title = self.tr("{layer}, {head}").format(layer=self.layer_box.currentText(), head=which)
        self.larger.show_matrix(self.matrix(), self.labels(), title, self.heatmap.selected_row)

    def _update_larger_button(self) -> None:
        self.larger_button.setEnabled(self.result is not None)
