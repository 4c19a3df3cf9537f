"""The image gallery: PNG files whose metadata holds everything needed to make them again.

Each image is encoded in memory and written atomically, so a crash never leaves half a PNG. Names
are ``<time>-seed<seed>[-<n>].png``; choosing a free name and writing the file happen under the
folder's cross-process lock (``.gallery.lock``), so two copies of the app saving the same seed in
the same second still get a file each, and an existing image is never overwritten.
"""
from __future__ import annotations

import io
import json
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from model_backend.core.atomic import atomic_write_bytes
from model_backend.core.file_lock import held

LOCK_NAME = ".gallery.lock"

METADATA_KEY = "genai-classroom"


@dataclass(frozen=True)
class GalleryItem:
    path: Path
    settings: dict


def encode_png(pixels, settings: dict) -> bytes:
    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text(METADATA_KEY, json.dumps(settings, ensure_ascii=False))
    # The widely used "parameters" text, so other tools show the prompt and seed too.
    info.add_text("parameters", f"{settings.get('prompt', '')}\n"
                                f"Negative prompt: {settings.get('negative_prompt', '')}\n"
                                f"Steps: {settings.get('steps')}, Sampler: {settings.get('scheduler')}, "
                                f"CFG scale: {settings.get('guidance')}, Seed: {settings.get('seed')}, "
                                f"Model: {settings.get('model')}")
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, format="PNG", pnginfo=info)
    return buffer.getvalue()


def read_settings(path: Path) -> dict:
    """The settings stored in a gallery PNG ({} for a PNG from elsewhere)."""
    from PIL import Image

    with Image.open(path) as image:
        text = getattr(image, "text", {}) or {}
    try:
        return json.loads(text.get(METADATA_KEY, "{}"))
    except ValueError:
        return {}


class Gallery:
    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def save(self, pixels, settings: dict, frames=()) -> Path:
        png = encode_png(pixels, settings)  # the slow part, outside the lock
        filmstrip = encode_frames(frames) if frames else None
        self.folder.mkdir(parents=True, exist_ok=True)
        with held(self.folder / LOCK_NAME) as locked:
            stamp = time.strftime("%Y%m%d-%H%M%S")
            base = f"{stamp}-seed{settings.get('seed', 0)}"
            if not locked:  # another process holds the lock for far too long: a name no one else picks
                base += f"-{uuid.uuid4().hex[:8]}"
            path = self.folder / f"{base}.png"
            counter = 1
            while path.exists() or frames_path(path).exists():
                path = self.folder / f"{base}-{counter}.png"
                counter += 1
            if filmstrip is not None:  # the filmstrip travels with the image (written first: the PNG marks completion)
                atomic_write_bytes(frames_path(path), filmstrip)
            atomic_write_bytes(path, png)
        return path

    def frames(self, path: Path) -> list:
        """The denoising previews saved with an image ([] if there are none or they are unreadable)."""
        try:
            return decode_frames(frames_path(Path(path)).read_bytes())
        except (OSError, ValueError, KeyError):
            return []

    def items(self) -> list[GalleryItem]:
        if not self.folder.is_dir():
            return []
        found = []
        for path in sorted(self.folder.glob("*.png"), key=lambda p: p.stat().st_mtime, reverse=True):
            try:
                found.append(GalleryItem(path, read_settings(path)))
            except OSError:
                continue
        return found

    def delete(self, path: Path) -> None:
        Path(path).unlink(missing_ok=True)
        frames_path(Path(path)).unlink(missing_ok=True)


def frames_path(image_path: Path) -> Path:
    return image_path.with_name(image_path.stem + ".frames.npz")


def encode_frames(frames) -> bytes:
    import numpy as np

    buffer = io.BytesIO()
    np.savez_compressed(buffer, **{f"frame{i}": f.pixels for i, f in enumerate(frames)},
                        meta=np.array([[f.image_index, f.step, f.total, f.timestep] for f in frames], dtype=np.float64))
    return buffer.getvalue()


def decode_frames(data: bytes) -> list:
    import numpy as np

    from model_backend.image.image_types import DenoisePreview

    with np.load(io.BytesIO(data)) as archive:
        meta = archive["meta"]
        return [DenoisePreview(int(m[0]), int(m[1]), int(m[2]), float(m[3]), archive[f"frame{i}"])
                for i, m in enumerate(meta)]
