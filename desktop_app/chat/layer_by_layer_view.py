"""The Layer-by-layer page ("logit lens"): the model's next-token guess after every layer, at one position.

A table, one row per layer (row 0: the token embeddings alone): the top guesses with their probabilities,
and the probability given to the token that really came next, so the student sees where the prediction
forms. Choosing another position runs the (fast) job again.
"""
from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.chat.attention_heatmap import token_caption
from desktop_app.chat.exchange_source import SourceFn
from desktop_app.i18n.retranslate import keep_translated
from desktop_app.widgets.job_status import JobStatus, SingleJob
from desktop_app.widgets.run_stop_button import RunStopButton
from desktop_app.widgets.token_text import visible_token
from model_backend.chat.insight_types import LayerGuesses, LogitLensRequest

SHOWN_GUESSES = 3


class LayerByLayerView(QWidget):
    def __init__(self, controller, source: SourceFn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.source = source
        self.result: LayerGuesses | None = None
        self._build_parts()
        self._lay_out()
        self._connect()
        keep_translated(self, self._retranslate)

    def _build_parts(self) -> None:
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.position_label = QLabel(self)
        self.position_box = QSpinBox(self)
        self.position_box.setRange(0, 0)
        self.position_box.setSpecialValueText("–")
        self.run_button = RunStopButton(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 2, self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.status = JobStatus(self, progress_when_idle=False)
        self.job = SingleJob(self.controller, self.status, on_result=self.show_guesses,
                             on_cancelled=lambda _: None, parent=self)

    def _lay_out(self) -> None:
        row = QHBoxLayout()
        row.addWidget(self.position_label)
        row.addWidget(self.position_box, 1)
        row.addWidget(self.run_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.explanation)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def _connect(self) -> None:
        self.run_button.drive(self.job, self.run, idle_text=lambda: self.tr("Show layers"))
        self.position_box.valueChanged.connect(self._on_position_changed)

    def _retranslate(self) -> None:
        self.explanation.setText(self.tr(
            "A Transformer refines its guess for the next token layer by layer. Here the model's last step (the "
            "final normalisation and the output head) is applied after every layer: each row shows what the model "
            "would predict if it stopped there. Early layers guess vaguely; the last row is the model's real answer."))
        self.position_label.setText(self.tr("Token:"))
        self.position_box.setToolTip(self.tr("The position whose next token is guessed (its number in the exchange)"))
        self.table.setHorizontalHeaderLabels([self.tr("Top guesses"), self.tr("Real next")])
        self.table.horizontalHeaderItem(1).setToolTip(self.tr("The probability this layer gives the token that really came next"))
        self._show_rows()

    # ---- running -------------------------------------------------------------------------
    def follow_step(self, step: int) -> None:
        """A reply token clicked in the transcript: how its guess formed, layer by layer."""
        if not self.job.busy:
            self.run(step)

    @Slot()
    def run(self, step: int | None = None) -> None:
        """Show the layers at the chosen position, or (``step``) where the reply's token ``step`` was guessed."""
        source = self.source()
        if source is None:
            self.status.show_notice(lambda: self.tr("Send a message first: the layers are shown for an exchange."),
                                    error=True)
            return
        position = self.position_box.value() - 1 if self.result is not None and self.position_box.value() else None
        if step is not None and source.has_reply:
            position = None
        else:
            step = None
        request = LogitLensRequest(conversation=source.conversation, model_id=source.model_id,
                                   reply_ids=source.reply_ids, position=position, step=step, top_k=SHOWN_GUESSES,
                                   device=source.device)
        self.job.submit(request, lambda: self.tr("Reading the exchange layer by layer…"))

    @Slot(int)
    def _on_position_changed(self, value: int) -> None:
        if self.result is not None and value and value - 1 != self.result.position and not self.job.busy:
            self.run()
        self._show_position()

    def show_guesses(self, result: LayerGuesses) -> None:
        self.result = result
        self.status.clear_notice()  # the working line; the page's own summary says what came back
        self.position_box.blockSignals(True)
        self.position_box.setRange(1, len(result.exchange.tokens))
        self.position_box.setValue(result.position + 1)
        self.position_box.blockSignals(False)
        self._show_rows()

    def _show_position(self) -> None:
        result = self.result
        if result is None:
            self.summary.setText(self.tr("Send a message, then press “Show layers”: it starts at the token "
                                         "before the reply, where the model guessed the reply's first token."))
            return
        token = token_caption(result.exchange.tokens[result.position])
        actual = result.layers[-1].actual
        if actual is None:
            self.summary.setText(self.tr("After “{token}” (token {n}), the exchange ends.").format(
                token=token, n=result.position + 1))
        else:
            self.summary.setText(self.tr("After “{token}” (token {n}), the next token was “{next}”.").format(
                token=token, n=result.position + 1, next=visible_token(actual.text)))

    def _show_rows(self) -> None:
        self._show_position()
        result = self.result
        layers = result.layers if result else ()
        self.table.setRowCount(len(layers))
        for row, guess in enumerate(layers):
            guesses = "  ".join(f"{visible_token(c.text)} {c.probability:.0%}" for c in guess.candidates)
            actual = "" if guess.actual is None else f"{guess.actual.probability:.1%}"
            for column, text in enumerate((guesses, actual)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.setVerticalHeaderLabels([self.tr("Embeddings") if g.layer == 0 else self.tr("Layer {n}").format(
            n=g.layer) for g in layers])
        if layers:
            self.table.scrollToBottom()
