"""Text to music with MusicGen when one is on disk; otherwise it says what to get and how."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDoubleSpinBox, QLineEdit, QWidget

from desktop_app.audio.audio_generation_page import AudioGenerationPage
from desktop_app.controller import BackendController
from desktop_app.i18n.retranslate import Text, keep_translated, say
from desktop_app.presentation import mark_advanced
from model_backend.audio.audio_types import GeneratedAudio, MusicRequest
from model_backend.audio.music import MAX_DURATION
from model_backend.core.model_inspection import ModelKind
from model_backend.core.registry import ModelRegistry


class MusicPage(AudioGenerationPage):
    def __init__(self, controller: BackendController, registry: ModelRegistry, models_dir: Path,
                 parent: QWidget | None = None) -> None:
        super().__init__(controller, registry, ModelKind.MUSIC, parent)
        self.models_dir = Path(models_dir)
        self.prompt = QLineEdit(self)
        self.duration = QDoubleSpinBox(self)
        self.duration.setRange(0.5, MAX_DURATION)
        self.duration.setValue(5.0)
        self.guidance = QDoubleSpinBox(self)
        self.guidance.setRange(0.0, 15.0)
        self.guidance.setValue(3.0)
        for field in (self.prompt, self.duration, self.guidance, self.seed):
            self.add_row(field)
        mark_advanced(self.seed, self.form_labels[self.seed])
        self.model_picker.refresh()
        keep_translated(self, self._retranslate)

    def _retranslate(self) -> None:
        super()._retranslate()
        self.prompt.setPlaceholderText(self.tr("e.g. calm piano with soft rain, 80 bpm"))
        self.duration.setSuffix(self.tr(" s"))
        self.guidance.setToolTip(self.tr("Classifier-free guidance: higher follows the prompt more closely, "
                                         "lower is more varied."))
        for field, text in ((self.prompt, self.tr("Prompt")), (self.duration, self.tr("Duration")),
                            (self.guidance, self.tr("Guidance")), (self.seed, self.tr("Seed"))):
            self.form_labels[field].setText(text)

    def clear_for_next_group(self, notice: Text) -> None:
        super().clear_for_next_group(notice)
        self.prompt.clear()
        if not self.model_picker.current_model_id():  # still say what to get, after the cleared notice
            self.status.show_notice(lambda: " ".join([say(notice), self.no_model_message()]))

    def generate_label(self) -> str:
        return self.tr("Make music")

    def model_changed(self) -> None:
        super().model_changed()
        if not self.model_picker.current_model_id():
            self.status.show_notice(self.no_model_message)
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

    def describe(self, audio: GeneratedAudio) -> tuple[Text, str]:
        details = self.tr("{timing} · seed {seed}").format(timing=self.timing(audio), seed=audio.seed)
        prompt = audio.settings.get("prompt", "")
        return lambda: self.tr("Music: “{prompt}”").format(prompt=prompt), details
