"""Generation settings: system prompt, temperature, top-p, top-k, max new tokens, seed, device.

"Use the model's recommended settings" (on for a new user, remembered): temperature, top-p and top-k then follow
what the loaded model recommends (``model_backend.chat.sampling_defaults``: its generation_config.json or GGUF
metadata), each marked "model default", or "app default" where the model names none (or has not loaded yet).
When the student changes one of the three, the choice turns off and the values shown are the student's own,
kept for every model until the choice is ticked again (which brings back the model's values).
"""
from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from desktop_app.i18n.retranslate import keep_translated
from model_backend.chat.chat_types import Sampling
from model_backend.chat.sampling_defaults import FALLBACK, SAMPLING_NAMES, SAMPLING_RANGES, SOURCE_GGUF
from model_backend.core.settings import Settings


class SamplingPanel(QWidget):
    changed = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model_defaults: dict | None = None  # the loaded model's, from the load job (sampling_defaults)
        self._model_name = ""
        self._applying = False  # values being set from the model's defaults, not by the student
        self.system_prompt = QPlainTextEdit(settings.system_prompt, self)
        self.system_prompt.setMaximumHeight(70)
        self.follow_model = QCheckBox(self)
        self.follow_model.setChecked(settings.use_model_sampling)
        own = {"temperature": settings.temperature, "top_p": settings.top_p, "top_k": settings.top_k}
        start = FALLBACK if settings.use_model_sampling else own
        self.temperature = self._double(*SAMPLING_RANGES["temperature"], 0.05, start["temperature"])
        self.top_p = self._double(*SAMPLING_RANGES["top_p"], 0.05, start["top_p"])
        self.top_k = QSpinBox(self)
        self.top_k.setRange(*(int(limit) for limit in SAMPLING_RANGES["top_k"]))
        self.top_k.setValue(int(start["top_k"]))
        self.markers: dict[str, QLabel] = {}  # "model default" / "app default" beside each value that follows
        for name in SAMPLING_NAMES:
            marker = QLabel(self)
            marker.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            marker.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)  # rows keep their height
            self.markers[name] = marker
        self.max_new_tokens = QSpinBox(self)
        self.max_new_tokens.setRange(1, 8192)
        self.max_new_tokens.setValue(settings.max_new_tokens)
        self.seed = QSpinBox(self)
        self.seed.setRange(0, 2**31 - 1)
        self.random_seed = QCheckBox(self)
        self.random_seed.setChecked(True)
        self.seed.setEnabled(False)
        self.random_seed.toggled.connect(lambda checked: self.seed.setEnabled(not checked))
        seed_row = QHBoxLayout()
        seed_row.addWidget(self.seed, 1)
        seed_row.addWidget(self.random_seed)
        self.device = QComboBox(self)
        for value, label in (("auto", ""), ("cuda", "CUDA (NVIDIA)"), ("mps", "MPS (Apple)"), ("cpu", "CPU")):
            self.device.addItem(label, value)  # "auto"'s words are set by _retranslate
        self.device.setCurrentIndex(max(0, self.device.findData(settings.device)))

        # the rows' labels, named so that _retranslate can rename them
        self.row_labels = {name: QLabel(self) for name in ("system_prompt", "temperature", "top_p", "top_k",
                                                            "max_new_tokens", "seed", "device")}
        form = QFormLayout(self)
        form.addRow(self.row_labels["system_prompt"], self.system_prompt)
        form.addRow(self.follow_model)
        form.addRow(self.row_labels["temperature"], self._with_marker(self.temperature, "temperature"))
        form.addRow(self.row_labels["top_p"], self._with_marker(self.top_p, "top_p"))
        form.addRow(self.row_labels["top_k"], self._with_marker(self.top_k, "top_k"))
        form.addRow(self.row_labels["max_new_tokens"], self.max_new_tokens)
        form.addRow(self.row_labels["seed"], seed_row)
        form.addRow(self.row_labels["device"], self.device)
        for name, field in (("system_prompt", self.system_prompt), ("temperature", self.temperature),
                            ("top_p", self.top_p), ("top_k", self.top_k), ("max_new_tokens", self.max_new_tokens),
                            ("seed", self.seed), ("device", self.device)):
            self.row_labels[name].setBuddy(field)
        for widget in (self.temperature, self.top_p, self.top_k):
            widget.valueChanged.connect(self._on_value_edited)
        self.max_new_tokens.valueChanged.connect(self.changed)
        self.device.currentIndexChanged.connect(self.changed)
        self.follow_model.toggled.connect(self._on_follow_toggled)
        keep_translated(self, self._retranslate)

    def _retranslate(self) -> None:
        self.row_labels["system_prompt"].setText(self.tr("System prompt"))
        self.system_prompt.setPlaceholderText(self.tr("Optional: how the assistant should behave"))
        self.system_prompt.setToolTip(self.tr("Instructions the model reads before the conversation; kept with "
                                              "each conversation"))
        self.follow_model.setText(self.tr("Use the model's recommended settings"))
        self.follow_model.setToolTip(self.tr(
            "Temperature, top-p and top-k follow what the loaded model recommends (its generation_config.json or "
            "GGUF metadata); where it recommends nothing, values that keep small models on track. Changing one of "
            "them turns this off: the values are then yours, for every model."))
        self.row_labels["temperature"].setText(self.tr("Temperature"))
        self.temperature.setToolTip(self.tr("0 = always take the most likely token (greedy); higher = more random"))
        self.row_labels["top_p"].setText(self.tr("Top-p"))
        self.top_p.setToolTip(self.tr("Sample only from the smallest set of tokens whose probabilities add up to p"))
        self.row_labels["top_k"].setText(self.tr("Top-k"))
        self.top_k.setToolTip(self.tr("Sample only from the k most likely tokens (0 = no limit)"))
        self.row_labels["max_new_tokens"].setText(self.tr("Max new tokens"))
        self.max_new_tokens.setToolTip(self.tr("The reply stops after this many tokens at most"))
        self.row_labels["seed"].setText(self.tr("Seed"))
        self.seed.setToolTip(self.tr("The seed of the random choices; the last reply's seed is shown here"))
        self.random_seed.setText(self.tr("random"))
        self.random_seed.setToolTip(self.tr("Untick to reuse a seed: same seed and settings give the same reply"))
        self.row_labels["device"].setText(self.tr("Device"))
        self.device.setToolTip(self.tr("Where the model runs; Automatic takes the GPU when there is one"))
        self.device.setItemText(self.device.findData("auto"), self.tr("Automatic"))
        self._update_markers()

    def _with_marker(self, box: QWidget, name: str) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(box, 1)
        row.addWidget(self.markers[name])
        return row

    def _double(self, low: float, high: float, step: float, value: float) -> QDoubleSpinBox:
        box = QDoubleSpinBox(self)
        box.setRange(low, high)
        box.setSingleStep(step)
        box.setDecimals(2)
        box.setValue(value)
        return box

    # ---- the model's recommended settings ------------------------------------------------------------------
    def set_model_defaults(self, defaults: dict | None, model_name: str = "") -> None:
        """The chosen model's recommendation (a load job's ``sampling_defaults``), or None while it is unknown;
        shown at once when the values follow the model."""
        self._model_defaults, self._model_name = defaults, model_name
        if self.follow_model.isChecked():
            self._apply_model_defaults()
        self._update_markers()

    def follows_model(self) -> bool:
        return self.follow_model.isChecked()

    def _apply_model_defaults(self) -> None:
        values = {name: (self._model_defaults or FALLBACK).get(name, FALLBACK[name]) for name in SAMPLING_NAMES}
        self._applying = True
        try:
            self.temperature.setValue(float(values["temperature"]))
            self.top_p.setValue(float(values["top_p"]))
            self.top_k.setValue(int(values["top_k"]))
        finally:
            self._applying = False
        self.changed.emit()

    @Slot()
    def _on_value_edited(self) -> None:
        if self._applying:
            return
        if self.follow_model.isChecked():
            self.follow_model.setChecked(False)  # the student's value now; the toggle says so (and emits changed)
            return
        self.changed.emit()

    @Slot(bool)
    def _on_follow_toggled(self, checked: bool) -> None:
        if checked:
            self._apply_model_defaults()
        self._update_markers()
        self.changed.emit()

    def _update_markers(self) -> None:
        following = self.follow_model.isChecked()
        defaults = self._model_defaults or {}
        from_model = defaults.get("from_model") or ()
        model = self._model_name or self.tr("The model")
        if defaults.get("source") == SOURCE_GGUF:
            source = self.tr("GGUF file's metadata (general.sampling.*)")
        else:
            source = str(defaults.get("source", ""))
        for name, marker in self.markers.items():
            marker.setVisible(following)
            if name in from_model:
                marker.setText(self.tr("model default"))
                marker.setToolTip(self.tr("Recommended by {model} in its {source}").format(model=model, source=source))
            else:
                marker.setText(self.tr("app default"))
                marker.setToolTip(
                    self.tr("The model has not loaded yet: this is the app's default, which keeps small models "
                            "(135M–1.7B) on track") if self._model_defaults is None
                    else self.tr("{model} recommends no value: this is the app's default, which keeps small models "
                                 "(135M–1.7B) on track").format(model=model))

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
        settings.use_model_sampling = self.follow_model.isChecked()
        settings.max_new_tokens = self.max_new_tokens.value()
        settings.device = self.device_choice()
        settings.system_prompt = self.system_prompt.toPlainText()
