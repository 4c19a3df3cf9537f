"""Text to music with MusicGen when one is on disk; otherwise it says what to get and how."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDoubleSpinBox, QLineEdit, QWidget

from desktop_app.audio.audio_generation_page import AudioGenerationPage
from desktop_app.controller import BackendController
from model_backend.audio.audio_types import GeneratedAudio, MusicRequest
from model_backend.audio.music import MAX_DURATION
from model_backend.core.model_inspection import ModelKind
from model_backend.core.registry import ModelRegistry


class MusicPage(AudioGenerationPage):
    def __init__(self, controller: BackendController, registry: ModelRegistry, models_dir: Path,
                 parent: QWidget | None = None) -> None:
        super().__init__(controller, registry, ModelKind.MUSIC, self.tr("Make music"), parent)
        self.models_dir = Path(models_dir)
        self.prompt = QLineEdit(self)
        self.prompt.setPlaceholderText(self.tr("e.g. calm piano with soft rain, 80 bpm"))
        self.duration = QDoubleSpinBox(self)
        self.duration.setRange(0.5, MAX_DURATION)
        self.duration.setValue(5.0)
        self.duration.setSuffix(self.tr(" s"))
        self.guidance = QDoubleSpinBox(self)
        self.guidance.setRange(0.0, 15.0)
        self.guidance.setValue(3.0)
        self.guidance.setToolTip(self.tr("Classifier-free guidance: higher follows the prompt more closely, "
                                         "lower is more varied."))
        self.form.addRow(self.tr("Prompt"), self.prompt)
        self.form.addRow(self.tr("Duration"), self.duration)
        self.form.addRow(self.tr("Guidance"), self.guidance)
        self.form.addRow(self.tr("Seed"), self.seed)
        self.model_picker.refresh()

    def model_changed(self) -> None:
        super().model_changed()
        if not self.model_picker.current_model_id():
            self.status.show_notice(self.no_model_message())
        elif self.status.text() == self.no_model_message():
            self.status.show_notice("")

    def no_model_message(self) -> str:
        return self.tr(
            "No music model is on this computer yet. Download one once, on a machine with internet, e.g. "
            "facebook/musicgen-small (about 2.4 GB): `hf download facebook/musicgen-small` puts it in "
            "the Hugging Face cache, which the app reads; or copy its folder into your models folder ({models_dir}). "
            "Then press Rescan.").format(models_dir=self.models_dir)

    def build_request(self, model_id: str) -> MusicRequest:
        return MusicRequest(self.prompt.text(), model_id, duration=self.duration.value(),
                            guidance=self.guidance.value(),
                            seed=self.seed_value())

    def describe(self, audio: GeneratedAudio) -> tuple[str, str]:
        details = self.timing(audio) + " · " + self.tr("seed {seed}").format(seed=audio.seed)
        return self.tr("Music: “{prompt}”").format(prompt=audio.settings.get("prompt", "")), details
