"""Speech to text: open or record audio, transcribe or translate it with Whisper, see the log-mel
input the model reads, click a segment to hear it, export TXT / SRT / VTT.

Recordings go straight to a WAV file in the user's audio folder, so they are saved before they
are transcribed and survive an unplugged microphone or a crash.

The model and the language follow the UI's language until the student picks them: in Japanese the
multilingual Whisper with Japanese selected, in English the first model (Whisper tiny.en) and
automatic detection, as before.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.audio.audio_views import HeatmapView
from desktop_app.audio.segment_table import SegmentTable
from desktop_app.controller import BackendController
from desktop_app.i18n.languages import current_language
from desktop_app.i18n.retranslate import Text, keep_translated, say
from desktop_app.widgets.file_dialogs import choose_file_to_open, choose_file_to_save, save_export
from desktop_app.widgets.job_status import JobStatus, SingleJob
from desktop_app.widgets.model_picker import ModelPicker
from model_backend.audio.audio_io import AUDIO_EXTENSIONS, unique_file_name
from model_backend.audio.audio_types import Segment, TranscribeRequest, Transcript
from model_backend.audio.sound_devices import AudioDeviceError, Recorder, RecordingResult
from model_backend.audio.transcript_export import FORMATS, render
from model_backend.core.model_inspection import ModelKind
from model_backend.core.registry import ModelEntry, ModelRegistry, ModelSource

LEVEL_MS = 50


class SpeechToTextPage(QWidget):
    sound_chosen = Signal(str)  # a file to put on stage (opened or just recorded)
    play_requested = Signal(str, float)  # the transcribed file, and where in it

    def __init__(self, controller: BackendController, registry: ModelRegistry, audio_dir: Path,
                 input_device: Callable[[], int | None], record_unavailable: Callable[[], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.audio_dir = Path(audio_dir)
        self.input_device = input_device
        self.record_unavailable = record_unavailable
        self.audio_path = ""
        self.transcribed_path = ""  # the file the segments shown come from (another may be open now)
        self.transcript: Transcript | None = None
        self.recorder: Recorder | None = None
        self.model_picker = ModelPicker(registry, ModelKind.SPEECH_TO_TEXT, self)
        self.open_button = QPushButton(self)
        self.record_button = QPushButton(self)
        self.level = QProgressBar(self)
        self.level.setRange(0, 100)
        self.level.setTextVisible(False)
        self.level.setMaximumHeight(10)
        self.file_label = QLabel(self)
        self.file_label.setWordWrap(True)
        self.language = QComboBox(self)
        for code in self._language_names():
            self.language.addItem("", code)  # named by _retranslate; the data (Whisper's code) never changes
        self.task = QComboBox(self)
        self.task.addItem("", "transcribe")
        self.task.addItem("", "translate")
        self.transcribe_button = QPushButton(self)
        self.stop_button = QPushButton(self)
        self.status = JobStatus(self)
        self.job = SingleJob(controller, self.status, on_result=self.on_result, on_cancelled=self.on_cancelled,
                             on_partial=self.on_partial, parent=self)
        self.job.busy_changed.connect(self._update_buttons)
        self.segments = SegmentTable(self)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.export_buttons = {fmt: QPushButton(self) for fmt in FORMATS}
        self.log_mel = HeatmapView("", self)
        self.log_mel_caption = QLabel(self)
        self.log_mel_caption.setWordWrap(True)
        self.model_label, self.language_label, self.task_label = QLabel(self), QLabel(self), QLabel(self)
        self._build_layout()
        self.level_timer = QTimer(self)
        self.level_timer.setInterval(LEVEL_MS)
        self.level_timer.timeout.connect(self._poll_recorder)
        self.open_button.clicked.connect(self._choose_file)
        self.record_button.clicked.connect(self.toggle_recording)
        self.transcribe_button.clicked.connect(self.transcribe)
        self.stop_button.clicked.connect(self.job.stop)
        self.segments.play_requested.connect(self._play_transcribed)
        self.log_mel.seek_requested.connect(self._play_transcribed)
        for fmt, button in self.export_buttons.items():
            button.clicked.connect(lambda _=False, f=fmt: self._export_dialog(f))
        self.model_picker.refresh()
        self.cleared_job = ""  # a transcription stopped by clearing the screen: what it sends late is not shown
        # what the UI's language chose last (model, language); a choice of the student's is never overridden
        self.auto_model, self.auto_language = self.model_picker.current_model_id(), str(self.language.currentData())
        self.model_chosen = self.language_chosen = False
        self.model_picker.combo.currentIndexChanged.connect(self._on_model_picked)
        self.language.currentIndexChanged.connect(self._on_language_picked)
        self._update_buttons()
        keep_translated(self, self._retranslate)

    # ---- defaults that follow the UI's language ------------------------------------------------
    def _on_model_picked(self) -> None:
        if self.model_picker.current_model_id() != self.auto_model:
            self.model_chosen = True
        self._language_for_model()

    def _on_language_picked(self) -> None:
        if self.language.currentData() != self.auto_language:
            self.language_chosen = True

    @staticmethod
    def _multilingual(entries: list[ModelEntry]) -> ModelEntry | None:
        """The packaged multilingual Whisper (language ""), else a model known to hear Japanese."""
        shipped = [e for e in entries if e.language == "" and e.source in (ModelSource.PACKAGE, ModelSource.BUILTIN)]
        return next(iter(shipped or [e for e in entries if e.language == "ja"]), None)

    def follow_language(self) -> None:
        """Japanese UI: the multilingual Whisper, Japanese selected; English: the first model, detect automatically."""
        picker = self.model_picker
        if not self.model_chosen and picker.current_model_id() == self.auto_model:
            entry = self._multilingual(picker.entries) if current_language() == "ja" else next(iter(picker.entries), None)
            if entry is not None:
                self.auto_model = entry.model_id
                picker.combo.setCurrentIndex(picker.combo.findData(entry.model_id))
        self._language_for_model()

    def _language_for_model(self) -> None:
        """Japanese selected while the UI is in Japanese and the model hears it; unless the student chose."""
        if self.language_chosen or self.language.currentData() != self.auto_language:
            return
        current = self.model_picker.current_entry()
        hears_japanese = current is not None and current.language != "en"
        self.auto_language = "ja" if current_language() == "ja" and hears_japanese else ""
        self.language.setCurrentIndex(self.language.findData(self.auto_language))

    def _retranslate(self) -> None:
        self.follow_language()
        self.open_button.setText(self.tr("Open audio file…"))
        self.level.setToolTip(self.tr("Microphone level"))
        self._show_file_label()
        for index, name in enumerate(self._language_names().values()):
            self.language.setItemText(index, name)
        self.task.setItemText(0, self.tr("Transcribe (same language)"))
        self.task.setItemText(1, self.tr("Translate to English"))
        self.model_label.setText(self.tr("Model"))
        self.language_label.setText(self.tr("Language"))
        self.task_label.setText(self.tr("Task"))
        self.transcribe_button.setText(self.tr("Transcribe"))
        self.stop_button.setText(self.tr("Stop"))
        for fmt, button in self.export_buttons.items():
            button.setText(self.tr("Export {fmt}").format(fmt=fmt.upper()))
        self.log_mel.set_placeholder(self.tr("After transcribing: the log-mel spectrogram Whisper reads "
                                             "(80 frequency bands × 3000 frames = the first 30 s)."))
        self.log_mel.setToolTip(self.tr("Whisper never hears the waveform: it reads this picture of 30 seconds."))
        self.log_mel_caption.setText(self.tr("What Whisper reads: a log-mel spectrogram of 30 s "
                                             "(80 pitch bands, low at the bottom; shorter audio is padded with silence)."))
        self._show_details()
        self._update_buttons()  # the record button's text and why it is disabled

    def _show_file_label(self) -> None:
        if self.recorder is not None:
            self.file_label.setText(self.tr("Recording: {s:.1f} s").format(s=self.recorder.seconds))
        elif self.audio_path:
            self.file_label.setText(self.tr("Audio: {name}").format(name=Path(self.audio_path).name))
        else:
            self.file_label.setText(self.tr("No audio chosen."))

    def _format_names(self) -> dict[str, str]:
        """The export formats' names for a file dialog's filter."""
        return {"txt": self.tr("Plain text"), "srt": self.tr("SubRip subtitles"), "vtt": self.tr("WebVTT subtitles")}

    def _language_names(self) -> dict[str, str]:
        """The languages the menu offers (Whisper's codes), named in the app's language."""
        return {"": self.tr("Detect automatically"), "en": self.tr("English"), "ja": self.tr("Japanese"),
                "zh": self.tr("Chinese"), "ko": self.tr("Korean"), "fr": self.tr("French"), "de": self.tr("German"),
                "es": self.tr("Spanish"), "it": self.tr("Italian"), "pt": self.tr("Portuguese"),
                "nl": self.tr("Dutch"), "ru": self.tr("Russian"), "ar": self.tr("Arabic"), "hi": self.tr("Hindi")}

    def _build_layout(self) -> None:
        sources = QHBoxLayout()
        sources.addWidget(self.open_button)
        sources.addWidget(self.record_button)
        sources.addWidget(self.level, 1)
        form = QFormLayout()
        form.addRow(self.model_label, self.model_picker)
        form.addRow(self.language_label, self.language)
        form.addRow(self.task_label, self.task)
        run = QHBoxLayout()
        run.addWidget(self.transcribe_button)
        run.addWidget(self.stop_button)
        exports = QHBoxLayout()
        for button in self.export_buttons.values():
            exports.addWidget(button)
        exports.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(sources)
        layout.addWidget(self.file_label)
        layout.addLayout(form)
        layout.addLayout(run)
        layout.addWidget(self.status)
        layout.addWidget(self.segments, 3)
        layout.addWidget(self.details)
        layout.addLayout(exports)
        layout.addWidget(self.log_mel_caption)
        layout.addWidget(self.log_mel, 2)

    # ---- state ------------------------------------------------------------------------
    def show_notice(self, text: Text, error: bool = False) -> None:
        self.status.show_notice(text, error)

    def _update_buttons(self) -> None:
        busy = self.job.busy
        recording = self.recorder is not None
        self.transcribe_button.setEnabled(not busy and not recording and bool(self.audio_path))
        self.stop_button.setEnabled(busy)
        self.open_button.setEnabled(not recording)
        self.record_button.setText(self.tr("Stop recording") if recording else self.tr("Record"))
        reason = self.record_unavailable()
        self.record_button.setEnabled(recording or (not busy and not reason))
        self.record_button.setToolTip(reason)
        has_text = bool(self.segments.segments)  # a stopped transcription's segments can be exported too
        for button in self.export_buttons.values():
            button.setEnabled(has_text and not busy)

    def devices_changed(self) -> None:
        self._update_buttons()

    def set_audio(self, path: str) -> None:
        self.audio_path = path
        self._show_file_label()
        self._update_buttons()

    # ---- sources ------------------------------------------------------------------------
    @Slot()
    def _choose_file(self) -> None:
        patterns = " ".join(f"*{ext}" for ext in AUDIO_EXTENSIONS)
        path = choose_file_to_open(self, self.tr("Open audio"),
                                  self.tr("Audio files ({patterns});;All files (*)").format(patterns=patterns))
        if path:
            self.open_file(path)

    def open_file(self, path: str) -> None:
        self.set_audio(path)
        self.sound_chosen.emit(path)

    @Slot()
    def toggle_recording(self) -> bool:
        if self.recorder is not None:
            self.stop_recording()
            return True
        path = self.audio_dir / "recordings" / unique_file_name("recording")
        recorder = Recorder(path, device=self.input_device())
        try:
            recorder.start()
        except AudioDeviceError as exc:
            self.show_notice(exc.message, error=True)
            return False
        self.recorder = recorder
        self.level_timer.start()
        self.show_notice(lambda: self.tr("Recording… press Stop recording when done. It is saved as you speak."))
        self._update_buttons()
        return True

    def stop_recording(self) -> RecordingResult | None:
        recorder, self.recorder = self.recorder, None
        self.level_timer.stop()
        self.level.setValue(0)
        if recorder is None:
            return None
        result = recorder.stop()
        self._update_buttons()
        if result.seconds <= 0:
            self.show_notice(result.reason or (lambda: self.tr("Nothing was recorded.")), error=True)
            return result

        def recorded() -> str:
            sentences = [self.tr("Recorded {s:.1f} s, saved to {path}.").format(s=result.seconds, path=result.path)]
            if result.interrupted and result.reason:
                sentences.insert(0, say(result.reason))
            if result.clipped:
                sentences.append(self.tr("Some of it was too loud (clipped): move back from the microphone."))
            return " ".join(sentences)

        self.show_notice(recorded, error=result.interrupted)
        self.open_file(str(result.path))
        return result

    def _poll_recorder(self) -> None:
        if self.recorder is None:
            return
        self.level.setValue(int(min(1.0, self.recorder.level) * 100))
        self._show_file_label()
        if not self.recorder.is_recording:  # unplugged, or the length limit: keep what was recorded
            self.stop_recording()

    # ---- transcription -------------------------------------------------------------------
    @Slot()
    def transcribe(self) -> bool:
        if self.job.busy or not self.audio_path:
            return False
        model_id = self.model_picker.current_model_id()
        if not model_id:
            self.show_notice(lambda: self.tr("No speech-to-text model found: install the embedded Whisper packages "
                                             "(the README's run command does) or add a Whisper folder."), error=True)
            return False
        request = TranscribeRequest(self.audio_path, model_id, language=self.language.currentData(),
                                    task=self.task.currentData())
        self.transcript = None
        self.transcribed_path = self.audio_path
        self.segments.clear_segments()
        self.details.clear()
        self.log_mel.set_values(None)
        self.job.submit(request, lambda: self.tr("Transcribing…"))
        return True

    def _cleared(self) -> bool:
        """The job now sending was stopped by clearing the screen (a finished transcript is saved all the same)."""
        return bool(self.job.job_id) and self.job.job_id == self.cleared_job

    def on_partial(self, payload) -> None:
        if self._cleared():
            return
        if isinstance(payload, Segment):
            self.segments.add_segment(payload)

    def on_cancelled(self, partial) -> None:
        if self._cleared():
            return
        kept = len(partial or ())
        self.show_notice(lambda: self.tr("Stopped. The {n} segments found so far are kept above.").format(n=kept))

    def on_result(self, transcript: Transcript) -> None:
        if self._cleared():
            return
        self.transcript = transcript
        if len(self.segments.segments) != len(transcript.segments):
            self.segments.clear_segments()
            for segment in transcript.segments:
                self.segments.add_segment(segment)
        self._show_details()
        if transcript.log_mel is not None:
            self.log_mel.set_values(transcript.log_mel, duration=30.0)
        self.show_notice(lambda: self.tr("Done. Saved with your audio in {path}.").format(path=transcript.saved_path))

    def _show_details(self) -> None:
        """The last finished transcription's language, speed and notes, in the UI's language."""
        transcript = self.transcript
        if transcript is None:
            self.details.clear()
            return
        name = self._language_names().get(transcript.language, transcript.language)
        if transcript.language_probability is not None:
            language = self.tr("Language: {lang} ({p:.0%})").format(lang=name, p=transcript.language_probability)
        else:
            language = self.tr("Language: {lang}").format(lang=name)
        guesses = ", ".join(f"{code} {p:.0%}" for code, p in transcript.language_candidates[:3])
        if guesses:
            language = self.tr("{language} · the model's top guesses: {g}").format(language=language, g=guesses)
        speed = self.tr("{audio:.1f} s of audio in {work:.1f} s (real-time factor {rtf:.2f}) on {device} · {model}").format(
            audio=transcript.duration, work=transcript.seconds, rtf=transcript.real_time_factor,
            device=transcript.device, model=transcript.model_name)
        self.details.setText("\n".join([language, speed, *(say(note) for note in transcript.notes)]))

    def _play_transcribed(self, seconds: float) -> None:
        self.play_requested.emit(self.transcribed_path, seconds)

    # ---- export ------------------------------------------------------------------------------
    def _export_dialog(self, fmt: str) -> None:
        suggested = Path(self.transcribed_path).with_suffix(f".{fmt}").name
        path, _ = choose_file_to_save(self, self.tr("Export transcript"), suggested,
                                      f"{self._format_names().get(fmt, FORMATS[fmt])} (*.{fmt})")
        if path:
            self.export(fmt, path)

    def export(self, fmt: str, path: str) -> bool:
        ok, message = save_export(Path(path), render(self.segments.segments, fmt))
        if ok:  # said again after a language switch; a failure keeps the system's words as they were
            message = lambda: QCoreApplication.translate("Export", "Exported to {path}").format(path=path)  # noqa: E731
        self.show_notice(message, error=not ok)
        return ok

    def clear_for_next_group(self, notice: Text) -> None:
        """Stop a recording (its WAV is complete and stays) and the job in flight, then forget the audio,
        the segments, the details and the log-mel picture. The model, language and task stay."""
        if self.recorder is not None:
            self.stop_recording()
        self.cleared_job = self.job.job_id
        self.job.stop()
        self.audio_path = self.transcribed_path = ""
        self.transcript = None
        self.segments.clear_segments()
        self.details.clear()
        self.log_mel.set_values(None)
        self._show_file_label()
        self._update_buttons()
        self.show_notice(notice)

    def save_for_quit(self) -> None:
        """Close a running recording cleanly (the WAV is complete) and stop the job."""
        if self.recorder is not None:
            self.stop_recording()
        self.job.stop()
