"""Generation settings: system prompt, temperature, top-p, top-k, max new tokens, seed, device."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from model_backend.chat.chat_types import Sampling
from model_backend.core.settings import Settings


class SamplingPanel(QWidget):
    changed = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.system_prompt = QPlainTextEdit(settings.system_prompt, self)
        self.system_prompt.setPlaceholderText(self.tr("Optional: how the assistant should behave"))
        self.system_prompt.setMaximumHeight(70)
        self.temperature = self._double(0.0, 2.0, 0.05, settings.temperature,
                                        self.tr("0 = always take the most likely token (greedy); higher = more random"))
        self.top_p = self._double(0.05, 1.0, 0.05, settings.top_p,
                                  self.tr("Sample only from the smallest set of tokens whose probabilities add up to p"))
        self.top_k = QSpinBox(self)
        self.top_k.setRange(0, 1000)
        self.top_k.setValue(settings.top_k)
        self.top_k.setToolTip(self.tr("Sample only from the k most likely tokens (0 = no limit)"))
        self.max_new_tokens = QSpinBox(self)
        self.max_new_tokens.setRange(1, 8192)
        self.max_new_tokens.setValue(settings.max_new_tokens)
        self.seed = QSpinBox(self)
        self.seed.setRange(0, 2**31 - 1)
        self.random_seed = QCheckBox(self.tr("random"), self)
        self.random_seed.setChecked(True)
        self.random_seed.setToolTip(self.tr("Untick to reuse a seed: same seed and settings give the same reply"))
        self.seed.setEnabled(False)
        self.random_seed.toggled.connect(lambda checked: self.seed.setEnabled(not checked))
        seed_row = QHBoxLayout()
        seed_row.addWidget(self.seed, 1)
        seed_row.addWidget(self.random_seed)
        self.device = QComboBox(self)
        for value, label in (("auto", self.tr("Automatic")), ("cuda", "CUDA (NVIDIA)"),
                             ("mps", "MPS (Apple)"), ("cpu", "CPU")):
            self.device.addItem(label, value)
        self.device.setCurrentIndex(max(0, self.device.findData(settings.device)))

        form = QFormLayout(self)
        form.addRow(self.tr("System prompt"), self.system_prompt)
        form.addRow(self.tr("Temperature"), self.temperature)
        form.addRow(self.tr("Top-p"), self.top_p)
        form.addRow(self.tr("Top-k"), self.top_k)
        form.addRow(self.tr("Max new tokens"), self.max_new_tokens)
        form.addRow(self.tr("Seed"), seed_row)
        form.addRow(self.tr("Device"), self.device)
        for widget in (self.temperature, self.top_p):
            widget.valueChanged.connect(self.changed)
        for spin in (self.top_k, self.max_new_tokens):
            spin.valueChanged.connect(self.changed)
        self.device.currentIndexChanged.connect(self.changed)

    def _double(self, low: float, high: float, step: float, value: float, tip: str) -> QDoubleSpinBox:
        box = QDoubleSpinBox(self)
        box.setRange(low, high)
        box.setSingleStep(step)
        box.setDecimals(2)
        box.setValue(value)
        box.setToolTip(tip)
        return box

    def sampling(self) -> Sampling:
        return Sampling(
            temperature=self.temperature.value(),
            top_p=self.top_p.value(),
            top_k=self.top_k.value(),
            max_new_tokens=self.max_new_tokens.value(),
            seed=None if self.random_seed.isChecked() else self.seed.value(),
        )

    def set_seed(self, seed: int) -> None:
        """Show the seed a reply used, so it can be reused by unticking 'random'."""
        self.seed.setValue(seed)

    def device_choice(self) -> str:
        return str(self.device.currentData())

    def store(self, settings: Settings) -> None:
        settings.temperature = self.temperature.value()
        settings.top_p = self.top_p.value()
        settings.top_k = self.top_k.value()
        settings.max_new_tokens = self.max_new_tokens.value()
        settings.device = self.device_choice()
        settings.system_prompt = self.system_prompt.toPlainText()
