"""The sampling a model's makers recommend (temperature, top-p, top-k), read from the model's own files.

Where it is written:
- **Hugging Face folders**: ``generation_config.json`` (``temperature``, ``top_p``, ``top_k``, ``do_sample``).
  With ``"do_sample": true`` a value the file leaves out means transformers' own default (temperature 1.0,
  top-p 1.0, top-k 50): that is how the makers ran it (Gemma 3 names only top-k and top-p and means temperature
  1.0). With ``"do_sample": false`` transformers would decode greedily and ignore the file's values, so none are
  taken from it. Without ``do_sample`` the values present are the recommendation.
- **GGUF files**: ``general.sampling.temp`` / ``.top_p`` / ``.top_k`` (llama.cpp's keys, written by its
  converter from ``generation_config.json`` since late 2025; llama.cpp applies them as its own defaults). Older
  files, the embedded SmolLM2 among them, have none.

Only what is present and within the app's ranges (``SAMPLING_RANGES``, the Settings page's spin boxes) is taken;
``min_p``, repetition penalties and the like are not used by the app's sampler and are ignored.

Where the model names nothing, ``FALLBACK`` applies: **temperature 0.2, top-p 0.9, top-k 40**. The lessons run
135M–1.7B instruct models, which wander off at the temperature of 0.7 that larger models like: the embedded
SmolLM2-135M, asked "What is the capital of France?" (12 seeds each, top-p 0.9, llama.cpp), named Paris 7 times at
temperature 0.7 (the others were French nonsense), 8 at 0.5, 10 at 0.3 and 11 at 0.2. SmolLM2's model card runs
the instruct models at temperature 0.2 and top-p 0.9; top-k 40 is llama.cpp's and Ollama's default.

Qt-free and light: no torch or transformers (a GGUF index is read with ``gguf_metadata``'s own reader, which
takes only the ``gguf`` package's constants).
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

SAMPLING_NAMES = ("temperature", "top_p", "top_k")
# The values the app accepts, which are also the Settings page's ranges: (lowest, highest).
SAMPLING_RANGES: dict[str, tuple[float, float]] = {"temperature": (0.0, 2.0), "top_p": (0.05, 1.0), "top_k": (0, 1000)}
FALLBACK: dict[str, float | int] = {"temperature": 0.2, "top_p": 0.9, "top_k": 40}
TRANSFORMERS_DEFAULTS: dict[str, float | int] = {"temperature": 1.0, "top_p": 1.0, "top_k": 50}

SOURCE_GENERATION_CONFIG = "generation_config.json"
SOURCE_GGUF = "GGUF metadata"
SOURCE_APP = "app default"
GGUF_KEYS = {"temperature": "general.sampling.temp", "top_p": "general.sampling.top_p",
             "top_k": "general.sampling.top_k"}


@dataclass(frozen=True)
class SamplingDefaults:
    """What a model recommends (only the values it names) and where that was read."""

    recommended: dict = field(default_factory=dict)  # name -> value, validated; empty when the model names none
    source: str = ""  # SOURCE_GENERATION_CONFIG or SOURCE_GGUF; "" when the model names nothing

    @property
    def values(self) -> dict[str, float | int]:
        """Temperature, top-p and top-k to use: the model's where it names them, ``FALLBACK`` elsewhere."""
        return {name: self.recommended.get(name, FALLBACK[name]) for name in SAMPLING_NAMES}

    def to_dict(self) -> dict:
        """Plain data for the job result: the three values, where the model's came from, and which they are."""
        return {**self.values, "source": self.source or SOURCE_APP,
                "from_model": [name for name in SAMPLING_NAMES if name in self.recommended]}


def _checked(name: str, value) -> float | int | None:
    """``value`` as the app's type when it is a number within the app's range, else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    low, high = SAMPLING_RANGES[name]
    if not low <= value <= high:
        return None
    if name == "top_k":
        return int(value) if float(value).is_integer() else None
    return round(float(value), 4)  # GGUF stores float32: 0.95 reads as 0.949999988


def _validated(raw: dict) -> dict:
    checked = {name: _checked(name, raw[name]) for name in SAMPLING_NAMES if name in raw}
    return {name: value for name, value in checked.items() if value is not None}


def from_gguf_metadata(metadata: dict) -> SamplingDefaults:
    """The ``general.sampling.*`` values of a GGUF file's metadata (``GGUFIndex.metadata``)."""
    values = _validated({name: metadata[key] for name, key in GGUF_KEYS.items() if key in metadata})
    return SamplingDefaults(values, SOURCE_GGUF if values else "")


def from_generation_config(folder: Path) -> SamplingDefaults:
    """The sampling in a Hugging Face folder's ``generation_config.json``; nothing when absent or unreadable."""
    try:
        raw = json.loads((Path(folder) / SOURCE_GENERATION_CONFIG).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return SamplingDefaults()
    if not isinstance(raw, dict) or raw.get("do_sample") is False:
        return SamplingDefaults()
    given = {name: raw[name] for name in SAMPLING_NAMES if raw.get(name) is not None}
    if raw.get("do_sample") is True:
        given = {**TRANSFORMERS_DEFAULTS, **given}
    values = _validated(given)
    return SamplingDefaults(values, SOURCE_GENERATION_CONFIG if values else "")


def recommended_sampling(path: Path) -> SamplingDefaults:
    """What the model at ``path`` (a GGUF file or a Hugging Face folder) recommends. Never raises for a missing
    or damaged file: the model's load reports that; here it only means no recommendation."""
    path = Path(path)
    if path.is_dir():
        return from_generation_config(path)
    from model_backend.chat.gguf_metadata import read_gguf_index
    from model_backend.core.errors import BackendError

    try:
        return from_gguf_metadata(read_gguf_index(path).metadata)
    except BackendError:
        return SamplingDefaults()
