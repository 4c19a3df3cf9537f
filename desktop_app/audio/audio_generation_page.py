"""What the text-to-speech and music pages share: a model, an input, Generate / Stop, progress,
and a finished sound handed to the stage (and played at once if the user wants).

Each page sets its words in ``_retranslate`` (calling this class's first), registered with
``keep_translated`` at the end of the *page's* ``__init__``, once all its widgets exist."""
from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.controller import BackendController
from desktop_app.i18n.retranslate import Text, say
from desktop_app.widgets.job_status import JobStatus, SingleJob
from desktop_app.widgets.model_picker import ModelPicker
from model_backend.audio.audio_types import GeneratedAudio
from model_backend.core.model_inspection import ModelKind
from model_backend.core.registry import ModelRegistry


class AudioGenerationPage(QWidget):
    sound_ready = Signal(object, object, bool)  # GeneratedAudio, title (a Text: said again after a switch), play now

    def __init__(self, controller: BackendController, registry: ModelRegistry, kind: ModelKind,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.result: GeneratedAudio | None = None
        self.cleared_job = ""  # a job stopped by clearing the screen: what it sends late is not shown
        self.model_picker = ModelPicker(registry, kind, self)
        self.form = QFormLayout()
        self.form_labels: dict[QWidget, QLabel] = {}  # field → its label, named by the page's _retranslate
        self.add_row(self.model_picker)
        self.generate_button = QPushButton(self)
        self.stop_button = QPushButton(self)
        self.autoplay = QCheckBox(self)
        self.autoplay.setChecked(True)
        self.seed = QSpinBox(self)  # the subclass places it in the form
        self.seed.setRange(-1, 2**31 - 1)
        self.seed.setValue(-1)
        self.status = JobStatus(self)
        self.job = SingleJob(controller, self.status, on_result=self.on_result, on_cancelled=self.on_cancelled,
                             parent=self)
        self.job.busy_changed.connect(self._update_buttons)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.generate_button)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.autoplay)
        buttons.addStretch(1)
        self.page_layout = QVBoxLayout(self)
        self.page_layout.addLayout(self.form)
        self.page_layout.addLayout(buttons)
        self.page_layout.addWidget(self.status)
        self.page_layout.addWidget(self.details, 1)
        self.generate_button.clicked.connect(self.generate)
        self.stop_button.clicked.connect(self.job.stop)
        self.model_picker.model_changed.connect(lambda _: self.model_changed())

    def add_row(self, field: QWidget) -> QLabel:
        label = self.form_labels[field] = QLabel(self)
        self.form.addRow(label, field)
        return label

    def _retranslate(self) -> None:
        self.form_labels[self.model_picker].setText(self.tr("Model"))
        self.generate_button.setText(self.generate_label())
        self.stop_button.setText(self.tr("Stop"))
        self.autoplay.setText(self.tr("Play when ready"))
        self.seed.setSpecialValueText(self.tr("random"))
        self._show_details()

    def _show_details(self) -> None:
        if self.result is not None:
            _, details = self.describe(self.result)
            self.details.setText("\n".join([details, *(say(note) for note in self.result.notes)]))

    # ---- what subclasses provide -----------------------------------------------------------
    def generate_label(self) -> str:
        raise NotImplementedError

    def build_request(self, model_id: str):
        raise NotImplementedError

    def no_model_message(self) -> str:
        raise NotImplementedError

    def describe(self, audio: GeneratedAudio) -> tuple[Text, str]:
        """(title for the stage, said again after a language switch; details for this page, in today's words)."""
        raise NotImplementedError

    def model_changed(self) -> None:
        self._update_buttons()

    def seed_value(self) -> int | None:
        return None if self.seed.value() < 0 else self.seed.value()

    def timing(self, audio: GeneratedAudio) -> str:
        return self.tr("{d:.1f} s of sound in {w:.1f} s (real-time factor {rtf:.2f}) on {device} · {model}").format(
            d=audio.duration, w=audio.seconds, rtf=audio.real_time_factor, device=audio.device, model=audio.model_name)

    # ---- running -------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        self.generate_button.setEnabled(not self.job.busy and bool(self.model_picker.current_model_id()))
        self.stop_button.setEnabled(self.job.busy)

    @Slot()
    def generate(self) -> bool:
        if self.job.busy:
            return False
        model_id = self.model_picker.current_model_id()
        if not model_id:
            self.status.show_notice(self.no_model_message, error=True)
            return False
        request = self.build_request(model_id)
        if request is None:
            return False
        self.job.submit(request, lambda: self.tr("Working…"))
        return True

    def on_result(self, audio: GeneratedAudio) -> None:
        if self._cleared():
            return
        self.result = audio
        title, _ = self.describe(audio)
        self._show_details()
        self.status.show_notice(lambda: self.tr("Done. Saved to {path}.").format(path=audio.path))
        self.sound_ready.emit(audio, title, self.autoplay.isChecked())

    def on_cancelled(self, partial) -> None:
        if self._cleared():
            return
        self.status.show_notice(lambda: self.tr("Stopped. Nothing was saved."))

    def _cleared(self) -> bool:
        """The job now ending was stopped by clearing the screen (its sound, if any, is saved all the same)."""
        return bool(self.job.job_id) and self.job.job_id == self.cleared_job

    def clear_for_next_group(self, notice: Text) -> None:
        """Stop the job in flight and forget the last sound's details; subclasses empty their typed fields.
        What was saved stays on disk; the model and the settings stay as they are."""
        self.cleared_job = self.job.job_id
        self.job.stop()
        self.result = None
        self.details.clear()
        self.status.show_notice(notice)

    def save_for_quit(self) -> None:
        self.job.stop()
