"""Load a chat model: GGUF files on llama.cpp, Hugging Face folders on transformers.

``ChatModelCache`` keeps the one loaded model, so switching conversations costs nothing and
switching models frees the previous one first. Remote code is never run. A GGUF file runs on
llama.cpp in-process (no conversion, 7–8× faster on a laptop CPU); where llama.cpp cannot run (a CPU
without AVX2, the package missing) it is converted once and run on transformers, and the status bar
says why. Both kinds of loaded model answer ``run_chat`` and ``preview_prompt`` the same way.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from threading import Event
from typing import Any

from model_backend.chat.gguf_conversion import cache_folder_for, convert_gguf, is_complete
from model_backend.chat.sampling_defaults import SamplingDefaults, recommended_sampling
from model_backend.core.device import DeviceChoice, choose_device, release_memory
from model_backend.core.engines import Engine
from model_backend.core.errors import ErrorKind, InvalidModelError, JobCancelled, is_out_of_memory
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

DEFAULT_CONTEXT = 2048


@dataclass
class LoadedChatModel:
    entry: ModelEntry
    model: Any
    tokenizer: Any
    device: DeviceChoice
    context_length: int
    load_seconds: float
    converted_now: bool = False
    engine: Engine = Engine.TRANSFORMERS
    # what the model's makers recommend: its generation_config.json, or the GGUF file's metadata when converted
    sampling_defaults: SamplingDefaults = field(default_factory=SamplingDefaults)

    @property
    def has_chat_template(self) -> bool:
        return bool(getattr(self.tokenizer, "chat_template", None))

    def run_chat(self, request, emit, cancel: Event, progress: ProgressFn | None = None):
        from model_backend.chat.chat_runner import run_chat

        return run_chat(request, self, emit, cancel)

    def preview_prompt(self, conversation, raw: bool = False):
        from model_backend.chat.chat_runner import preview_prompt

        return preview_prompt(self, conversation, raw)

    def close(self) -> None:
        """Nothing to end: torch frees the weights when the last reference goes."""


def context_length_of(config: Any, tokenizer: Any) -> int:
    for name in ("max_position_embeddings", "n_positions", "max_sequence_length", "seq_length"):
        value = getattr(config, name, None)
        if isinstance(value, int) and value > 0:
            return value
    value = getattr(tokenizer, "model_max_length", None)
    if isinstance(value, int) and 0 < value < 1_000_000:
        return value
    return DEFAULT_CONTEXT


def _check_supported(folder: Path) -> None:
    """Refuse models that would need ``trust_remote_code`` before touching their weights."""
    from transformers import AutoConfig
    from transformers.models.auto.modeling_auto import MODEL_FOR_CAUSAL_LM_MAPPING_NAMES

    refuse_custom_code(folder)  # also checked when the model is listed; the folder may have changed since
    refuse_pickled_weights(folder)
    try:
        config = AutoConfig.from_pretrained(folder, local_files_only=True, trust_remote_code=False)
    except ValueError as exc:
        raise InvalidModelError(
            msg("{name} needs custom code to run (trust_remote_code), which this app never runs for safety, or its "
                "model type is unknown to the installed transformers.", name=folder.name),
            details=repr(exc),
        ) from exc
    if config.model_type not in MODEL_FOR_CAUSAL_LM_MAPPING_NAMES:
        raise InvalidModelError(
            msg("{name} is a '{model_type}' model, which cannot generate text.", name=folder.name,
                model_type=config.model_type),
            kind=ErrorKind.WRONG_MODEL_KIND,
        )


def _load_hf_folder(folder: Path, device: DeviceChoice, progress: ProgressFn, cancel: Event, start: float):
    """Load tokenizer and weights; progress runs from ``start`` to 1 (a conversion may have used the rest)."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    def step(fraction: float, message: str) -> None:
        progress(start + (1.0 - start) * fraction, message)

    if cancel.is_set():  # importing torch/transformers above can take seconds
        raise JobCancelled()
    _check_supported(folder)
    step(0.1, msg("Reading the tokenizer"))
    try:
        tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True, trust_remote_code=False)
    except Exception as exc:  # tokenizers, sentencepiece and transformers each raise their own types
        raise InvalidModelError(
            msg("{name}: its tokenizer could not be read. Its tokenizer files are damaged, or of a kind the installed "
                "transformers cannot read without running code from the folder.", name=folder.name),
            details=repr(exc),
        ) from exc
    if cancel.is_set():
        raise JobCancelled()
    step(0.3, msg("Loading the weights"))
    has_safetensors = any(folder.glob("*.safetensors"))
    try:
        model = AutoModelForCausalLM.from_pretrained(
            folder,
            dtype=device.torch_dtype(torch),
            local_files_only=True,
            trust_remote_code=False,
            use_safetensors=True if has_safetensors else None,
        )
    except Exception as exc:  # safetensors, torch and transformers each raise their own types
        if is_out_of_memory(exc):
            raise
        raise InvalidModelError(
            msg("{name} could not be loaded: its weight files are damaged or incomplete. Download or copy the model "
                "again.", name=folder.name),
            details=repr(exc),
        ) from exc
    if cancel.is_set():
        raise JobCancelled()
    step(0.9, msg("Moving the model to {device}", device=device.device.upper()))
    model.to(device.device)
    model.eval()
    return model, tokenizer


def load_chat_model(
    entry: ModelEntry,
    device: DeviceChoice,
    converted_root: Path,
    progress: ProgressFn,
    cancel: Event,
) -> LoadedChatModel:
    if entry.kind is not ModelKind.CHAT:
        raise InvalidModelError(msg("{name} is {kind}, not a chat model.", name=entry.name, kind=KIND_NAMES[entry.kind]),
                                kind=ErrorKind.WRONG_MODEL_KIND)
    started = time.monotonic()
    converted_now = False
    folder = entry.path
    if entry.format is ModelFormat.GGUF:
        import transformers

        folder = cache_folder_for(entry.path, converted_root, transformers.__version__)
        if not is_complete(folder):
            progress(0.0, msg("First use of this GGUF model: converting it once (about 30 s on a laptop CPU)"))

            def scaled(fraction: float | None, message: str) -> None:
                progress(None if fraction is None else 0.9 * fraction, message)

            convert_gguf(entry.path, folder, scaled, cancel)
            converted_now = True
    elif entry.format is not ModelFormat.HF_FOLDER:
        raise InvalidModelError(msg("{name} ({format}) cannot be used as a chat model.", name=entry.name,
                                    format=FORMAT_NAMES[entry.format]))
    model, tokenizer = _load_hf_folder(folder, device, progress, cancel, start=0.9 if converted_now else 0.0)
    return LoadedChatModel(
        entry=entry,
        model=model,
        tokenizer=tokenizer,
        device=device,
        context_length=context_length_of(model.config, tokenizer),
        load_seconds=time.monotonic() - started,
        converted_now=converted_now,
        sampling_defaults=recommended_sampling(entry.path),
    )


def load_llama_cpp_model(entry: ModelEntry, device_preference: str, progress: ProgressFn, cancel: Event):
    from model_backend.chat.llama_cpp_engine import LlamaCppChatModel

    if entry.kind is not ModelKind.CHAT:
        raise InvalidModelError(msg("{name} is {kind}, not a chat model.", name=entry.name, kind=KIND_NAMES[entry.kind]),
                                kind=ErrorKind.WRONG_MODEL_KIND)
    model = LlamaCppChatModel.load(entry.path, progress, cancel, name=entry.name, device_preference=device_preference)
    model.entry = entry
    return model


def chat_engine_for(entry: ModelEntry) -> tuple[Engine, str]:
    """The engine that runs ``entry``, and for a GGUF file that llama.cpp cannot run here, why not (that
    reason joins the device's in the status bar)."""
    if entry.format is not ModelFormat.GGUF:
        return Engine.TRANSFORMERS, ""
    from model_backend.chat.llama_cpp_support import llama_cpp_unavailable_reason

    reason = llama_cpp_unavailable_reason()
    return (Engine.TRANSFORMERS, reason) if reason else (Engine.LLAMA_CPP, "")


class ChatModelCache:
    """Keeps one loaded chat model; loading another frees the first."""

    def __init__(self, converted_root: Path) -> None:
        self.converted_root = converted_root
        self.loaded = None  # a LoadedChatModel (transformers) or a LlamaCppChatModel

    def get(self, entry: ModelEntry, device_preference: str, progress: ProgressFn, cancel: Event):
        engine, not_on_llama_cpp = chat_engine_for(entry)
        if engine is Engine.LLAMA_CPP:
            return self._get_llama_cpp(entry, device_preference, progress, cancel)
        if self.loaded is None or self.loaded.entry.model_id != entry.model_id:
            progress(None, msg("Preparing the compute device"))  # said only when a load follows, not on every reply
        device = choose_device(device_preference)  # imports torch: seconds on first use
        if not_on_llama_cpp:  # a GGUF file that llama.cpp cannot run here: converted for transformers instead
            device = DeviceChoice(device.device, device.dtype,
                                  msg("{reason}. Not on llama.cpp: {why}", reason=device.reason, why=not_on_llama_cpp))
        if cancel.is_set():
            raise JobCancelled()
        current = self.loaded
        if current is not None and current.entry.model_id == entry.model_id and current.device == device:
            return current
        self.unload()
        self.loaded = load_chat_model(entry, device, self.converted_root, progress, cancel)
        return self.loaded

    def _get_llama_cpp(self, entry: ModelEntry, device_preference: str, progress: ProgressFn, cancel: Event):
        current = self.loaded
        if (current is not None and current.engine is Engine.LLAMA_CPP and current.entry.model_id == entry.model_id
                and current.device_preference == device_preference):
            return current
        self.unload()
        self.loaded = load_llama_cpp_model(entry, device_preference, progress, cancel)
        return self.loaded

    def unload(self) -> None:
        if self.loaded is None:
            return
        loaded, self.loaded = self.loaded, None
        loaded.close()  # llama.cpp: ends stopped native requests, then frees the model
        if loaded.engine.uses_torch:
            device = loaded.device.device
            del loaded
            release_memory(device)
