"""Text-to-music with Hugging Face ``transformers`` MusicGen checkpoints (Qt-free).

MusicGen predicts EnCodec audio tokens, ``frame_rate`` frames per second of sound (50 for the
32 kHz checkpoints), so the requested duration becomes a number of tokens to generate. A
StoppingCriteria reports progress per generated frame and stops generation early when the user
presses Stop. torch/transformers are imported inside functions only.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from threading import Event
from typing import Any

import numpy as np

from model_backend.core.errors import BackendError, ErrorKind, JobCancelled
from model_backend.core.jobs import ProgressFn
from model_backend.core.messages import msg

MAX_DURATION_S = 30.0  # MusicGen was trained on 30 s clips; longer needs windowed continuation


@dataclass
class LoadedHFMusic:
    model: Any
    processor: Any  # MusicgenProcessor (tokenizer + EnCodec feature extractor), or a tokenizer
    sample_rate: int
    frame_rate: int  # audio-token frames per second of sound
    device: str
    name: str
    supports_unconditional: bool




def _frame_rate(config) -> int:
    """Frames per second of the audio codec (EnCodec: ceil(sampling_rate / hop_length))."""
    audio = getattr(config, "audio_encoder", None) or getattr(config, "codec_config", None)
    rate = getattr(audio, "frame_rate", None)
    if rate:
        return int(rate)
    hop = int(np.prod(getattr(audio, "upsampling_ratios", [640])))
    return int(math.ceil(int(audio.sampling_rate) / hop))


def load_music(folder: Path, device: str, dtype: Any) -> LoadedHFMusic:
    """Load a MusicGen (or MusicGen-Melody) folder; never downloads."""
    from transformers import AutoModelForTextToWaveform, AutoProcessor

    folder = Path(folder)
    try:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackendError(ErrorKind.INVALID_MODEL, msg("{name}: config.json is missing or damaged.", name=folder.name),
                           repr(exc)) from exc
    model_type = str(config.get("model_type", ""))
    if not model_type.startswith("musicgen"):
        raise BackendError(ErrorKind.WRONG_MODEL_KIND,
                           msg("{name} is a '{model_type}' model; the music tab runs MusicGen models.", name=folder.name,
                               model_type=model_type or msg("unknown")))
    if not any((folder / n).exists() for n in ("tokenizer.json", "spiece.model")):
        raise BackendError(ErrorKind.INVALID_MODEL,
                           msg("{name}: the tokenizer files are missing (tokenizer.json or spiece.model), so the model "
                               "cannot read the prompt. Copy the whole model folder again.", name=folder.name))
    try:
        processor = AutoProcessor.from_pretrained(folder, local_files_only=True)
        model = AutoModelForTextToWaveform.from_pretrained(folder, dtype=dtype, local_files_only=True)
    except Exception as exc:
        raise BackendError(ErrorKind.INVALID_MODEL, msg("{name}: the MusicGen model could not be loaded.",
                                                        name=folder.name), repr(exc)) from exc
    model.to(device).eval()
    audio_config = model.config.audio_encoder
    return LoadedHFMusic(model, processor, int(audio_config.sampling_rate), _frame_rate(model.config), device,
                         folder.name, hasattr(model, "get_unconditional_inputs"))


def frames_for(loaded: LoadedHFMusic, duration_s: float) -> int:
    """Tokens to generate for ``duration_s`` seconds of sound."""
    return max(1, int(round(float(duration_s) * loaded.frame_rate)))


def _progress_criteria(total: int, progress: ProgressFn, cancel: Event):
    """A StoppingCriteria that reports each generated frame and says 'stop' once Stop is pressed."""
    import torch
    from transformers import StoppingCriteria

    class ProgressAndStop(StoppingCriteria):
        def __init__(self) -> None:
            self.steps = 0
            self.stopped = False

        def __call__(self, input_ids, scores, **kwargs):
            self.steps += 1
            progress(min(self.steps / total, 1.0), msg("Generating step {step} of {total}", step=self.steps, total=total))
            self.stopped = cancel.is_set()
            return torch.full((input_ids.shape[0],), self.stopped, dtype=torch.bool, device=input_ids.device)

    return ProgressAndStop()


def generate_music(loaded: LoadedHFMusic, prompt: str, duration_s: float, guidance: float, seed: int | None,
                   progress: ProgressFn, cancel: Event) -> tuple[np.ndarray, int, list[str]]:
    """Make ``duration_s`` seconds of music for ``prompt``; returns (float32 mono in [-1, 1], rate, notes).

    Stop during generation raises ``JobCancelled(partial=None)``: unfinished audio tokens are not
    worth decoding. An empty prompt generates unconditionally (MusicGen supports it).
    """
    import torch
    from transformers import StoppingCriteriaList

    prompt = (prompt or "").strip()
    if not prompt and not loaded.supports_unconditional:
        raise BackendError(ErrorKind.EMPTY_PROMPT, msg("Describe the music you want first."))
    if duration_s <= 0:
        raise BackendError(ErrorKind.INVALID_INPUT, msg("The duration must be longer than 0 seconds."))
    notes = []
    if duration_s > MAX_DURATION_S:
        notes.append(msg("MusicGen makes at most {limit:.0f} s in one go; the duration was shortened.",
                         limit=MAX_DURATION_S))
        duration_s = MAX_DURATION_S
    model = loaded.model
    # The codebooks are generated with a delay of one step each, so num_codebooks - 1 extra steps
    # are needed before the last frame is complete.
    delay = int(getattr(model.decoder.config, "num_codebooks", 1)) - 1
    frames = frames_for(loaded, duration_s)
    max_new_tokens = frames + delay
    if max_new_tokens + 1 > int(getattr(model.decoder.config, "max_position_embeddings", 10**9)):
        raise BackendError(ErrorKind.CONTEXT_TOO_LONG, msg("{name} cannot make {duration:g} s of audio.",
                                                           name=loaded.name, duration=duration_s))

    if prompt:
        tokenizer = getattr(loaded.processor, "tokenizer", loaded.processor)
        inputs = dict(tokenizer([prompt], padding=True, return_tensors="pt").to(loaded.device))
    else:
        inputs = dict(model.get_unconditional_inputs(num_samples=1))
        inputs.pop("guidance_scale", None)
        guidance = 1.0  # nothing to guide towards: skip the doubled (conditional + null) batch
        notes.append(msg("No prompt: the music was generated unconditionally."))
    criteria = _progress_criteria(max_new_tokens, progress, cancel)
    if seed is not None:
        torch.manual_seed(int(seed))
    progress(0.0, msg("Generating {duration:g} s of audio ({frames} frames)", duration=duration_s,
                      frames=max_new_tokens))
    try:
        with torch.no_grad():
            audio = model.generate(**inputs, max_new_tokens=max_new_tokens, guidance_scale=float(guidance or 1.0),
                                   do_sample=True, stopping_criteria=StoppingCriteriaList([criteria]))
    except Exception:
        if criteria.stopped:  # a very early stop can leave too few tokens for the codec: still just a Stop
            raise JobCancelled(partial=None) from None
        raise
    if criteria.stopped:
        raise JobCancelled(partial=None)
    samples = audio[0].float().cpu().numpy()
    samples = samples.mean(axis=0) if samples.ndim == 2 else samples.reshape(-1)  # stereo checkpoints → mono
    expected = int(round(duration_s * loaded.sample_rate))
    samples = samples[:expected]  # the codec rounds up to whole frames
    progress(1.0, msg("Made {duration:.1f} s of audio", duration=len(samples) / loaded.sample_rate))
    return np.clip(samples, -1.0, 1.0).astype(np.float32), loaded.sample_rate, notes
