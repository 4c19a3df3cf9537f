"""The Audio tab: speech to text, text to speech and text to music, around one "stage" that shows
and plays whatever sound is current (opened, recorded or generated)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from desktop_app.audio.audio_device_panel import AudioDevicePanel
from desktop_app.audio.audio_loader import AudioLoader, LoadedSound
from desktop_app.audio.music_page import MusicPage
from desktop_app.audio.sound_stage import SoundStage
from desktop_app.audio.speech_to_text_page import SpeechToTextPage
from desktop_app.audio.text_to_speech_page import TextToSpeechPage
from desktop_app.controller import BackendController
from desktop_app.i18n.retranslate import Text, keep_translated, say
from desktop_app.presentation import mark_advanced
from desktop_app.widgets.scrolling import scrolling
from model_backend.audio.audio_types import GeneratedAudio
from model_backend.core.paths import AppPaths
from model_backend.core.registry import ModelRegistry


class AudioTab(QWidget):
    def __init__(self, controller: BackendController, registry: ModelRegistry, paths: AppPaths,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.start_after_load: float | None = None  # a segment asked to play from here once its file is back
        self.title_before_load: Text = ""
        self._build_parts(controller, registry, paths)
        self._lay_out()
        self._connect()
        self._mark_advanced()
        keep_translated(self, self._retranslate)

    def _retranslate(self) -> None:
        for page, text in ((self.speech_to_text, self.tr("Speech to text")),
                           (self.text_to_speech, self.tr("Text to speech")), (self.music, self.tr("Text to music"))):
            self.pages.setTabText(self.pages.indexOf(page), text)
        if self.devices.availability is not None:  # the reasons a button gives, in the new language
            self._on_devices_changed()

    # ---- building (the same three steps in every tab: parts, layout, connections) --------------
    def _build_parts(self, controller: BackendController, registry: ModelRegistry, paths: AppPaths) -> None:
        self.devices = AudioDevicePanel(self)
        self.stage = SoundStage(self)
        self.loader = AudioLoader(self)
        self.speech_to_text = SpeechToTextPage(controller, registry, paths.audio_dir, self.devices.input_device,
                                               self.devices.record_unavailable_reason, self)
        self.text_to_speech = TextToSpeechPage(controller, registry, self)
        self.music = MusicPage(controller, registry, paths.models_dir, self)

    def _lay_out(self) -> None:
        self.pages = QTabWidget(self)
        for page in (self.speech_to_text, self.text_to_speech, self.music):
            self.pages.addTab(page, "")  # named by _retranslate
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.devices)
        right_layout.addWidget(self.stage, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        # the forms are long at 200 %: they scroll up and down, the stage stays
        splitter.addWidget(scrolling(self.pages, self, vertical_only=True))
        splitter.addWidget(right)
        splitter.setSizes([620, 580])
        QVBoxLayout(self).addWidget(splitter)

    def _mark_advanced(self) -> None:
        """What a student watching the projector does not need: presentation mode hides these. The device
        panel's reason (why recording or playback is unavailable) stays."""
        devices, stt, tts = self.devices, self.speech_to_text, self.text_to_speech
        mark_advanced(devices.input_label, devices.input_combo, devices.output_label, devices.output_combo,
                      devices.refresh_button, *stt.export_buttons.values(), self.stage.save_button,
                      tts.speaker, tts.form_labels[tts.speaker], tts.seed, tts.form_labels[tts.seed])
        for page in (stt, tts, self.music):
            mark_advanced(page.model_picker.add_button, page.model_picker.refresh_button)
        for page in (tts, self.music):
            mark_advanced(page.autoplay)

    def _connect(self) -> None:
        self.devices.changed.connect(self._on_devices_changed)
        self.speech_to_text.sound_chosen.connect(self.show_file)
        self.speech_to_text.play_requested.connect(self.play_segment)
        self.text_to_speech.sound_ready.connect(self.show_generated)
        self.music.sound_ready.connect(self.show_generated)
        self.loader.loaded.connect(self._on_loaded)
        self.loader.failed.connect(self._on_load_failed)
        self.stage.transcribe_requested.connect(self.transcribe_sound)

    @property
    def model_picker(self):
        """The model picker of the page in front (every tab offers one to the Models menu)."""
        return self.pages.currentWidget().model_picker

    def showEvent(self, event) -> None:
        """Probe the sound system the first time the tab is shown, not at start-up: loading PortAudio
        and listing devices takes from milliseconds to a second (USB, Bluetooth) and most lessons
        never open this tab."""
        super().showEvent(event)
        QTimer.singleShot(0, self.devices.refresh_if_unchecked)

    @Slot()
    def _on_devices_changed(self) -> None:
        self.stage.set_output(self.devices.output_device(), self.devices.play_unavailable_reason())
        self.speech_to_text.devices_changed()

    @Slot(str)
    def show_file(self, path: str) -> None:
        self.start_after_load = None
        if not self.loader.busy:
            self.title_before_load = self.stage.title_text
        self.stage.set_title(lambda name=Path(path).name: self.tr("Opening {name}…").format(name=name))
        self.loader.load(path)

    @Slot(str, float)
    def play_segment(self, path: str, seconds: float) -> None:
        """Play a transcribed file from ``seconds``; put it back on stage first if another sound took its place."""
        if path == self.stage.path:
            self.stage.play_from(seconds)
        elif path:
            self.show_file(path)
            self.start_after_load = seconds

    def _on_load_failed(self, message) -> None:
        self.start_after_load = None
        self.stage.set_title(self.title_before_load)  # the stage still holds the sound it had
        self.speech_to_text.show_notice(message, error=True)

    def _on_loaded(self, sound: LoadedSound) -> None:
        clip = sound.clip
        name, channels, rate, notes = Path(clip.path).name, clip.source_channels, clip.source_rate, clip.notes()

        def title() -> str:
            about = self.tr("{name} · {channels} channel(s) · {rate} Hz").format(name=name, channels=channels, rate=rate)
            return "\n".join([about, " ".join(say(note) for note in notes)]).strip()

        self.stage.set_sound(clip.samples, clip.sample_rate, title, clip.path, spectrogram_db=sound.spectrogram_db)
        start, self.start_after_load = self.start_after_load, None
        if start is not None:
            self.stage.play_from(start)

    @Slot(object, object, bool)
    def show_generated(self, audio: GeneratedAudio, title: Text, play: bool) -> None:
        self.loader.discard_pending()  # a file still being opened must not replace the new sound
        self.start_after_load = None
        self.stage.set_sound(audio.samples, audio.sample_rate, title, audio.path)
        if play and not self.stage.play_unavailable_reason:
            self.stage.play_from(0.0)

    @Slot(str)
    def transcribe_sound(self, path: str) -> bool:
        """The sound on stage (a generated voice, a recording, an opened file) back into text."""
        self.pages.setCurrentWidget(self.speech_to_text)
        self.speech_to_text.set_audio(path)
        return self.speech_to_text.transcribe()

    @Slot()
    def clear_for_next_group(self) -> None:
        """Empty the screen for the next group: typed text and prompts, the transcript, its segments and
        log-mel picture, and the sound on stage. A recording is finished and a job in flight stopped first;
        every recording, transcript and generated sound stays saved in the audio folder, and the models and
        settings stay as they are."""
        def notice() -> str:
            return self.tr("Cleared for the next group. Recordings, transcripts and generated sounds stay saved in "
                           "your audio folder: open one with Open audio file… to see it again.")

        for page in (self.speech_to_text, self.text_to_speech, self.music):
            page.clear_for_next_group(notice)
        self.loader.discard_pending()  # a recording just finished is not put on stage
        self.start_after_load = None
        self.title_before_load = ""
        self.stage.clear()

    def save_for_quit(self) -> None:
        self.stage.stop()
        self.speech_to_text.save_for_quit()
        self.text_to_speech.save_for_quit()
        self.music.save_for_quit()
        self.loader.discard_pending()  # never wait for a file being opened: nothing of it needs saving
