"""Text to speech: type, choose voice and speed, hear it; see the phonemes the voice was given."""
from __future__ import annotations

from PySide6.QtWidgets import QDoubleSpinBox, QPlainTextEdit, QSpinBox, QWidget

from desktop_app.audio.audio_generation_page import AudioGenerationPage
from desktop_app.controller import BackendController
from model_backend.audio.audio_types import GeneratedAudio, SpeakRequest
from model_backend.core.model_inspection import ModelKind
from model_backend.core.registry import ModelRegistry


class TextToSpeechPage(AudioGenerationPage):
    def __init__(self, controller: BackendController, registry: ModelRegistry, parent: QWidget | None = None) -> None:
        super().__init__(controller, registry, ModelKind.TEXT_TO_SPEECH, self.tr("Speak"), parent)
        self.text = QPlainTextEdit(self)
        self.text.setPlaceholderText(self.tr("Type what the voice should say."))
        self.text.setPlainText(self.tr("Generative models learn the patterns in their training data, "
                                       "and then produce new examples that follow those patterns."))
        self.speed = QDoubleSpinBox(self)
        self.speed.setRange(0.25, 4.0)
        self.speed.setSingleStep(0.1)
        self.speed.setValue(1.0)
        self.speed.setSuffix("×")
        self.speaker = QSpinBox(self)
        self.speaker.setRange(0, 999)
        self.speaker.setToolTip(self.tr("Voices trained on several speakers can speak as each of them."))
        self.seed.setToolTip(self.tr("Voices that sample noise (VITS, Bark) repeat exactly with the same seed."))
        self.form.addRow(self.tr("Text"), self.text)
        self.form.addRow(self.tr("Speed"), self.speed)
        self.form.addRow(self.tr("Speaker"), self.speaker)
        self.form.addRow(self.tr("Seed"), self.seed)
        self.model_picker.refresh()

    def build_request(self, model_id: str) -> SpeakRequest | None:
        text = self.text.toPlainText()
        if not text.strip():
            self.status.show_notice(self.tr("Type the text you want to hear."), error=True)
            return None
        return SpeakRequest(text, model_id, speed=self.speed.value(),
                            speaker=self.speaker.value() or None,
                            seed=self.seed_value())

    def no_model_message(self) -> str:
        return self.tr("No voice found: install the embedded Piper voice (the README's run command does) "
                       "or add a Piper or Hugging Face TTS folder.")

    def describe(self, audio: GeneratedAudio) -> tuple[str, str]:
        lines = [self.timing(audio)]
        phonemes = audio.settings.get("phonemes") or []
        if phonemes:
            lines.append(self.tr("What the voice was given — phonemes (IPA), one line per sentence:"))
            lines.extend(phonemes)
        if audio.seed is not None:
            lines.append(self.tr("Seed {seed}").format(seed=audio.seed))
        title = self.tr("Speech: “{text}”").format(text=audio.settings.get("text", "")[:80])
        return title, "\n".join(lines)
