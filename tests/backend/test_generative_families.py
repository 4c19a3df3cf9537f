"""The tiny VAE, GAN and flow beside the built-in diffusion model (resources/models/shapes-*).

Real shipped weights, loaded the way the app loads them (safetensors, weights only). The numbers:
pictures of the right shape and type, seeds that reproduce, latent walks that start and end on the
two seeds' own samples, a VAE that reconstructs within a bound, the diffusion model's own VAE giving
4 latent channels of 16×16, and every family scoring above chance on the shape checker
(training/evaluate_shapes.py), both as recorded at training and measured again here.
"""
from __future__ import annotations

import json
from threading import Event

import numpy as np
import pytest
from PIL import Image

from model_backend.core.errors import BackendError
from model_backend.core.jobs import Partial
from model_backend.image.families_runner import (
    run_family_samples,
    run_interpolation,
    run_latent_space,
    validate_samples_request,
)
from model_backend.image.family_models import FOLDERS, FamilyModelCache, models_dir, reconstruct, sample
from model_backend.image.family_types import (
    FamilyPictures,
    FamilySamplesRequest,
    InterpolationRequest,
    LatentSpaceRequest,
    ShapeLabels,
)
from training.evaluate_shapes import analyse_image, evaluation_prompts, score
from training.shapes_dataset import make_dataset

CHANCE_ALL_THREE = 1 / 3 * 1 / 6 * 1 / 6  # shape, colour and background right by guessing
TINY = ("vae", "gan", "flow")


@pytest.fixture(scope="module")
def cache():
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield FamilyModelCache()
    torch.set_num_threads(threads)


def events():
    seen = []
    return seen, seen.append


@pytest.mark.parametrize("family", TINY)
def test_each_folder_holds_weights_a_config_and_a_model_card(family):
    folder = models_dir() / FOLDERS[family]
    config = json.loads((folder / "config.json").read_text())
    assert config["family"] == family and config["seed"] == 0
    assert (folder / "model.safetensors").stat().st_size < 8_000_000  # a few MB at most
    assert "## Measured accuracy" in (folder / "README.md").read_text()
    assert config["evaluation"]["all_three"] > CHANCE_ALL_THREE  # recorded when it was trained
    assert config["minutes"] < 60  # on one thread of a 2-core machine shared with other jobs


@pytest.mark.parametrize("family", TINY)
def test_samples_are_64_pixel_rgb_and_seeds_reproduce(cache, family):
    model = cache.get(family)
    labels = ShapeLabels("triangle", "yellow", "purple")
    first = sample(model, labels, [3, 4])
    again = sample(model, labels, [3, 4])
    assert [p.shape for p in first] == [(64, 64, 3)] * 2 and all(p.dtype == np.uint8 for p in first)
    assert all(np.array_equal(a, b) for a, b in zip(first, again))
    assert not np.array_equal(first[0], first[1])  # another seed, another picture
    alone = sample(model, labels, [3])[0]  # a batch of one: the same picture, up to float rounding
    assert np.abs(alone.astype(int) - first[0].astype(int)).max() <= 2


@pytest.mark.slow
@pytest.mark.parametrize("family", TINY)
def test_each_family_scores_above_chance_on_the_shape_checker(cache, family):
    model = cache.get(family)
    triples = evaluation_prompts(45, seed=99)
    analyses = []
    for index, (shape, colour, background) in enumerate(triples):
        picture = sample(model, ShapeLabels(shape, colour, background), [500 + index])[0]
        analyses.append(analyse_image(Image.fromarray(picture)))
    accuracy = score(zip(analyses, triples))
    assert accuracy["background_colour"] > 1 / 6 and accuracy["shape_colour"] > 1 / 6
    assert accuracy["all_three"] > 3 * CHANCE_ALL_THREE


@pytest.mark.parametrize("family", ("vae", "gan"))
def test_a_latent_walk_starts_and_ends_on_the_two_samples(cache, family):
    start, end = ShapeLabels("circle", "red", "blue"), ShapeLabels("square", "yellow", "blue")
    result = run_interpolation(InterpolationRequest(family, start, end, 5, 9, 6), cache, lambda e: None, Event())
    assert len(result.pictures) == 6
    model = cache.get(family)
    first, last = sample(model, start, [5])[0], sample(model, end, [9])[0]
    assert np.abs(result.pictures[0].astype(int) - first.astype(int)).max() <= 1
    assert np.abs(result.pictures[-1].astype(int) - last.astype(int)).max() <= 1
    steps = [np.abs(a.astype(int) - b.astype(int)).mean() for a, b in zip(result.pictures, result.pictures[1:])]
    assert max(steps) < np.abs(first.astype(int) - last.astype(int)).mean()  # smooth: no jump as big as the whole way


def test_the_vae_reconstructs_a_data_set_picture_and_names_it(cache):
    samples, pictures = make_dataset(12, seed=321)  # not the training seed
    errors, right = [], 0
    for described, picture in zip(samples, pictures):
        rebuilt, guess = reconstruct(cache.get("vae"), picture)
        errors.append(np.mean(((rebuilt.astype(np.float32) - picture) / 255.0) ** 2))
        right += guess == ShapeLabels(described.shape, described.colour, described.background)
    assert rebuilt.shape == (64, 64, 3) and rebuilt.dtype == np.uint8
    assert float(np.mean(errors)) < 0.03  # a grey picture would be about 0.1
    assert right >= 8


def test_the_diffusion_models_own_vae_gives_four_16_by_16_channels(cache, tmp_path):
    _, pictures = make_dataset(1, seed=5)
    path = tmp_path / "mine.png"
    Image.fromarray(pictures[0]).resize((200, 120)).save(path)  # any size: cut to a square, 64×64
    result = run_latent_space(LatentSpaceRequest(path=str(path)), cache, lambda e: None, Event())
    assert result.original.shape == (64, 64, 3) and result.decoded.shape == (64, 64, 3)
    assert len(result.latent_channels) == 4 and all(c.shape == (16, 16) for c in result.latent_channels)
    assert result.compression == pytest.approx(12.0)
    low, high = result.latent_range
    assert low == pytest.approx(min(c.min() for c in result.latent_channels))
    assert high == pytest.approx(max(c.max() for c in result.latent_channels))
    recomputed = np.mean(((result.decoded.astype(np.float32) - result.original) / 255.0) ** 2)
    assert result.error == pytest.approx(recomputed, rel=1e-4) and result.error < 0.02
    assert result.vae_reconstruction.shape == (64, 64, 3) and result.vae_error is not None


def test_latent_space_needs_a_picture(cache, tmp_path):
    with pytest.raises(BackendError):
        run_latent_space(LatentSpaceRequest(), cache, lambda e: None, Event())
    broken = tmp_path / "not.png"
    broken.write_text("no picture")
    with pytest.raises(BackendError):
        run_latent_space(LatentSpaceRequest(path=str(broken)), cache, lambda e: None, Event())


def test_bad_requests_get_a_sentence_before_any_work():
    for request in (FamilySamplesRequest(shape="hexagon"), FamilySamplesRequest(colour="blue", background="blue"),
                    FamilySamplesRequest(count=0), FamilySamplesRequest(families=("vae", "transformer")),
                    FamilySamplesRequest(seed=-1)):
        with pytest.raises(BackendError) as raised:
            validate_samples_request(request)
        assert raised.value.message


def test_the_tiny_models_are_not_offered_as_models_elsewhere(app_home):
    from model_backend.core.registry import ModelRegistry

    entries, problems = ModelRegistry(app_home).scan()
    ids = {entry.model_id for entry in entries}
    assert "builtin:shapes-diffusion" in ids
    assert not ids & {f"builtin:{name}" for name in FOLDERS.values()}
    assert not [p for p in problems if p.path.name in FOLDERS.values()]


@pytest.mark.slow
def test_all_four_families_answer_one_request(cache, app_home):
    from model_backend.core.registry import ModelRegistry
    from model_backend.image.image_model import ImageModelCache

    registry = ModelRegistry(app_home)

    def load_diffusion(progress, cancel):
        return ImageModelCache(registry).get(registry.resolve("builtin:shapes-diffusion"), "cpu", False, progress, cancel)

    seen, emit = events()
    request = FamilySamplesRequest("square", "green", "white", seed=7, count=2, diffusion_steps=10)
    result = run_family_samples(request, cache, load_diffusion, emit, Event())
    assert [answer.family for answer in result.families] == ["vae", "gan", "flow", "diffusion"]
    streamed = [e.payload for e in seen if isinstance(e, Partial) and isinstance(e.payload, FamilyPictures)]
    assert [answer.family for answer in streamed] == ["vae", "gan", "flow", "diffusion"]
    for answer in result.families:
        assert len(answer.pictures) == 2 and all(p.shape == (64, 64, 3) for p in answer.pictures)
        assert answer.seconds_per_image > 0 and answer.parameters > 10_000
        assert answer.accuracy["all_three"] > CHANCE_ALL_THREE
    diffusion = result.families[-1]
    assert 2 <= len(diffusion.steps) <= 5 and np.array_equal(diffusion.steps[-1], diffusion.pictures[0])
    assert diffusion.seconds_per_image > result.families[0].seconds_per_image  # many steps against one pass


@pytest.mark.slow
def test_hidden_patches_are_filled_in_by_the_diffusion_model(app_home):
    from model_backend.core.registry import ModelRegistry
    from model_backend.image.family_types import InpaintRequest
    from model_backend.image.image_model import ImageModelCache
    from model_backend.image.inpainting import hidden_mask, run_inpaint

    registry = ModelRegistry(app_home)

    def load_diffusion(progress, cancel):
        return ImageModelCache(registry).get(registry.resolve("builtin:shapes-diffusion"), "cpu", False, progress, cancel)

    mask = hidden_mask(16, 0.25, seed=3)
    assert mask.shape == (64, 64) and mask.sum() == 4 * 16 * 16  # 4 of the 16 patches
    assert np.array_equal(mask, hidden_mask(16, 0.25, seed=3))
    _, pictures = make_dataset(6, seed=77)
    errors, baselines = [], []
    for index, picture in enumerate(pictures):
        request = InpaintRequest(pixels=picture, patch=16, fraction=0.25, seed=index, steps=20)
        result = run_inpaint(request, picture, load_diffusion, lambda e: None, Event())
        assert result.restored.shape == (64, 64, 3) and result.restored.dtype == np.uint8
        assert np.array_equal(result.restored[~result.hidden], picture[~result.hidden])  # the visible part is kept
        assert (result.masked[result.hidden] == 128).all()
        errors.append(result.error)
        baselines.append(result.baseline_error)
    assert np.mean(errors) < np.mean(baselines)  # better than filling the holes with the average colour
