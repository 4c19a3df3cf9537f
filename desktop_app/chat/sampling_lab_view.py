"""The Sampling lab page: the real next-token distribution at one step of a reply, re-shaped live.

The distribution is the model's own (its 50 likeliest tokens, before any sampling setting), fetched once
per step; temperature, top-k and top-p are then applied here with ``model_backend.chat.sampling_lab``,
the same arithmetic as transformers' warpers, so the sliders answer at once. "Sample 20 times" draws
from the re-shaped distribution with a seed: the same seed, the same draws.
"""
from __future__ import annotations

from collections import Counter

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt, Slot
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.chat.exchange_source import SourceFn
from desktop_app.i18n.retranslate import keep_translated
from desktop_app.widgets import palette
from desktop_app.widgets.job_status import JobStatus, SingleJob
from desktop_app.widgets.run_stop_button import RunStopButton
from desktop_app.widgets.token_text import visible_token
from model_backend.chat.chat_types import Sampling
from model_backend.chat.insight_types import TokenDistribution, TokenDistributionRequest
from model_backend.chat.sampling_lab import kept, reshape, sample

SHOWN_BARS = 12
SAMPLES = 20


class LabBars(QWidget):
    """For the likeliest tokens: the model's own probability (pale) and the re-shaped one (solid), with
    how often each came out of the last sampling."""

    ROW_HEIGHT = 22

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels: list[str] = []
        self.original = np.zeros(0)
        self.shaped = np.zeros(0)
        self.counts: Counter = Counter()
        self.chosen: int | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_rows(self, labels: list[str], original: np.ndarray, shaped: np.ndarray, chosen: int | None,
                 counts: Counter) -> None:
        self.labels, self.original, self.shaped, self.chosen, self.counts = labels, original, shaped, chosen, counts
        self.updateGeometry()
        self.update()

    def rows(self) -> int:
        return min(SHOWN_BARS, len(self.labels))

    def sizeHint(self) -> QSize:
        return QSize(240, max(1, self.rows()) * self.ROW_HEIGHT + 4)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        metrics = QFontMetrics(self.font())
        label_width = min(self.width() // 3, 100)
        number_width = metrics.horizontalAdvance("100.0% ×20") + 6
        bar_space = max(10, self.width() - label_width - number_width)
        text_colour = self.palette().color(QPalette.ColorRole.WindowText)
        for row in range(self.rows()):
            top = row * self.ROW_HEIGHT + 2
            painter.setPen(text_colour)
            text = metrics.elidedText(self.labels[row], Qt.TextElideMode.ElideRight, label_width - 6)
            painter.drawText(QRectF(0, top, label_width - 6, self.ROW_HEIGHT - 4),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
            painter.fillRect(QRectF(label_width, top + 3, bar_space * float(self.original[row]), self.ROW_HEIGHT - 10),
                             QColor(palette.CHART_TRACK))
            colour = palette.CHOSEN_TOKEN_BAR if row == self.chosen else palette.CHART_BAR
            painter.fillRect(QRectF(label_width, top + 6, bar_space * float(self.shaped[row]), self.ROW_HEIGHT - 16),
                             QColor(colour))
            count = self.counts.get(row, 0)
            painter.drawText(QRectF(label_width + bar_space + 4, top, number_width, self.ROW_HEIGHT - 4),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             f"{float(self.shaped[row]):.1%}" + (f" ×{count}" if count else ""))
        painter.end()


class SamplingLabView(QWidget):
    def __init__(self, controller, source: SourceFn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.source = source
        self.result: TokenDistribution | None = None
        self.shaped = np.zeros(0)
        self.samples: list[int] = []
        self._build_parts()
        self._lay_out()
        self._connect()
        self.set_sampling(Sampling())
        keep_translated(self, self._retranslate)

    def _build_parts(self) -> None:
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.step_label = QLabel(self)
        self.step_box = QSpinBox(self)
        self.step_box.setRange(1, 1)
        self.run_button = RunStopButton(self)
        self.status = JobStatus(self, progress_when_idle=False)
        self.temperature = QSlider(Qt.Orientation.Horizontal, self)
        self.temperature.setRange(0, 200)  # hundredths
        self.top_k = QSlider(Qt.Orientation.Horizontal, self)
        self.top_k.setRange(0, 50)  # 0: off
        self.top_p = QSlider(Qt.Orientation.Horizontal, self)
        self.top_p.setRange(1, 100)  # hundredths; 100: off
        self.temperature_label, self.top_k_label, self.top_p_label = QLabel(self), QLabel(self), QLabel(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.bars = LabBars(self)
        self.sample_button = QPushButton(self)
        self.seed_box = QSpinBox(self)
        self.seed_box.setRange(0, 2**31 - 1)
        self.seed_box.setValue(1)
        self.samples_label = QLabel(self)
        self.samples_label.setWordWrap(True)
        self.samples_label.setTextFormat(Qt.TextFormat.PlainText)
        self.job = SingleJob(self.controller, self.status, on_result=self.show_distribution,
                             on_cancelled=lambda _: None, parent=self)

    def _lay_out(self) -> None:
        step_row = QHBoxLayout()
        step_row.addWidget(self.step_label)
        step_row.addWidget(self.step_box, 1)
        step_row.addWidget(self.run_button)
        self.form = QFormLayout()
        self.form.addRow(self.temperature_label, self.temperature)
        self.form.addRow(self.top_k_label, self.top_k)
        self.form.addRow(self.top_p_label, self.top_p)
        sample_row = QHBoxLayout()
        sample_row.addWidget(self.sample_button, 1)
        sample_row.addWidget(self.seed_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.explanation)
        layout.addLayout(step_row)
        layout.addWidget(self.status)
        layout.addLayout(self.form)
        layout.addWidget(self.summary)
        layout.addWidget(self.bars)
        layout.addLayout(sample_row)
        layout.addWidget(self.samples_label)
        layout.addStretch(1)

    def _connect(self) -> None:
        self.run_button.drive(self.job, self.run, idle_text=lambda: self.tr("Get distribution"))
        for slider in (self.temperature, self.top_k, self.top_p):
            slider.valueChanged.connect(self._reshape)
        self.sample_button.clicked.connect(self.draw_samples)

    def _retranslate(self) -> None:
        self.explanation.setText(self.tr(
            "The model gives every possible next token a probability; sampling then picks one. Temperature "
            "sharpens (low) or flattens (high) the distribution, top-k keeps only the k likeliest tokens and top-p "
            "the fewest that together reach p. Pale bars: the model's own probabilities at the chosen step of the "
            "reply; solid bars: after your settings."))
        self.step_label.setText(self.tr("Reply token:"))
        self.sample_button.setText(self.tr("Sample {n} times").format(n=SAMPLES))
        self.seed_box.setToolTip(self.tr("Seed: the same seed draws the same tokens"))
        self.seed_box.setPrefix(self.tr("seed "))
        self._show_values()
        self._show_summary()
        self._show_samples()

    # ---- settings ------------------------------------------------------------------------
    def set_sampling(self, sampling: Sampling) -> None:
        """Start from the chat's own settings, so the lab shows what the replies were drawn from."""
        self.temperature.setValue(round(sampling.temperature * 100))
        self.top_k.setValue(sampling.top_k)
        self.top_p.setValue(round(sampling.top_p * 100))

    def settings(self) -> tuple[float, int, float]:
        return self.temperature.value() / 100, self.top_k.value(), self.top_p.value() / 100

    def _show_values(self) -> None:
        temperature, top_k, top_p = self.settings()
        self.temperature_label.setText(self.tr("Temperature {t}").format(t=f"{temperature:.2f}")
                                       if temperature else self.tr("Temperature 0 (greedy)"))
        self.top_k_label.setText(self.tr("Top-k {k}").format(k=top_k) if top_k else self.tr("Top-k off"))
        self.top_p_label.setText(self.tr("Top-p {p}").format(p=f"{top_p:.2f}") if top_p < 1 else self.tr("Top-p off"))

    # ---- running -------------------------------------------------------------------------
    def set_step(self, step: int) -> None:
        """Follow a reply token the student clicked."""
        self.step_box.setValue(step + 1)

    @Slot()
    def run(self) -> None:
        source = self.source()
        if source is None or not source.has_reply:
            self.status.show_notice(lambda: self.tr("This page needs a reply: send a message first."), error=True)
            return
        steps = max(1, len(source.reply_ids) or len(source.steps))
        self.step_box.setRange(1, steps)
        request = TokenDistributionRequest(conversation=source.conversation, model_id=source.model_id,
                                           reply_ids=source.reply_ids, step=self.step_box.value() - 1,
                                           device=source.device)
        self.job.submit(request, lambda: self.tr("Reading the model's distribution…"))

    def show_distribution(self, result: TokenDistribution) -> None:
        self.result = result
        self.status.clear_notice()  # the working line; the page's own summary says what came back
        self.samples = []
        self._reshape()

    def probabilities(self) -> np.ndarray:
        return np.array([c.probability for c in self.result.candidates]) if self.result else np.zeros(0)

    @Slot()
    def _reshape(self) -> None:
        self._show_values()
        if self.result is None:
            self._show_summary()
            return
        self.shaped = reshape(self.probabilities(), *self.settings())
        self.samples = []
        self._show_bars()
        self._show_summary()
        self._show_samples()

    @Slot()
    def draw_samples(self) -> None:
        if self.result is None:
            return
        self.samples = [int(i) for i in sample(self.shaped, SAMPLES, self.seed_box.value())]
        self._show_bars()
        self._show_samples()

    def _labels(self) -> list[str]:
        return [visible_token(c.text) for c in self.result.candidates] if self.result else []

    def _show_bars(self) -> None:
        original = self.probabilities()
        original = original / original.sum()
        ids = [c.token_id for c in self.result.candidates]
        chosen = ids.index(self.result.chosen_id) if self.result.chosen_id in ids else None
        self.bars.set_rows(self._labels(), original, self.shaped, chosen, Counter(self.samples))

    def _show_summary(self) -> None:
        if self.result is None:
            self.summary.setText(self.tr("Send a message, choose a token of the reply, then press “Get "
                                         "distribution”."))
            return
        self.summary.setText(self.tr("Step {n}: these {count} likeliest tokens hold {share} of the model's "
                                     "probability. With these settings {kept} of them can come out.").format(
            n=self.result.step + 1, count=len(self.result.candidates), share=f"{self.result.covered:.1%}",
            kept=kept(self.shaped)))

    def _show_samples(self) -> None:
        if not self.samples:
            self.samples_label.setText("")
            return
        labels = self._labels()
        drawn = " ".join(f"“{labels[i]}”" for i in self.samples)
        self.samples_label.setText(self.tr("Drawn: {tokens}").format(tokens=drawn))
