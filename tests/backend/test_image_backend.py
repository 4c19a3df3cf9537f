"""Image jobs on a tiny random diffusers pipeline: previews, seeds, Stop, sizes, gallery metadata."""
import threading

import numpy as np
import pytest

from model_backend.core.errors import ErrorKind
from model_backend.core.jobs import Cancelled, Failed, Partial, Result
from model_backend.engine import Backend
from model_backend.image.filmstrip import contact_sheet, save_gif
from model_backend.image.forward_process import NoiseSchedule
from model_backend.image.gallery import Gallery, read_settings
from model_backend.image.image_types import DenoisePreview, ImageRequest, PreviewMode
from tests.fixtures.jobs import run_job as run


@pytest.fixture
def backend(app_home):
    return Backend(app_home)


def request(model_dir, **changes):
    values = dict(prompt="a red circle", model_id=f"path:{model_dir}", steps=4, seed=11)
    values.update(changes)
    return ImageRequest(**values)


def test_generation_streams_previews_and_saves_with_metadata(backend, tiny_sd_dir, app_home):
    events = run(backend, request(tiny_sd_dir, batch_count=2, preview_every=1))
    result = events[-1].value
    previews = [e.payload for e in events if isinstance(e, Partial)]
    assert [p.step for p in previews if p.image_index == 0] == [1, 2, 3, 4]
    assert all(isinstance(p, DenoisePreview) and p.pixels.dtype == np.uint8 for p in previews)
    assert [image.seed for image in result.images] == [11, 12]
    first = result.images[0]
    assert first.pixels.shape == (16, 16, 3) and len(first.frames) == 4
    settings = read_settings(first.path)
    assert settings["prompt"] == "a red circle" and settings["seed"] == 11 and settings["steps"] == 4
    assert len(Gallery(app_home.images_dir).items()) == 2


def test_same_seed_gives_the_same_image(backend, tiny_sd_dir):
    first = run(backend, request(tiny_sd_dir))[-1].value.images[0].pixels
    again = run(backend, request(tiny_sd_dir))[-1].value.images[0].pixels
    other = run(backend, request(tiny_sd_dir, seed=12))[-1].value.images[0].pixels
    assert np.array_equal(first, again) and not np.array_equal(first, other)


@pytest.mark.parametrize("scheduler", ["ddim", "euler", "euler-ancestral", "dpm++", "pndm"])
def test_every_scheduler_runs(backend, tiny_sd_dir, scheduler):
    assert isinstance(run(backend, request(tiny_sd_dir, scheduler=scheduler))[-1], Result)


def test_stop_discards_the_half_denoised_image(backend, tiny_sd_dir, app_home):
    cancel = threading.Event()

    def stop_at_step_two(event):
        if isinstance(event, Partial) and event.payload.step == 2:
            cancel.set()

    events = run(backend, request(tiny_sd_dir, steps=8, preview_every=1), cancel, stop_at_step_two)
    assert isinstance(events[-1], Cancelled) and events[-1].partial is None
    assert Gallery(app_home.images_dir).items() == []


def test_sizes_are_rounded_and_said(backend, tiny_sd_dir):
    result = run(backend, request(tiny_sd_dir, width=20, height=33))[-1].value
    assert result.images[0].pixels.shape == (32, 16, 3)
    assert any("20 px" in note for note in result.notes) and any("33 px" in note for note in result.notes)


def test_empty_prompt_and_bad_inputs_are_explained(backend, tiny_sd_dir, tmp_path):
    events = run(backend, request(tiny_sd_dir, prompt="  "))
    assert events[-1].kind is ErrorKind.EMPTY_PROMPT
    not_a_picture = tmp_path / "notes.png"
    not_a_picture.write_text("hello")
    events = run(backend, request(tiny_sd_dir, init_image=str(not_a_picture)))
    assert events[-1].kind is ErrorKind.INVALID_INPUT and "could not be opened as a picture" in events[-1].message


def test_image_to_image_starts_from_a_picture(backend, tiny_sd_dir, tmp_path):
    from PIL import Image

    start = tmp_path / "start.png"
    Image.new("RGB", (40, 40), (255, 0, 0)).save(start)
    result = run(backend, request(tiny_sd_dir, init_image=str(start), strength=0.5, steps=6))[-1].value
    assert len(result.images[0].frames) >= 1 and result.images[0].settings["strength"] == 0.5


def test_not_a_diffusers_folder(backend, tiny_chat_model_dir, tmp_path):
    events = run(backend, request(tiny_chat_model_dir))
    assert isinstance(events[-1], Failed) and events[-1].kind is ErrorKind.WRONG_MODEL_KIND
    broken = tmp_path / "broken-sd"
    broken.mkdir()
    (broken / "model_index.json").write_text('{"_class_name": "StableDiffusionPipeline", '
                                             '"unet": ["diffusers", "UNet2DConditionModel"], '
                                             '"scheduler": ["diffusers", "DDIMScheduler"]}')
    events = run(backend, request(broken))
    assert events[-1].kind is ErrorKind.INVALID_MODEL and "missing parts" in events[-1].message


def test_forward_process_and_filmstrip_exports(tmp_path, tiny_sd_dir):
    schedule = NoiseSchedule.for_model_folder(tiny_sd_dir)
    picture = np.full((8, 8, 3), 200, np.uint8)
    assert np.array_equal(schedule.noised(picture, 0), schedule.noised(picture, 0))
    assert np.abs(schedule.noised(picture, 0).astype(int) - 200).mean() < 10  # t=0: almost the picture
    assert schedule.signal_to_noise(0) > 100 > schedule.signal_to_noise(500) > schedule.signal_to_noise(999)
    frames = [np.full((8, 8, 3), value, np.uint8) for value in (0, 128, 255)]
    save_gif(frames, tmp_path / "steps.gif")
    from PIL import Image

    with Image.open(tmp_path / "steps.gif") as gif:
        assert gif.n_frames == 3
    assert contact_sheet(frames, size=16, columns=2).shape == (2 * 20 + 4, 2 * 20 + 4, 3)


def test_preview_modes(backend, tiny_sd_dir):
    fast = run(backend, request(tiny_sd_dir, preview_every=2, previews=PreviewMode.FAST))[-1].value.images[0]
    exact = run(backend, request(tiny_sd_dir, preview_every=2, previews=PreviewMode.EXACT))[-1].value.images[0]
    auto = run(backend, request(tiny_sd_dir, preview_every=2))[-1].value.images[0]
    assert fast.settings["preview"] == "approximate colours" and exact.settings["preview"] == "exact (VAE)"
    assert auto.settings["preview"] == "exact (VAE)"  # a small model: decoding each preview costs little
    assert fast.frames[-1].pixels.shape[:2] == (8, 8)  # latent resolution
    assert exact.frames[-1].pixels.shape == exact.pixels.shape  # a full decode
    assert np.array_equal(fast.pixels, exact.pixels), "previews never change the image itself"


def test_low_memory_option_gives_the_same_image(backend, tiny_sd_dir):
    normal = run(backend, request(tiny_sd_dir))[-1].value.images[0].pixels
    sliced = run(backend, request(tiny_sd_dir, low_memory=True))[-1].value.images[0].pixels
    assert np.abs(normal.astype(int) - sliced.astype(int)).max() <= 2  # attention slicing: same maths
