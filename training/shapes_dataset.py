"""Procedural "coloured shapes" dataset for the built-in text-to-image model.

Every sample is a 64x64 RGB image with one flat-coloured shape (circle, square or
upright triangle) on a flat background of a different colour, plus a caption such as
"a red circle on a blue background". Everything is deterministic given a seed.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw

IMAGE_SIZE = 64

# Well separated, saturated colours (minimum pairwise RGB distance > 120) so that the
# nearest-colour check in training/evaluate_shapes.py is unambiguous.
COLOURS: dict[str, tuple[int, int, int]] = {
    "red": (220, 30, 30),
    "green": (30, 170, 50),
    "blue": (30, 70, 220),
    "yellow": (240, 220, 40),
    "purple": (150, 40, 190),
    "white": (245, 245, 245),
}
COLOUR_NAMES: list[str] = list(COLOURS)
SHAPES: list[str] = ["circle", "square", "triangle"]

CAPTION_TEMPLATE = "a {colour} {shape} on a {background} background"

# Size of the shape's bounding box (pixels, square box) and margin to the image edge.
MIN_SIZE = 24
MAX_SIZE = 44
MARGIN = 4


@dataclass(frozen=True)
class ShapeSample:
    shape: str
    colour: str
    background: str
    size: int
    x0: int
    y0: int

    @property
    def caption(self) -> str:
        return make_caption(self.colour, self.shape, self.background)


def make_caption(colour: str, shape: str, background: str) -> str:
    return CAPTION_TEMPLATE.format(colour=colour, shape=shape, background=background)


def all_words() -> list[str]:
    """Every word that can appear in a caption (the text encoder's real vocabulary)."""
    words = {"a", "on", "background", *COLOUR_NAMES, *SHAPES}
    return sorted(words)


def all_combinations() -> list[tuple[str, str, str]]:
    """(shape, colour, background) triples with colour != background (3 * 6 * 5 = 90)."""
    return [(s, c, b) for s in SHAPES for c in COLOUR_NAMES for b in COLOUR_NAMES if c != b]


def random_sample(rng: np.random.Generator) -> ShapeSample:
    shape = SHAPES[rng.integers(len(SHAPES))]
    colour_idx, bg_idx = rng.choice(len(COLOUR_NAMES), size=2, replace=False)
    return sample_with_layout(rng, shape, COLOUR_NAMES[colour_idx], COLOUR_NAMES[bg_idx])


def sample_with_layout(rng: np.random.Generator, shape: str, colour: str, background: str) -> ShapeSample:
    size = int(rng.integers(MIN_SIZE, MAX_SIZE + 1))
    hi = IMAGE_SIZE - MARGIN - size
    x0 = int(rng.integers(MARGIN, hi + 1))
    y0 = int(rng.integers(MARGIN, hi + 1))
    return ShapeSample(shape, colour, background, size, x0, y0)


def render(sample: ShapeSample) -> Image.Image:
    img = Image.new("RGB", (IMAGE_SIZE, IMAGE_SIZE), COLOURS[sample.background])
    draw = ImageDraw.Draw(img)
    fill = COLOURS[sample.colour]
    x0, y0, s = sample.x0, sample.y0, sample.size
    x1, y1 = x0 + s - 1, y0 + s - 1
    if sample.shape == "circle":
        draw.ellipse([x0, y0, x1, y1], fill=fill)
    elif sample.shape == "square":
        draw.rectangle([x0, y0, x1, y1], fill=fill)
    elif sample.shape == "triangle":
        draw.polygon([((x0 + x1) / 2, y0), (x1, y1), (x0, y1)], fill=fill)
    else:  # pragma: no cover - guarded by SHAPES
        raise ValueError(f"unknown shape {sample.shape!r}")
    return img


def pil_to_tensor(img: Image.Image):
    """PIL RGB -> float tensor (3, H, W) in [-1, 1]."""
    import torch

    arr = np.asarray(img, dtype=np.float32) / 127.5 - 1.0
    return torch.from_numpy(arr).permute(2, 0, 1).contiguous()


def make_dataset(n: int, seed: int = 0) -> tuple[list[ShapeSample], np.ndarray]:
    """n samples, balanced over the 90 (shape, colour, background) combinations.

    Returns the sample descriptions and a uint8 array (n, 64, 64, 3).
    """
    rng = np.random.default_rng(seed)
    combos = all_combinations()
    order = np.concatenate([rng.permutation(len(combos)) for _ in range(n // len(combos) + 1)])[:n]
    samples = [sample_with_layout(rng, *combos[i]) for i in order]
    images = np.stack([np.asarray(render(s), dtype=np.uint8) for s in samples])
    return samples, images


class ShapesDataset:
    """Indexable dataset: item i -> (image tensor (3,64,64) in [-1,1], caption)."""

    def __init__(self, n: int = 9000, seed: int = 0):
        self.samples, self.images = make_dataset(n, seed)

    def __len__(self) -> int:
        return len(self.samples)

    def __getitem__(self, i: int):
        return pil_to_tensor(Image.fromarray(self.images[i])), self.samples[i].caption

    def pil(self, i: int) -> Image.Image:
        return Image.fromarray(self.images[i])
