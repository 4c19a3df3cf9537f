"""Requests, streamed previews and results of text-to-image (and image-to-image) jobs."""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from model_backend.core.jobs import new_job_id

SCHEDULERS = ("default", "ddim", "euler", "euler-ancestral", "dpm++", "pndm")

# Exact previews (a VAE decode per preview) cost little on small models: on the built-in 64 px model about
# 0.05 s per image (+14 % of 0.36 s, bench/image_speed.py), against a 16×16 colour mosaic otherwise. On
# Stable Diffusion sizes a decode costs about a denoising step, so "auto" keeps the fitted colours there.
CHEAP_EXACT_PREVIEW_SIZE = 256


class PreviewMode(enum.StrEnum):
    AUTO = "auto"  # exact where a decode is cheap (models up to CHEAP_EXACT_PREVIEW_SIZE px), fast elsewhere
    EXACT = "exact"  # decode every preview with the VAE: the true picture at each step
    FAST = "fast"  # a fitted latent→colour map at latent resolution: almost free


@dataclass(frozen=True)
class ImageRequest:
    """Everything one generation needs, so a result can be saved, reopened and reproduced."""

    prompt: str
    model_id: str
    negative_prompt: str = ""
    steps: int = 25
    guidance: float = 5.0
    width: int | None = None  # None: the model's own size
    height: int | None = None
    scheduler: str = "default"
    seed: int | None = None  # None: a random seed, reported in the result
    batch_count: int = 1
    init_image: str = ""  # a picture to start from (image-to-image)
    strength: float = 0.6  # image-to-image: how much noise is added to the start picture
    preview_every: int = 0  # 0: about 10 previews per image
    previews: PreviewMode = PreviewMode.AUTO
    low_memory: bool = False
    device: str = "auto"
    job_id: str = field(default_factory=new_job_id)


@dataclass(frozen=True)
class DenoisePreview:
    """One frame of the reverse process: what the latents look like after ``step`` of ``total``."""

    image_index: int
    step: int
    total: int
    timestep: float
    pixels: Any  # numpy uint8 array (height, width, 3)


@dataclass(frozen=True)
class GeneratedImage:
    pixels: Any  # numpy uint8 array (height, width, 3)
    seed: int
    frames: tuple[DenoisePreview, ...]
    path: str  # where the gallery saved it
    settings: dict


@dataclass(frozen=True)
class ImageResult:
    images: tuple[GeneratedImage, ...]
    seconds: float
    preview_seconds: float  # time spent making previews (for the "previews cost" figure)
    notes: tuple[str, ...] = ()  # e.g. "size rounded to 64 × 64"
