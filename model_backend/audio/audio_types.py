"""Requests and results of the audio jobs (speech-to-text, text-to-speech, text-to-music).

Samples always travel as mono float32 numpy arrays in [-1, 1] with their sample rate, so every
view (waveform, spectrogram, player) and every model runner speaks the same format.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from model_backend.core.jobs import new_job_id

TASKS = ("transcribe", "translate")


@dataclass(frozen=True)
class Segment:
    """One stretch of speech with its timing, as Whisper reports it."""

    start: float  # seconds
    end: float
    text: str
    avg_logprob: float | None = None
    no_speech_prob: float | None = None


@dataclass(frozen=True)
class TranscribeRequest:
    audio_path: str  # read from disk: recordings are saved before they are transcribed
    model_id: str
    language: str = ""  # "" = detect
    task: str = "transcribe"  # or "translate" (to English)
    beam_size: int = 5
    device: str = "auto"
    job_id: str = field(default_factory=new_job_id)


@dataclass(frozen=True)
class Transcript:
    segments: tuple[Segment, ...]
    language: str
    language_probability: float | None
    duration: float  # seconds of audio
    seconds: float  # wall time of the job
    model_name: str
    device: str
    audio_path: str
    log_mel: Any = None  # numpy (n_mels, frames) of the first 30 s: what the model "sees"
    language_candidates: tuple[tuple[str, float], ...] = ()  # the detector's top guesses, best first
    saved_path: str = ""  # the transcript JSON kept in the user's audio folder
    notes: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return " ".join(s.text.strip() for s in self.segments).strip()

    @property
    def real_time_factor(self) -> float:
        """Seconds of work per second of audio: below 1 is faster than real time."""
        return self.seconds / self.duration if self.duration > 0 else 0.0


@dataclass(frozen=True)
class SpeakRequest:
    text: str
    model_id: str
    speed: float = 1.0  # 1 = the voice's natural pace; 2 = twice as fast
    speaker: int | None = None  # multi-speaker voices
    seed: int | None = None  # sampling voices (VITS noise, Bark)
    device: str = "auto"
    job_id: str = field(default_factory=new_job_id)


@dataclass(frozen=True)
class MusicRequest:
    prompt: str
    model_id: str
    duration: float = 5.0  # seconds of audio to make
    guidance: float = 3.0  # classifier-free guidance scale
    seed: int | None = None
    device: str = "auto"
    job_id: str = field(default_factory=new_job_id)


@dataclass(frozen=True)
class GeneratedAudio:
    """Synthesised speech or music, already saved as a WAV in the user's audio folder."""

    samples: Any  # numpy float32 mono
    sample_rate: int
    path: str
    seconds: float  # wall time of the job
    model_name: str
    device: str
    settings: dict
    seed: int | None = None
    notes: tuple[str, ...] = ()

    @property
    def duration(self) -> float:
        return len(self.samples) / self.sample_rate if self.sample_rate else 0.0

    @property
    def real_time_factor(self) -> float:
        return self.seconds / self.duration if self.duration > 0 else 0.0
