"""The built-in image model through the app's own backend (registry id, job, gallery), not bare diffusers."""
from __future__ import annotations

import threading

import pytest
from PIL import Image

from model_backend.core.jobs import Result
from model_backend.core.model_inspection import ModelKind
from model_backend.core.registry import ModelRegistry, ModelSource
from model_backend.engine import Backend
from model_backend.image.image_types import ImageRequest
from training.evaluate_shapes import analyse_image

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

CASES = [("red", "circle", "blue"), ("yellow", "triangle", "purple"), ("green", "circle", "white")]


def test_builtin_model_follows_prompts_through_the_backend(app_home):
    (entry,) = [e for e in ModelRegistry(app_home).models(ModelKind.IMAGE) if e.source is ModelSource.BUILTIN]
    assert entry.model_id == "builtin:shapes-diffusion"
    backend = Backend(app_home)
    correct = 0
    for index, (colour, shape, background) in enumerate(CASES):
        events = []
        request = ImageRequest(prompt=f"a {colour} {shape} on a {background} background", model_id=entry.model_id,
                               steps=25, guidance=5.0, seed=100 + index)
        backend.run(request, events.append, threading.Event())
        assert isinstance(events[-1], Result), events[-1]
        image = events[-1].value.images[0]
        assert image.pixels.shape == (64, 64, 3) and image.frames
        found = analyse_image(Image.fromarray(image.pixels))
        correct += (found.colour, found.shape, found.background) == (colour, shape, background)
    assert correct >= 2, "the built-in model should draw what it is asked for"
