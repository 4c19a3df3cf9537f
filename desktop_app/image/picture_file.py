"""A picture file read into RGB pixels for the image pages that look at one (forward process, vision).

Photos from a phone are far bigger than any of these pages needs, so the picture is shrunk while it is
read (its longest side at most ``longest_side``); a file that is not a picture gives ``None``, and the
page says so in its own words.
"""
from __future__ import annotations

import numpy as np


def read_picture(path: str, longest_side: int) -> np.ndarray | None:
    """(height, width, 3) uint8 pixels of the picture at ``path``, shrunk to fit ``longest_side``; None if unreadable."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as picture:
            picture.thumbnail((longest_side, longest_side))
            return np.asarray(picture.convert("RGB"))
    except (OSError, UnidentifiedImageError, ValueError):
        return None
