"""Export the reverse process: an animated GIF or a contact sheet of the denoising previews."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from model_backend.core.atomic import atomic_write_bytes


def _frames_as_images(frames: list[np.ndarray], size: int):
    from PIL import Image

    return [Image.fromarray(frame).resize((size, size), Image.Resampling.NEAREST) for frame in frames]


def save_gif(frames: list[np.ndarray], path: Path, size: int = 256, frame_ms: int = 250) -> None:
    import io

    if not frames:
        raise ValueError("there are no denoising steps to export")
    images = _frames_as_images(frames, size)
    buffer = io.BytesIO()
    images[0].save(buffer, format="GIF", save_all=True, append_images=images[1:], duration=frame_ms, loop=0)
    atomic_write_bytes(Path(path), buffer.getvalue())


def contact_sheet(frames: list[np.ndarray], size: int = 128, columns: int = 5) -> np.ndarray:
    """All frames in a grid, left to right, top to bottom (white gaps between them)."""
    if not frames:
        raise ValueError("there are no denoising steps to export")
    images = [np.asarray(image) for image in _frames_as_images(frames, size)]
    rows = (len(images) + columns - 1) // columns
    gap = 4
    sheet = np.full((rows * (size + gap) + gap, min(columns, len(images)) * (size + gap) + gap, 3), 255, np.uint8)
    for index, image in enumerate(images):
        top, left = gap + (index // columns) * (size + gap), gap + (index % columns) * (size + gap)
        sheet[top:top + size, left:left + size] = image
    return sheet


def save_png(pixels: np.ndarray, path: Path) -> None:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, format="PNG")
    atomic_write_bytes(Path(path), buffer.getvalue())
