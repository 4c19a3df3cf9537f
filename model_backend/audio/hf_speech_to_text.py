"""Speech-to-text with Hugging Face ``transformers`` Whisper checkpoints (Qt-free).

We walk through the audio ourselves, one window of up to 30 s at a time, the way OpenAI's Whisper
does: each window is decoded with timestamps, and the next window starts where the last complete
segment ended (so a word cut by the window edge is decoded again, whole). Doing the loop here,
instead of inside ``generate``, is what lets the GUI show progress per window and stop between
windows with the segments found so far. The audio comes as an array or as ``SampleWindows`` over a
file decoded block by block, so a two-hour lesson is never in memory whole: each window is taken
from the stream when it is needed. torch/transformers are imported inside functions only.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from threading import Event
from typing import Any, Callable

import numpy as np

from model_backend.audio.audio_io import SampleWindows
from model_backend.audio.audio_types import Segment
from model_backend.core.errors import BackendError, ErrorKind, JobCancelled
from model_backend.core.jobs import ProgressFn
from model_backend.core.messages import msg

SAMPLE_RATE = 16_000
WINDOW_SECONDS = 30.0
TIME_PRECISION = 0.02  # seconds per timestamp token (<|0.00|>, <|0.02|>, ...)
MIN_ADVANCE_SECONDS = 1.0  # a window always moves on at least this much, so decoding always ends


@dataclass
class LoadedHFWhisper:
    model: Any  # WhisperForConditionalGeneration
    processor: Any  # WhisperProcessor (feature extractor + tokenizer)
    device: str
    dtype: Any  # torch dtype
    name: str
    english_only: bool


def _check_files(folder: Path) -> None:
    """Say in plain words which file is missing, before transformers says it cryptically."""
    if not (folder / "config.json").exists():
        raise BackendError(ErrorKind.INVALID_MODEL,
                           msg("{name}: config.json is missing, so this is not a model folder.", name=folder.name))
    if not any((folder / f).exists() for f in ("tokenizer.json", "vocab.json")):
        raise BackendError(
            ErrorKind.INVALID_MODEL,
            msg("{name}: the tokenizer files are missing (tokenizer.json, or vocab.json with merges.txt). Copy the "
                "whole model folder again.", name=folder.name),
        )
    if not any((folder / f).exists() for f in ("preprocessor_config.json", "processor_config.json")):
        raise BackendError(
            ErrorKind.INVALID_MODEL,
            msg("{name}: preprocessor_config.json is missing: the app cannot turn sound into the log-mel spectrogram "
                "this model reads. Copy the whole model folder again.", name=folder.name),
        )


def _complete_generation_config(generation_config, tokenizer) -> None:
    """Older exports lack the ids needed for timestamps and languages: read them from the tokenizer."""
    vocab = tokenizer.get_vocab()
    if getattr(generation_config, "no_timestamps_token_id", None) is None and "<|notimestamps|>" in vocab:
        generation_config.no_timestamps_token_id = vocab["<|notimestamps|>"]
    if getattr(generation_config, "lang_to_id", None) or getattr(generation_config, "is_multilingual", None) is False:
        return
    sot, translate = vocab.get("<|startoftranscript|>"), vocab.get("<|translate|>")
    if sot is None or translate is None:
        return
    languages = {tok: i for tok, i in vocab.items() if sot < i < translate and tok.startswith("<|")}
    if len(languages) > 1:  # .en tokenizers also hold language tokens, but then is_multilingual is False above
        generation_config.lang_to_id = languages
        generation_config.task_to_id = {"translate": translate, "transcribe": vocab["<|transcribe|>"]}
        generation_config.is_multilingual = True


def load_whisper(folder: Path, device: str, dtype: Any) -> LoadedHFWhisper:
    """Load a Whisper checkpoint folder (safetensors or .bin) onto ``device``; never downloads."""
    from transformers import AutoProcessor, WhisperForConditionalGeneration

    folder = Path(folder)
    _check_files(folder)
    try:
        processor = AutoProcessor.from_pretrained(folder, local_files_only=True)
    except Exception as exc:
        raise BackendError(ErrorKind.INVALID_MODEL,
                           msg("{name}: the tokenizer or feature extractor could not be read.", name=folder.name),
                           repr(exc)) from exc
    if not hasattr(processor, "feature_extractor") or not hasattr(processor, "tokenizer"):
        raise BackendError(ErrorKind.INVALID_MODEL,
                           msg("{name}: the processor lacks a tokenizer or a feature extractor.", name=folder.name))
    try:
        model = WhisperForConditionalGeneration.from_pretrained(folder, dtype=dtype, local_files_only=True)
    except Exception as exc:
        raise BackendError(ErrorKind.INVALID_MODEL, msg("{name}: the Whisper weights could not be loaded.",
                                                        name=folder.name), repr(exc)) from exc
    model.to(device).eval()
    _complete_generation_config(model.generation_config, processor.tokenizer)
    gc = model.generation_config
    english_only = getattr(gc, "is_multilingual", None) is False or not getattr(gc, "lang_to_id", None)
    return LoadedHFWhisper(model, processor, device, dtype, folder.name, english_only)


def _features(loaded: LoadedHFWhisper, samples: np.ndarray):
    """Log-mel features of up to 30 s, padded to the model's fixed window (3000 frames)."""
    return loaded.processor.feature_extractor(samples, sampling_rate=SAMPLE_RATE, return_tensors="pt").input_features


def log_mel_hf(loaded: LoadedHFWhisper, samples_16k: np.ndarray) -> np.ndarray:
    """The exact (n_mels, frames) input of the first 30 s: what the model 'sees'."""
    samples = np.asarray(samples_16k, dtype=np.float32).reshape(-1)[: int(WINDOW_SECONDS * SAMPLE_RATE)]
    return _features(loaded, samples)[0].numpy().astype(np.float32)


def _detect_language(loaded: LoadedHFWhisper, features) -> tuple[str, float]:
    """One decoder step after <|startoftranscript|>: the most likely language token and its probability."""
    import torch

    gc = loaded.model.generation_config
    tokens = list(gc.lang_to_id.keys())
    ids = torch.tensor(list(gc.lang_to_id.values()), device=loaded.device)
    start = torch.tensor([[gc.decoder_start_token_id]], device=loaded.device)
    with torch.no_grad():
        logits = loaded.model(input_features=features, decoder_input_ids=start, use_cache=False).logits[0, -1]
    probs = torch.softmax(logits.float()[ids], dim=-1)
    best = int(torch.argmax(probs))
    return tokens[best].strip("<|>"), float(probs[best])


def _language_code_plain(language: str) -> str:
    """"English", "en" and "<|en|>" all become "en"."""
    from transformers.models.whisper.tokenization_whisper import TO_LANGUAGE_CODE

    code = language.strip().lower().strip("<|>")
    return TO_LANGUAGE_CODE.get(code, code)


def _language_code(loaded: LoadedHFWhisper, language: str) -> str:
    """Accept "de", "german" or "<|de|>"; raise a plain error for a language the model does not know."""
    code = _language_code_plain(language)
    if f"<|{code}|>" not in loaded.model.generation_config.lang_to_id:
        raise BackendError(ErrorKind.INVALID_INPUT, msg("{name} does not know the language '{language}'.",
                                                        name=loaded.name, language=language))
    return code


def _parse_window(tokens: list[int], timestamp_begin: int, window_seconds: float, decode):
    """Split one window's tokens at timestamp pairs (OpenAI's rule) into (start, end, text) and the
    seconds consumed: all of the window, or up to the last complete segment when speech runs on."""
    is_ts = [t >= timestamp_begin for t in tokens]
    single_ending = len(tokens) >= 2 and is_ts[-1] and not is_ts[-2]
    pairs = [i for i in range(1, len(tokens)) if is_ts[i] and is_ts[i - 1]]
    parts: list[tuple[float, float, str]] = []

    def text_of(chunk):
        return decode([t for t in chunk if t < timestamp_begin]).strip()

    def seconds(token):
        return min((token - timestamp_begin) * TIME_PRECISION, window_seconds)

    if pairs:
        slices = pairs + ([len(tokens)] if single_ending else [])
        last = 0
        for cut in slices:
            chunk = tokens[last:cut]
            ts = [t for t in chunk if t >= timestamp_begin]
            if ts:
                parts.append((seconds(ts[0]), seconds(ts[-1]), text_of(chunk)))
            last = cut
        consumed = window_seconds if single_ending else seconds(tokens[last - 1])
    else:  # no complete pair: one segment, opened and/or closed by a lone timestamp if there is one
        where = [i for i, flag in enumerate(is_ts) if flag]
        start = seconds(tokens[where[0]]) if where and where[0] == 0 else 0.0
        closed = where and where[-1] == len(tokens) - 1 and where[-1] != 0
        parts.append((start, seconds(tokens[where[-1]]) if closed else window_seconds, text_of(tokens)))
        consumed = window_seconds
    return [p for p in parts if p[2]], consumed


def _clock(seconds: float) -> str:
    return f"{int(seconds // 60)}:{int(seconds % 60):02d}"


def _stop_after(cancel: Event, grace: float):
    """A stopping criterion that ends ``generate`` once Stop has been pressed ``grace`` seconds ago
    (``.fired`` then says the window was cut short)."""
    import time

    import torch
    from transformers import StoppingCriteria

    class StopAfterGrace(StoppingCriteria):
        seen: float | None = None
        fired = False

        def __call__(self, input_ids, scores, **kwargs):
            if cancel.is_set() and self.seen is None:
                self.seen = time.monotonic()
            self.fired = self.fired or (self.seen is not None and time.monotonic() - self.seen >= grace)
            return torch.full((input_ids.shape[0],), self.fired, dtype=torch.bool, device=input_ids.device)

    return StopAfterGrace()


def transcribe_hf(loaded: LoadedHFWhisper, samples_16k: np.ndarray | SampleWindows, language: str, task: str,
                  progress: ProgressFn, cancel: Event, beam_size: int = 1,
                  on_segments: Callable[[list[Segment]], None] | None = None,
                  stop_grace: float | None = None,
                  ) -> tuple[list[Segment], str, float | None]:
    """Transcribe (or translate to English) 16 kHz mono audio window by window.

    ``samples_16k`` is an array or ``SampleWindows`` (a file streamed from disk: only the window
    being decoded is in memory). Returns (segments, language code, language probability or None).
    ``language`` "" lets a multilingual model detect it on the first window; the chosen language is
    then kept for all windows. Stop is honoured between windows: ``JobCancelled(partial=segments so
    far)``; the window in progress is finished, or, with ``stop_grace``, cut once Stop is that many
    seconds old (its segments are then dropped). ``on_segments`` (optional) gets each window's new
    segments as soon as they are decoded.
    """
    import torch

    source = samples_16k if isinstance(samples_16k, SampleWindows) else SampleWindows.from_array(samples_16k,
                                                                                                 SAMPLE_RATE)
    window_samples = int(WINDOW_SECONDS * SAMPLE_RATE)
    first = source.window(0, window_samples)
    model, tokenizer = loaded.model, loaded.processor.tokenizer
    gc = model.generation_config
    kwargs: dict[str, Any] = {"return_timestamps": True, "force_unique_generate_call": True,
                              "return_dict_in_generate": True, "num_beams": max(1, int(beam_size))}
    code, probability = "", None
    if loaded.english_only:
        code = "en"  # the caller says when a chosen language or translating was ignored
    else:
        if language:
            code = _language_code(loaded, language)
        elif len(first):
            progress(0.0, msg("Detecting the language…"))
            features = _features(loaded, first)
            code, probability = _detect_language(loaded, features.to(loaded.device, loaded.dtype))
        kwargs["language"] = code or None
        kwargs["task"] = "translate" if task == "translate" else "transcribe"

    timestamp_begin = gc.no_timestamps_token_id + 1
    eos = gc.eos_token_id
    eot = min(eos) if isinstance(eos, (list, tuple)) else eos  # <|endoftext|>: Whisper's special tokens follow it

    def decode(ids):
        return tokenizer.decode(ids, skip_special_tokens=True)

    cut = None
    if stop_grace is not None:
        from transformers import StoppingCriteriaList

        cut = _stop_after(cancel, stop_grace)
        kwargs["stopping_criteria"] = StoppingCriteriaList([cut])
    segments: list[Segment] = []
    offset, window = 0, 0
    while True:
        if cancel.is_set():
            raise JobCancelled(partial=list(segments))
        chunk = source.window(offset, window_samples)
        if not len(chunk):
            break
        start_s, chunk_s = offset / SAMPLE_RATE, len(chunk) / SAMPLE_RATE
        window += 1
        total = source.expected_seconds
        if total:
            said = msg("Window {number}: {start}–{end} of {total}", number=window, start=_clock(start_s),
                       end=_clock(start_s + chunk_s), total=_clock(total))
        else:
            said = msg("Window {number}: {start}–{end}", number=window, start=_clock(start_s),
                       end=_clock(start_s + chunk_s))
        progress(min(1.0, start_s / total) if total else None, said)
        features = _features(loaded, chunk).to(loaded.device, loaded.dtype)
        with torch.no_grad():
            out = model.generate(features, **kwargs)
        if cut is not None and cut.fired:
            raise JobCancelled(partial=list(segments))  # the window was cut short: its words are unfinished
        sequence = out.sequences[0].tolist() if hasattr(out, "sequences") else out[0].tolist()
        tokens = [t for t in sequence if t < eot or t >= timestamp_begin]  # drop <|en|>, <|endoftext|>…
        parts, consumed = _parse_window(tokens, timestamp_begin, chunk_s, decode)
        new = [Segment(start=round(start_s + begin, 3), end=round(start_s + max(end, begin), 3), text=text)
               for begin, end, text in parts]
        segments.extend(new)
        if on_segments is not None and new:
            on_segments(new)
        advance = consumed if consumed >= MIN_ADVANCE_SECONDS else chunk_s
        offset += max(1, int(round(advance * SAMPLE_RATE)))
    progress(1.0, msg("Transcribed {duration} in {windows} window(s)", duration=_clock(source.samples_read / SAMPLE_RATE),
                      windows=window))
    return segments, code, probability

