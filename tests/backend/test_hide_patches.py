"""Hide patches, let the model fill them in (issue 16 item 8b) through the Backend, on the real built-in
diffusion model (8 MB, seconds on a CPU): the diffusion model restores the hidden patches of shape pictures
better than its VAE alone, the same seed gives the same picture, and Stop ends the job with Cancelled."""
from __future__ import annotations

import threading

import numpy as np
import pytest

from model_backend.core.jobs import Cancelled, Partial, Progress, Result
from model_backend.engine import Backend
from model_backend.image.family_types import InpaintPreview, InpaintRequest, InpaintResult
from tests.fixtures.jobs import run_job as run
from training.shapes_dataset import make_dataset

pytestmark = pytest.mark.slow


@pytest.fixture
def backend(app_home):
    engine = Backend(app_home)
    yield engine
    engine.shutdown()


def test_diffusion_restores_hidden_patches_better_than_the_vae_alone(backend):
    _, pictures = make_dataset(6, seed=5)
    errors, vae_errors = [], []
    for index, picture in enumerate(pictures):
        events = run(backend, InpaintRequest(pixels=picture, patch=16, fraction=0.25, seed=index, steps=15))
        result = events[-1].value
        assert isinstance(result, InpaintResult)
        visible = ~result.hidden
        assert result.hidden.mean() == 0.25  # 4 of the 16 patches
        for picture_out in (result.restored, result.vae_only):
            assert picture_out.shape == (64, 64, 3) and picture_out.dtype == np.uint8
            assert np.array_equal(picture_out[visible], picture[visible])  # the visible region is kept
        assert result.vae_only_error == pytest.approx(
            np.mean((result.vae_only.astype(np.float32) / 255 - picture / 255)[result.hidden] ** 2), rel=1e-5)
        steps = [e.fraction for e in events if isinstance(e, Progress) and e.fraction]
        assert steps[-1] == 1.0 and len(steps) >= 15  # progress per denoising step
        previews = [e.payload for e in events if isinstance(e, Partial)]
        assert [p.step for p in previews] == list(range(1, 15)) and all(isinstance(p, InpaintPreview) for p in previews)
        assert all(np.array_equal(p.pixels[visible], picture[visible]) for p in previews)  # guesses keep it too
        errors.append(result.error)
        vae_errors.append(result.vae_only_error)
    # The VAE alone cannot invent what it does not see; the diffusion model draws background and shape back.
    assert np.mean(errors) < 0.5 * np.mean(vae_errors)
    assert sum(e < v for e, v in zip(errors, vae_errors)) >= 5


def test_same_seed_same_restoration_and_another_seed_hides_other_patches(backend):
    _, pictures = make_dataset(1, seed=9)
    first = run(backend, InpaintRequest(pixels=pictures[0], patch=8, fraction=0.3, seed=4, steps=6))[-1].value
    again = run(backend, InpaintRequest(pixels=pictures[0], patch=8, fraction=0.3, seed=4, steps=6))[-1].value
    other = run(backend, InpaintRequest(pixels=pictures[0], patch=8, fraction=0.3, seed=5, steps=6))[-1].value
    assert np.array_equal(first.restored, again.restored) and np.array_equal(first.vae_only, again.vae_only)
    assert first.error == again.error
    assert not np.array_equal(first.hidden, other.hidden)
    assert first.hidden.sum() == round(0.3 * 64) * 8 * 8


def test_stop_mid_way_ends_with_cancelled(backend):
    _, pictures = make_dataset(1, seed=2)
    cancel = threading.Event()
    seen = []

    def stop_at_step_three(event):
        if isinstance(event, Progress) and event.fraction:
            seen.append(event.fraction)
            if len(seen) == 3:
                cancel.set()

    events = run(backend, InpaintRequest(pixels=pictures[0], steps=20), cancel, stop_at_step_three)
    assert isinstance(events[-1], Cancelled)
    assert len(seen) == 3 and not any(isinstance(e, Result) for e in events)
