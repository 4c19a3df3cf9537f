"""Page 2 of the Prompt tab: variants as columns, run on one seed with the same settings.

The page owns its widgets and the columns; the tab decides what a variant is and when it runs.
The instruction-tuning lesson lives here too: the "raw continuation" switch sends a variant's text with no
chat template, so the same model can run both ways side by side, and "Base vs instruct" puts the base and
the instruction-tuned model of one family side by side when both are installed.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n.retranslate import keep_translated
from desktop_app.prompt_lab.variant_column import VariantColumn
from desktop_app.widgets.model_picker import ModelPicker
from model_backend.chat.chat_types import Sampling
from model_backend.core.model_inspection import ModelKind
from model_backend.core.registry import ModelRegistry
from model_backend.core.seeds import SEED_LIMIT
from model_backend.prompt_lab.model_scale import base_instruct_pairs


class SideBySidePage(QWidget):
    add_variant_requested = Signal()
    run_requested = Signal()
    stop_all_requested = Signal()
    both_ways_requested = Signal()  # the technique on the chosen model, with and without its chat template
    base_instruct_requested = Signal(object, object)  # (base, instruct) ModelEntry of one family and size

    def __init__(self, registry: ModelRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns: list[VariantColumn] = []
        self.model_picker = ModelPicker(registry, ModelKind.CHAT, self)
        self.add_variant_button = QPushButton(self)
        self.run_button = QPushButton(self)
        self.stop_all_button = QPushButton(self)
        self.stop_all_button.setEnabled(False)
        self.raw_continuation = QCheckBox(self)
        self.both_ways_button = QPushButton(self)
        self.base_instruct_button = QPushButton(self)
        self.base_instruct_button.setEnabled(False)
        self.tuning_lesson = QLabel(self)
        self.tuning_lesson.setWordWrap(True)
        self.temperature = QDoubleSpinBox(self)
        self.temperature.setRange(0.0, 2.0)
        self.temperature.setSingleStep(0.1)
        self.max_new_tokens = QSpinBox(self)
        self.max_new_tokens.setRange(1, 4096)
        self.max_new_tokens.setValue(128)
        self.seed = QSpinBox(self)
        self.seed.setRange(0, SEED_LIMIT - 1)
        self.temperature_label, self.max_new_tokens_label, self.seed_label = QLabel(self), QLabel(self), QLabel(self)
        self.columns_host = QWidget(self)
        self.columns_layout = QHBoxLayout(self.columns_host)
        self.columns_layout.addStretch(1)
        self._lay_out()
        self.add_variant_button.clicked.connect(self.add_variant_requested)
        self.run_button.clicked.connect(self.run_requested)
        self.stop_all_button.clicked.connect(self.stop_all_requested)
        self.both_ways_button.clicked.connect(self.both_ways_requested)
        self.base_instruct_button.clicked.connect(self._on_base_instruct)
        self.model_picker.model_changed.connect(lambda _: self._update_base_instruct())
        keep_translated(self, self._retranslate)

    def _retranslate(self) -> None:
        self.add_variant_button.setText(self.tr("Add to comparison"))
        self.add_variant_button.setToolTip(self.tr("Add the technique being edited, on this model, as a new variant"))
        self.run_button.setText(self.tr("Run side by side"))
        self.run_button.setToolTip(self.tr("Run every variant once with the form's values, on the same seed"))
        self.stop_all_button.setText(self.tr("Stop all"))
        self.temperature_label.setText(self.tr("Temperature"))
        self.max_new_tokens_label.setText(self.tr("Max new tokens"))
        self.seed_label.setText(self.tr("Seed"))
        self.seed.setToolTip(self.tr("Every cell of a run uses this one seed"))
        self.raw_continuation.setText(self.tr("Raw continuation (no chat template)"))
        self.raw_continuation.setToolTip(self.tr(
            "New variants send the prompt's text as it is: no roles, no chat template; the model simply continues it"))
        self.both_ways_button.setText(self.tr("This model both ways"))
        self.both_ways_button.setToolTip(self.tr(
            "Add the technique on this model twice: with its chat template and as a raw continuation"))
        self.base_instruct_button.setText(self.tr("Base vs instruct"))
        self._update_base_instruct()
        self.tuning_lesson.setText(self.tr(
            "Instruction tuning: a base model learnt only to continue text; an instruct model was trained further on "
            "conversations, so it answers when its chat template marks the text as a question. Run one model with "
            "and without its template, or a base and an instruct model of one family, and compare the replies."))

    def _lay_out(self) -> None:
        settings_row = QHBoxLayout()
        for label, widget in ((self.temperature_label, self.temperature), (self.max_new_tokens_label, self.max_new_tokens),
                              (self.seed_label, self.seed)):
            settings_row.addWidget(label)
            settings_row.addWidget(widget)
        settings_row.addStretch(1)
        # Run and Stop share the settings' row: at 150 % in Japanese, under the language warning, a row of
        # their own left the lesson above too little height and cut its last line off.
        settings_row.addWidget(self.run_button)
        settings_row.addWidget(self.stop_all_button)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.columns_host)
        top = QHBoxLayout()
        top.addWidget(self.model_picker, 1)
        top.addWidget(self.add_variant_button)
        tuning = QHBoxLayout()
        for widget in (self.raw_continuation, self.both_ways_button, self.base_instruct_button):
            tuning.addWidget(widget)
        tuning.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(tuning)
        layout.addWidget(self.tuning_lesson)
        layout.addLayout(settings_row)
        layout.addWidget(scroll, 1)

    # ---- settings --------------------------------------------------------------------------
    def sampling(self) -> Sampling:
        """No top-k or top-p cut, so temperature alone shapes the choice; every cell of a run uses this one seed."""
        return Sampling(temperature=self.temperature.value(), top_p=1.0, top_k=0,
                        max_new_tokens=self.max_new_tokens.value(), seed=self.seed.value())

    def show_sampling(self, sampling: Sampling) -> None:
        self.temperature.setValue(sampling.temperature)
        self.max_new_tokens.setValue(sampling.max_new_tokens)
        self.seed.setValue(sampling.seed or 0)

    def set_running(self, running: bool) -> None:
        self.stop_all_button.setEnabled(running)
        self.run_button.setEnabled(not running)
        self.add_variant_button.setEnabled(not running)
        self.both_ways_button.setEnabled(not running)
        self._update_base_instruct(running)

    # ---- base vs instruct --------------------------------------------------------------------
    def base_instruct_pair(self):
        """(base, instruct) of the chosen model's family when both are installed, else of any family; or None."""
        pairs = base_instruct_pairs(self.model_picker.entries)
        chosen = self.model_picker.current_model_id()
        return next((p for p in pairs if chosen in (p[0].model_id, p[1].model_id)), pairs[0] if pairs else None)

    def _update_base_instruct(self, running: bool = False) -> None:
        pair = self.base_instruct_pair()
        self.base_instruct_button.setEnabled(pair is not None and not running)
        if pair is None:
            self.base_instruct_button.setToolTip(self.tr(
                "Needs a base model and its instruction-tuned version of one family and size (e.g. SmolLM2-135M and "
                "SmolLM2-135M-Instruct): the model library offers them"))
        else:
            self.base_instruct_button.setToolTip(self.tr("Add the technique on {base} (raw continuation) and on "
                                                         "{instruct} (chat template)").format(base=pair[0].name,
                                                                                              instruct=pair[1].name))

    def _on_base_instruct(self) -> None:
        pair = self.base_instruct_pair()
        if pair is not None:
            self.base_instruct_requested.emit(*pair)

    # ---- columns -----------------------------------------------------------------------------
    def clear_columns(self) -> None:
        for column in self.columns:  # Qt owns the columns: let it delete them, never the garbage collector
            self.columns_layout.removeWidget(column)
            column.hide()
            column.deleteLater()
        self.columns = []

    def add_column(self, title: str, model_name: str) -> VariantColumn:
        column = VariantColumn(len(self.columns), title, model_name, self.columns_host)
        self.columns_layout.insertWidget(len(self.columns), column)
        self.columns.append(column)
        return column

    def model_name(self, model_id: str) -> str:
        return next((e.name for e in self.model_picker.entries if e.model_id == model_id),
                    model_id.rpartition("/")[2])
