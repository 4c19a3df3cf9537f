"""Text-to-speech with Hugging Face ``transformers`` voices (Qt-free).

VITS (and so every MMS voice) is run directly, because its ``speaking_rate`` and its sampled noise
are what the app shows students (speed and seed). SpeechT5 needs a separate HiFi-GAN vocoder folder
and a speaker embedding; Bark and other text-to-audio models go through the generic ``transformers``
"text-to-audio" pipeline. Long text is spoken sentence by sentence, so progress and Stop work per
sentence. torch/transformers are imported inside functions only.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from threading import Event
from typing import Any

import numpy as np

from model_backend.core.errors import BackendError, ErrorKind, JobCancelled
from model_backend.core.jobs import ProgressFn
from model_backend.core.messages import msg

PAUSE_SECONDS = 0.25  # silence between sentences at speed 1
MAX_SENTENCE_CHARS = 300  # longer "sentences" are cut at commas/spaces (SpeechT5 and Bark have short limits)
SPEAKER_EMBEDDING_FILES = ("speaker_embeddings.npy", "speaker_embedding.npy", "speaker.npy")
VOCODER_REPO = "microsoft/speecht5_hifigan"  # the vocoder every SpeechT5 voice was trained with


@dataclass
class LoadedHFTTS:
    kind: str  # "vits" | "speecht5" | "pipeline"
    model: Any
    tokenizer: Any  # tokenizer or processor
    sample_rate: int
    device: str
    name: str
    vocoder: Any = None  # SpeechT5 only
    speaker_embedding: Any = None  # SpeechT5 only: torch tensor (1, 512)
    load_notes: list[str] = field(default_factory=list)  # facts about the voice, found when loading

    @property
    def supports_speed(self) -> bool:
        return self.kind == "vits" or (self.kind == "pipeline" and self.model.model.config.model_type == "vits")




def _read_config(folder: Path) -> dict:
    try:
        return json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackendError(ErrorKind.INVALID_MODEL, msg("{name}: config.json is missing or damaged.", name=folder.name),
                           repr(exc)) from exc


def _need_tokenizer(folder: Path) -> None:
    names = ("tokenizer.json", "vocab.json", "spm_char.model", "spiece.model", "tokenizer.model", "vocab.txt")
    if not any((folder / n).exists() for n in names):
        raise BackendError(ErrorKind.INVALID_MODEL,
                           msg("{name}: the tokenizer files are missing (vocab.json or tokenizer.json), so the "
                               "voice cannot read text. Copy the whole model folder again.", name=folder.name))


def load_tts(folder: Path, device: str, dtype) -> LoadedHFTTS:
    """Load a text-to-speech folder; never downloads. VITS always runs in float32 (its flows are
    numerically touchy in half precision, and MMS voices are small)."""
    folder = Path(folder)
    config = _read_config(folder)
    model_type = str(config.get("model_type", ""))
    names = " ".join(config.get("architectures") or [])
    _need_tokenizer(folder)
    if model_type == "vits" or "Vits" in names:
        return _load_vits(folder, device)
    if model_type == "speecht5" or "SpeechT5ForTextToSpeech" in names:
        return _load_speecht5(folder, device, dtype)
    return load_tts_pipeline(folder, device, dtype)


def _load_vits(folder: Path, device: str) -> LoadedHFTTS:
    import torch
    from transformers import AutoTokenizer, VitsModel
    from transformers.utils import is_phonemizer_available, is_uroman_available

    try:
        tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
        model = VitsModel.from_pretrained(folder, dtype=torch.float32, local_files_only=True)
    except Exception as exc:
        raise BackendError(ErrorKind.INVALID_MODEL, msg("{name}: the VITS voice could not be loaded.",
                                                        name=folder.name), repr(exc)) from exc
    if getattr(tokenizer, "phonemize", False) and not is_phonemizer_available():
        raise BackendError(ErrorKind.INVALID_MODEL,
                           msg("{name} turns text into phonemes first, which needs the 'phonemizer' Python "
                               "package and espeak-ng; neither is installed. MMS voices (facebook/mms-tts-*) work "
                               "without them.", name=folder.name))
    loaded = LoadedHFTTS("vits", model.to(device).eval(), tokenizer, int(model.config.sampling_rate), device,
                         folder.name)
    if getattr(tokenizer, "is_uroman", False) and not is_uroman_available():
        loaded.load_notes.append(msg("This voice expects Latin letters; text in other scripts is skipped because "
                                     "the 'uroman' romaniser is not installed."))
    return loaded


def _find_vocoder(folder: Path) -> Path | None:
    """A SpeechT5 HiFi-GAN folder: ``vocoder/`` inside the model, a sibling folder of that type, or
    microsoft/speecht5_hifigan in the Hugging Face cache (a voice downloaded there has only its own
    snapshots beside it)."""
    from model_backend.core.registry import default_hf_cache_dir, hf_cache_snapshot

    try:
        siblings = sorted(p for p in folder.parent.iterdir() if p.is_dir() and p != folder)
    except OSError:
        siblings = []
    cached = hf_cache_snapshot(default_hf_cache_dir(), VOCODER_REPO)
    for candidate in [folder / "vocoder", *siblings, *([cached] if cached else [])]:
        try:
            config = json.loads((candidate / "config.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if config.get("model_type") == "speecht5_hifigan" or "SpeechT5HifiGan" in (config.get("architectures") or []):
            return candidate
    return None


def _load_speecht5(folder: Path, device: str, dtype) -> LoadedHFTTS:
    import torch
    from transformers import SpeechT5ForTextToSpeech, SpeechT5HifiGan, SpeechT5Processor

    vocoder_dir = _find_vocoder(folder)
    if vocoder_dir is None:
        raise BackendError(ErrorKind.INVALID_MODEL,
                           msg("{name} is a SpeechT5 voice: it makes spectrograms and needs the HiFi-GAN "
                               "vocoder ({vocoder}) to turn them into sound. Put that model in a 'vocoder' folder "
                               "inside {name}, next to it, or in the Hugging Face cache, and try again.",
                               name=folder.name, vocoder=VOCODER_REPO))
    try:
        processor = SpeechT5Processor.from_pretrained(folder, local_files_only=True)
        model = SpeechT5ForTextToSpeech.from_pretrained(folder, dtype=dtype, local_files_only=True)
        vocoder = SpeechT5HifiGan.from_pretrained(vocoder_dir, dtype=dtype, local_files_only=True)
    except Exception as exc:
        raise BackendError(ErrorKind.INVALID_MODEL, msg("{name}: the SpeechT5 voice could not be loaded.",
                                                        name=folder.name), repr(exc)) from exc
    loaded = LoadedHFTTS("speecht5", model.to(device).eval(), processor, int(vocoder.config.sampling_rate), device,
                         folder.name, vocoder=vocoder.to(device).eval())
    size = int(model.config.speaker_embedding_dim)
    found = next((folder / n for n in SPEAKER_EMBEDDING_FILES if (folder / n).exists()), None)
    vector = np.load(found).astype(np.float32).reshape(-1) if found else np.zeros(size, np.float32)
    if vector.size != size:
        raise BackendError(ErrorKind.INVALID_MODEL,
                           msg("{name} holds {count} numbers; this voice needs {size}.", name=found.name,
                               count=vector.size, size=size))
    if found is None:
        loaded.load_notes.append(msg("No speaker embedding ({file}) in the folder: using a neutral one.",
                                     file=SPEAKER_EMBEDDING_FILES[0]))
    loaded.speaker_embedding = torch.from_numpy(vector)[None].to(device, dtype)
    return loaded


def load_tts_pipeline(folder: Path, device: str, dtype) -> LoadedHFTTS:
    """Bark and other text-to-audio models through ``transformers.pipeline``. We load the parts
    ourselves with local_files_only (the pipeline factory cannot pass that flag in transformers 5)."""
    from transformers import AutoModelForTextToWaveform, AutoProcessor, AutoTokenizer, pipeline

    folder = Path(folder)
    try:
        model = AutoModelForTextToWaveform.from_pretrained(folder, dtype=dtype,
                                                           local_files_only=True)
        try:
            processor = AutoProcessor.from_pretrained(folder, local_files_only=True)
        except Exception:
            processor = None
        tokenizer = getattr(processor, "tokenizer", None) or AutoTokenizer.from_pretrained(folder,
                                                                                          local_files_only=True)
        extra = {"processor": processor} if processor is not None and processor is not tokenizer else {}
        pipe = pipeline("text-to-audio", model=model.to(device).eval(), tokenizer=tokenizer, device=device, **extra)
    except Exception as exc:
        raise BackendError(ErrorKind.INVALID_MODEL,
                           msg("{name}: transformers cannot run this model as text-to-speech offline.",
                               name=folder.name), repr(exc)) from exc
    return LoadedHFTTS("pipeline", pipe, None, int(pipe.sampling_rate or 24_000), device, folder.name)


def split_sentences(text: str) -> list[str]:
    """Sentences (after . ! ? and line breaks), with over-long ones cut at commas or spaces."""
    pieces = re.split(r"(?<=[.!?。！？;:])\s+|\n+", text.strip())
    sentences: list[str] = []
    for piece in (p.strip() for p in pieces):
        while len(piece) > MAX_SENTENCE_CHARS:
            cut = max(piece.rfind(", ", 0, MAX_SENTENCE_CHARS), piece.rfind(" ", 0, MAX_SENTENCE_CHARS))
            cut = cut if cut > 0 else MAX_SENTENCE_CHARS
            sentences.append(piece[:cut + 1].strip())
            piece = piece[cut + 1:].strip()
        if piece:
            sentences.append(piece)
    return sentences


def _speak_one(loaded: LoadedHFTTS, sentence: str, speed: float, speaker: int | None) -> np.ndarray | None:
    """One sentence to float32 samples, or None when the voice has nothing to say for it."""
    import torch

    with torch.no_grad():
        if loaded.kind == "vits":
            inputs = loaded.tokenizer(sentence, return_tensors="pt").to(loaded.device)
            if inputs["input_ids"].shape[-1] <= 1:  # only the blank: no character this voice knows
                return None
            speaker_id = speaker if speaker is not None and loaded.model.config.num_speakers > 1 else None
            wave = loaded.model(**inputs, speaking_rate=float(speed), speaker_id=speaker_id).waveform[0]
        elif loaded.kind == "speecht5":
            inputs = loaded.tokenizer(text=sentence, return_tensors="pt").to(loaded.device)
            wave = loaded.model.generate_speech(inputs["input_ids"], loaded.speaker_embedding, vocoder=loaded.vocoder)
        else:
            params = {"speaking_rate": float(speed)} if loaded.supports_speed else {}
            output = loaded.model(sentence, forward_params=params)
            return np.asarray(output["audio"], dtype=np.float32).reshape(-1)
    return wave.detach().float().cpu().numpy().reshape(-1)


def synthesize_hf(loaded: LoadedHFTTS, text: str, speed: float, seed: int | None, progress: ProgressFn,
                  cancel: Event, speaker: int | None = None) -> tuple[np.ndarray, int, list[str]]:
    """Speak ``text`` sentence by sentence; returns (float32 mono samples in [-1, 1], sample rate,
    notes: facts about the voice and settings it ignored).

    ``seed`` re-seeds torch before each sentence (seed + index), so the same text, seed and speed
    give the same audio. Stop is honoured between sentences; what was spoken is dropped, as Piper's is
    (the app saves only whole results).
    """
    import torch

    sentences = split_sentences(text or "")
    if not sentences:
        raise BackendError(ErrorKind.EMPTY_PROMPT, msg("Type some text to speak first."))
    speed = float(speed) if speed and speed > 0 else 1.0
    notes = list(loaded.load_notes)
    if speed != 1.0 and not loaded.supports_speed:
        notes.append(msg("This kind of voice cannot change its speed; the speed setting was ignored."))
    rate = loaded.sample_rate
    pause = np.zeros(int(rate * PAUSE_SECONDS / speed), dtype=np.float32)
    parts: list[np.ndarray] = []
    for index, sentence in enumerate(sentences):
        if cancel.is_set():
            raise JobCancelled()
        progress(index / len(sentences), msg("Speaking sentence {number} of {total}", number=index + 1,
                                             total=len(sentences)))
        if seed is not None:
            torch.manual_seed(int(seed) + index)
        wave = _speak_one(loaded, sentence, speed, speaker)
        if wave is None or wave.size == 0:
            continue
        if parts:
            parts.append(pause)
        parts.append(wave)
    if not parts:
        raise BackendError(ErrorKind.INVALID_INPUT,
                           msg("{name} cannot pronounce any of these characters (it may be a voice for "
                               "another language or script).", name=loaded.name))
    progress(1.0, msg("Spoke {count} sentence(s)", count=len(sentences)))
    return np.clip(np.concatenate(parts), -1.0, 1.0).astype(np.float32), rate, notes
