"""Load and keep the audio models: one speech-to-text, one text-to-speech and one music model.

Each kind has its own engine: faster-whisper (CTranslate2) or transformers for Whisper, Piper or
Kokoro (ONNX Runtime) or transformers for speech, transformers for music. The engines that are not torch
pick their device themselves, so the reason shown to the user comes from here.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from threading import Event
from typing import Any

from model_backend.core.device import DeviceChoice, choose_device, release_memory
from model_backend.core.engines import Engine
from model_backend.core.errors import BackendError, ErrorKind, InvalidModelError, JobCancelled
from model_backend.core.jobs import ProgressFn
from model_backend.core.messages import msg
from model_backend.core.model_inspection import (
    FORMAT_NAMES,
    KIND_NAMES,
    ModelFormat,
    ModelKind,
    refuse_custom_code,
    refuse_pickled_weights,
)
from model_backend.core.registry import ModelEntry


@dataclass
class LoadedAudioModel:
    entry: ModelEntry
    engine: Engine
    model: Any
    device: DeviceChoice
    load_seconds: float
    folder: Path


def _ctranslate2_device(preference: str) -> tuple[DeviceChoice, str]:
    """CTranslate2 runs on CUDA or the CPU; it has no Apple GPU backend."""
    import ctranslate2

    preference = (preference or "auto").lower()
    try:
        cuda_count = ctranslate2.get_cuda_device_count()
    except Exception:  # noqa: BLE001 - a broken driver answers with an exception
        cuda_count = 0
    if preference in ("auto", "cuda") and cuda_count > 0:
        return DeviceChoice("cuda", "float16", msg("Whisper (CTranslate2) on the NVIDIA GPU")), "float16"
    if preference == "cuda":
        reason = msg("CUDA was chosen but CTranslate2 found no NVIDIA GPU; Whisper runs on the CPU (8-bit).")
    elif preference == "mps":
        reason = msg("CTranslate2 cannot use the Apple GPU; Whisper runs on the CPU (8-bit), faster than real time.")
    else:
        reason = msg("Whisper (CTranslate2) on the CPU with 8-bit weights")
    return DeviceChoice("cpu", "int8", reason), "int8"


def _onnx_device(preference: str) -> tuple[DeviceChoice, bool]:
    from model_backend.core.offline import quiet_onnxruntime

    onnxruntime = quiet_onnxruntime()
    preference = (preference or "auto").lower()
    has_cuda = "CUDAExecutionProvider" in onnxruntime.get_available_providers()
    if preference in ("auto", "cuda") and has_cuda:
        return DeviceChoice("cuda", "float32", msg("Piper voice (ONNX Runtime) on the NVIDIA GPU")), True
    if preference == "cuda":
        reason = msg("Piper voice (ONNX Runtime) on the CPU: this ONNX Runtime build cannot use CUDA")
    elif preference == "mps":
        reason = msg("Piper voice (ONNX Runtime) on the CPU: this ONNX Runtime build cannot use the Apple GPU")
    else:
        reason = msg("Piper voice (ONNX Runtime) on the CPU")
    return DeviceChoice("cpu", "float32", reason), False


def _load_faster_whisper(folder: Path, preference: str) -> tuple[Any, DeviceChoice]:
    from faster_whisper import WhisperModel

    choice, compute_type = _ctranslate2_device(preference)
    try:
        model = WhisperModel(str(folder), device=choice.device, compute_type=compute_type)
    except (RuntimeError, ValueError, OSError) as exc:
        raise InvalidModelError(
            msg("{name} could not be loaded as a CTranslate2 Whisper model: a file is missing or damaged "
                "(model.bin, config.json, tokenizer.json and vocabulary.txt are needed).", name=folder.name),
            details=repr(exc),
        ) from exc
    return model, choice


def _load_piper(folder: Path, preference: str) -> tuple[Any, DeviceChoice]:
    from model_backend.core.offline import quiet_onnxruntime

    quiet_onnxruntime()  # before piper imports ONNX Runtime: no telemetry (see core/offline.py)
    from piper import PiperVoice

    voices = sorted(folder.glob("*.onnx"))
    if len(voices) != 1:
        raise InvalidModelError(msg("{name} should hold exactly one .onnx voice; it holds {count}.", name=folder.name,
                                    count=len(voices)))
    config = voices[0].with_name(voices[0].name + ".json")
    if not config.is_file():
        raise InvalidModelError(msg("{name} has no {config} beside it: Piper needs both files.", name=voices[0].name,
                                    config=config.name))
    choice, use_cuda = _onnx_device(preference)
    try:
        return PiperVoice.load(str(voices[0]), config_path=str(config), use_cuda=use_cuda), choice
    except Exception as exc:  # noqa: BLE001 - onnxruntime raises its own exception types
        raise InvalidModelError(msg("{name} could not be loaded as a Piper voice: the file may be damaged.",
                                    name=voices[0].name), details=repr(exc)) from exc


def _load_transformers(kind: ModelKind, folder: Path, preference: str) -> tuple[Any, DeviceChoice]:
    import torch

    refuse_custom_code(folder)  # also checked when the model is listed; the folder may have changed since
    refuse_pickled_weights(folder)
    choice = choose_device(preference, torch)
    if kind is ModelKind.SPEECH_TO_TEXT:
        from model_backend.audio.hf_speech_to_text import load_whisper as load
    elif kind is ModelKind.TEXT_TO_SPEECH:
        from model_backend.audio.hf_text_to_speech import load_tts as load
    else:
        from model_backend.audio.hf_music import load_music as load
    if choice.device == "mps" and kind is ModelKind.MUSIC:
        choice = DeviceChoice("mps", "float32", msg("{reason} (float32: MusicGen's audio decoder needs it)",
                                                    reason=choice.reason))
    loaded = load(folder, choice.device, choice.torch_dtype(torch))
    if getattr(loaded, "kind", "") == "vits" and choice.dtype != "float32":  # the status bar tells the truth
        choice = DeviceChoice(choice.device, "float32", msg("{reason} (float32: VITS voices always run in it)",
                                                            reason=choice.reason))
    return loaded, choice


class AudioModelCache:
    """At most one model per audio kind; loading a different one frees the old one first."""

    def __init__(self, join_cache_dir: Path) -> None:
        self.join_cache_dir = Path(join_cache_dir)
        self._loaded: dict[ModelKind, LoadedAudioModel] = {}

    def loaded(self, kind: ModelKind) -> LoadedAudioModel | None:
        return self._loaded.get(kind)

    def get(self, entry: ModelEntry, kind: ModelKind, preference: str,
            progress: ProgressFn, cancel: Event) -> LoadedAudioModel:
        if entry.kind is not kind:
            raise InvalidModelError(msg("{name} is {kind}, not {wanted}.", name=entry.name, kind=KIND_NAMES[entry.kind],
                                        wanted=KIND_NAMES[kind]), kind=ErrorKind.WRONG_MODEL_KIND)
        current = self._loaded.get(kind)
        if current is not None and current.entry.model_id == entry.model_id and current.entry.path == entry.path \
                and preference in ("auto", current.device.device):
            return current
        self.unload(kind)
        if cancel.is_set():
            raise JobCancelled()
        started = time.perf_counter()
        folder = Path(entry.path)
        if entry.parts:
            from model_backend.audio.split_model import join_split_model

            folder = join_split_model(folder, entry.parts, self.join_cache_dir, progress, cancel)
        progress(None, msg("Loading {name}…", name=entry.name))
        if entry.format is ModelFormat.CTRANSLATE2:
            model, choice, engine = *_load_faster_whisper(folder, preference), Engine.FASTER_WHISPER
        elif entry.format is ModelFormat.ONNX_VOICE and entry.architecture == Engine.KOKORO:
            from model_backend.audio.kokoro_voice import load_kokoro

            model, choice, engine = *load_kokoro(folder, preference), Engine.KOKORO
        elif entry.format is ModelFormat.ONNX_VOICE:
            model, choice, engine = *_load_piper(folder, preference), Engine.PIPER
        elif entry.format is ModelFormat.HF_FOLDER:
            model, choice, engine = *_load_transformers(kind, folder, preference), Engine.TRANSFORMERS
        else:
            raise BackendError(ErrorKind.WRONG_MODEL_KIND, msg("{name} ({format}) cannot be used here.", name=entry.name,
                                                               format=FORMAT_NAMES[entry.format]))
        loaded = LoadedAudioModel(entry, engine, model, choice, time.perf_counter() - started, folder)
        self._loaded[kind] = loaded
        return loaded

    def unload(self, kind: ModelKind | None = None) -> None:
        kinds = [kind] if kind is not None else list(self._loaded)
        dropped = [self._loaded.pop(k) for k in kinds if k in self._loaded]
        if dropped:
            devices = {d.device.device for d in dropped if d.engine.uses_torch}
            del dropped
            release_memory(*devices)
