"""A picture as a Vision Transformer reads it: a square crop cut into patches, read row by row.

A ViT (and CLIP's image encoder) centre-crops the picture to a square, resizes it (224 px for most),
cuts it into P×P patches (16 px for ViT-B/16, 32 px for CLIP ViT-B/32) and reads them left to right,
top to bottom, after one extra learned token, [CLS], whose final state stands for the whole picture.
This module does that cut in numpy, so the UI shows it instantly and with no model; the same
functions turn the model's attention from [CLS] over the patches back into a heat map on the picture.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

DEFAULT_IMAGE_SIZE = 224
DEFAULT_PATCH_SIZE = 16


@dataclass(frozen=True)
class PatchGrid:
    """``image``: the square picture the model sees (size × size × 3, uint8); ``patches``: one P×P×3
    block per token, in reading order (row by row); ``rows`` = ``columns`` = size // P."""

    image: np.ndarray
    patches: np.ndarray
    patch_size: int

    @property
    def rows(self) -> int:
        return self.image.shape[0] // self.patch_size

    @property
    def columns(self) -> int:
        return self.image.shape[1] // self.patch_size

    @property
    def count(self) -> int:
        return len(self.patches)

    def position(self, index: int) -> tuple[int, int]:
        """(row, column) of patch ``index`` in the grid."""
        return divmod(index, self.columns)


def square_crop(pixels: np.ndarray, size: int = DEFAULT_IMAGE_SIZE) -> np.ndarray:
    """Centre-crop to a square and resize to ``size`` px (bicubic, as CLIP's processor does)."""
    from PIL import Image

    pixels = _rgb(pixels)
    height, width = pixels.shape[:2]
    side = min(height, width)
    top, left = (height - side) // 2, (width - side) // 2
    square = pixels[top:top + side, left:left + side]
    if side == size:
        return np.ascontiguousarray(square)
    resized = Image.fromarray(square).resize((size, size), Image.Resampling.BICUBIC)
    return np.asarray(resized)


def _rgb(pixels: np.ndarray) -> np.ndarray:
    pixels = np.asarray(pixels)
    if pixels.ndim == 2:
        pixels = np.repeat(pixels[:, :, None], 3, axis=2)
    if pixels.ndim != 3 or pixels.shape[2] not in (3, 4) or min(pixels.shape[:2]) < 1:
        raise ValueError("a picture must be a height × width × 3 array")
    if pixels.dtype != np.uint8:
        pixels = np.clip(pixels, 0, 255).astype(np.uint8)
    return pixels[:, :, :3]


def cut_into_patches(pixels: np.ndarray, patch_size: int = DEFAULT_PATCH_SIZE,
                     image_size: int = DEFAULT_IMAGE_SIZE) -> PatchGrid:
    """The picture as the sequence of patches a ViT reads (the square crop first, as the model's own
    preprocessing does)."""
    if patch_size < 1 or image_size % patch_size:
        raise ValueError("the image size must be a whole number of patches")
    image = square_crop(pixels, image_size)
    side = image_size // patch_size
    patches = (image.reshape(side, patch_size, side, patch_size, 3)
               .transpose(0, 2, 1, 3, 4)
               .reshape(side * side, patch_size, patch_size, 3))
    return PatchGrid(image=image, patches=np.ascontiguousarray(patches), patch_size=patch_size)


def heat_overlay(image: np.ndarray, weights: np.ndarray, strength: float = 0.6) -> np.ndarray:
    """The picture with a heat map on it: ``weights`` (rows × columns, any scale) stretched to the
    picture, brightest where the weight is largest; the picture is dimmed where the weight is small."""
    image = _rgb(image).astype(np.float64)
    grid = np.asarray(weights, dtype=np.float64)
    if grid.ndim != 2 or image.shape[0] % grid.shape[0] or image.shape[1] % grid.shape[1]:
        raise ValueError("the weights must form a grid that divides the picture evenly")
    low, high = float(grid.min()), float(grid.max())
    scaled = (grid - low) / (high - low) if high > low else np.zeros_like(grid)
    cell_h, cell_w = image.shape[0] // grid.shape[0], image.shape[1] // grid.shape[1]
    heat = np.kron(scaled, np.ones((cell_h, cell_w)))[:, :, None]
    colour = np.concatenate([np.ones_like(heat), heat, np.zeros_like(heat)], axis=2) * 255  # red → yellow
    dimmed = image * (0.35 + 0.65 * heat)
    blended = (1 - strength * heat) * dimmed + strength * heat * colour
    return np.clip(blended, 0, 255).astype(np.uint8)
