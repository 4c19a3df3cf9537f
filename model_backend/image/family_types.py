"""Requests and results of the "Families" page: VAE, GAN, flow and diffusion on one data set.

Four families of generative models learned the same coloured shapes (training/shapes_dataset.py) and
read the same three labels, so one choice of shape, colour, background and seed asks each of them for
a picture. The numbers the page shows (time per picture, the shape checker's accuracy) travel in the
results, so the UI never computes anything itself.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from model_backend.core.jobs import new_job_id

FAMILIES = ("vae", "gan", "flow", "diffusion")
LATENT_FAMILIES = ("vae", "gan")  # the two with a small latent space worth walking through


@dataclass(frozen=True)
class ShapeLabels:
    """What to draw, in the words of the diffusion model's caption."""

    shape: str = "circle"
    colour: str = "red"
    background: str = "blue"


@dataclass(frozen=True)
class FamilySamplesRequest:
    shape: str = "circle"
    colour: str = "red"
    background: str = "blue"
    seed: int = 0
    count: int = 1  # pictures per family, seeds seed, seed+1, …
    diffusion_steps: int = 20
    families: tuple[str, ...] = FAMILIES
    job_id: str = field(default_factory=new_job_id)


@dataclass(frozen=True)
class FamilyPictures:
    """One family's answer: its pictures (uint8 64×64×3), how long each took, and how good it is measured to be."""

    family: str
    pictures: tuple[Any, ...]
    seconds_per_image: float
    accuracy: dict  # the shape checker's accuracies recorded when the model was trained ({} when unknown)
    parameters: int
    steps: tuple[Any, ...] = ()  # diffusion only: the picture after some of the denoising steps (uint8)


@dataclass(frozen=True)
class FamilySamplesResult:
    families: tuple[FamilyPictures, ...]
    seed: int


@dataclass(frozen=True)
class InterpolationRequest:
    """A walk in a latent space: from the latent of ``start_seed`` to that of ``end_seed`` in ``steps`` pictures.

    The labels at either end may differ (a red circle turning into a green square): they are blended too.
    """

    family: str = "vae"
    start: ShapeLabels = ShapeLabels()
    end: ShapeLabels = ShapeLabels()
    start_seed: int = 0
    end_seed: int = 1
    steps: int = 8
    job_id: str = field(default_factory=new_job_id)


@dataclass(frozen=True)
class InterpolationResult:
    family: str
    pictures: tuple[Any, ...]  # uint8 64×64×3, first = the start seed's sample, last = the end seed's


@dataclass(frozen=True)
class LatentSpaceRequest:
    """A picture (a file, or pixels the app already has) through two autoencoders.

    The built-in diffusion model's own VAE (where latent diffusion works) and the tiny VAE family member.
    """

    path: str = ""
    pixels: Any = None  # uint8 H×W×3, used when path is empty
    job_id: str = field(default_factory=new_job_id)


@dataclass(frozen=True)
class LatentSpaceResult:
    original: Any  # uint8 64×64×3: the picture as the models see it
    latent_channels: tuple[Any, ...]  # the diffusion VAE's latent, one float32 16×16 array per channel
    latent_range: tuple[float, float]
    decoded: Any  # uint8 64×64×3
    error: float  # mean squared error of decoded vs original, pixel values in [0, 1]
    compression: float  # how many times fewer numbers the latent has than the picture
    vae_reconstruction: Any  # the tiny VAE's reconstruction (uint8 64×64×3), None without that model
    vae_error: float | None
    vae_labels: ShapeLabels | None  # what the tiny VAE's encoder thinks the picture shows


@dataclass(frozen=True)
class InpaintRequest:
    """Hide random square patches of a picture and let the built-in diffusion model fill them in.

    The pretext task of masked image modelling, done by a generative model: the hidden patches are drawn
    anew from noise while the visible ones are held at every step (RePaint).
    """

    path: str = ""
    pixels: Any = None  # uint8 H×W×3, used when path is empty
    patch: int = 16  # side of a hidden square, pixels of the 64×64 picture (8 or 16)
    fraction: float = 0.25  # share of the patches hidden
    seed: int = 0
    steps: int = 25
    job_id: str = field(default_factory=new_job_id)


@dataclass(frozen=True)
class InpaintPreview:
    """A Partial of an InpaintRequest: after ``step`` of ``total``, the model's guess of the finished picture."""

    step: int
    total: int
    pixels: Any  # uint8 64×64×3, visible pixels as they are


@dataclass(frozen=True)
class InpaintResult:
    original: Any  # uint8 64×64×3
    masked: Any  # uint8 64×64×3, the hidden patches grey
    restored: Any  # uint8 64×64×3: visible patches as they were, hidden ones drawn by the model
    hidden: Any  # bool 64×64, True where hidden
    error: float  # mean squared error over the hidden pixels (values 0–1)
    baseline_error: float  # the same if the hidden pixels were filled with the visible pixels' mean colour
    seconds: float
    vae_only: Any = None  # uint8 64×64×3: the VAE alone, hidden latent cells set to 0 (no diffusion model)
    vae_only_error: float | None = None  # the error over the hidden pixels of that baseline
