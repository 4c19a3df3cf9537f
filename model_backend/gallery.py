"""The image gallery: PNG files whose metadata holds everything needed to make them again.

Each image is encoded in memory and written atomically, so a crash never leaves half a PNG.
"""
from __future__ import annotations

import io
import json
import time
from dataclasses import dataclass
from pathlib import Path

from model_backend.atomic import atomic_write_bytes

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
    info.add_text("parameters", f"{settings.get('prompt', '')}\nNegative prompt: {settings.get('negative_prompt', '')}\n"
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

    def save(self, pixels, settings: dict) -> Path:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        path = self.folder / f"{stamp}-seed{settings.get('seed', 0)}.png"
        counter = 1
        while path.exists():
            path = self.folder / f"{stamp}-seed{settings.get('seed', 0)}-{counter}.png"
            counter += 1
        atomic_write_bytes(path, encode_png(pixels, settings))
        return path

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
