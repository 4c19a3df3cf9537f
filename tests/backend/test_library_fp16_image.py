"""The catalogue's 16-bit Stable Diffusion entries fetch the hub's ``*.fp16.safetensors`` files and save them under
the plain names (``save_as``), so the app's loader, which asks for no variant, finds them. Checked on a tiny
pipeline saved by diffusers with ``variant="fp16"`` in float16, renamed exactly as the catalogue says, with the
model_index.json the real SD 1.5 repository has (a safety checker the app never loads): it is listed, loads on the
CPU in float32 (half precision is slow or unsupported there) and draws what the full-precision original draws."""
from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from model_backend.core.model_inspection import ModelKind
from model_backend.core.registry import ModelRegistry
from model_backend.engine import Backend
from model_backend.image.image_types import ImageRequest
from model_backend.library.catalogue import find_entry
from tests.fixtures.jobs import run_job

# What stable-diffusion-v1-5/stable-diffusion-v1-5's model_index.json (541 bytes) names beside the parts the tiny
# pipeline has, as a duplicate of that repository shows it (huggingface.co/pcuenq/stable-diffusion-v1-5); nota-ai/
# bk-sdm-tiny ships the same two folders. diffusers reads "stable_diffusion" as its own pipelines package.
SD15_EXTRA_PARTS = {"feature_extractor": ["transformers", "CLIPImageProcessor"],
                    "safety_checker": ["stable_diffusion", "StableDiffusionSafetyChecker"]}


@pytest.fixture(scope="module")
def as_the_catalogue_saves_it(tiny_sd_dir, tmp_path_factory):
    """The tiny pipeline as an fp16 variant, its weight files renamed by the SD 1.5 entry's save_as."""
    import torch
    from diffusers import StableDiffusionPipeline
    from transformers import CLIPImageProcessor

    folder = tmp_path_factory.mktemp("library") / "stable-diffusion-1.5"
    pipeline = StableDiffusionPipeline.from_pretrained(tiny_sd_dir, safety_checker=None, requires_safety_checker=False)
    pipeline.to(torch.float16).save_pretrained(folder, variant="fp16", safe_serialization=True)
    renamed = 0
    for file in find_entry("stable-diffusion-1.5").files:
        if file.save_as and (folder / file.path).is_file():
            (folder / file.path).rename(folder / file.save_as)
            renamed += 1
    assert renamed == 3 and not list(folder.rglob("*.fp16.*"))  # text encoder, U-Net and VAE
    index = json.loads((folder / "model_index.json").read_text())
    index.update(SD15_EXTRA_PARTS)
    index.pop("requires_safety_checker", None)  # the hub's file has no such key
    (folder / "model_index.json").write_text(json.dumps(index))
    CLIPImageProcessor().save_pretrained(folder / "feature_extractor")
    return folder


def test_every_fp16_file_of_the_16_bit_entries_is_saved_under_the_plain_name():
    for entry_id in ("stable-diffusion-1.5", "sdxl-turbo"):
        weights = [f for f in find_entry(entry_id).files if f.path.endswith(".safetensors")]
        assert weights and all(".fp16." in f.path for f in weights), entry_id
        assert all(f.local_path == f.path.replace(".fp16.", ".") for f in weights), entry_id


def test_the_renamed_fp16_folder_is_listed_and_draws_like_the_original_on_the_cpu(as_the_catalogue_saves_it,
                                                                                 tiny_sd_dir, app_home):
    import safetensors
    import torch

    with safetensors.safe_open(str(as_the_catalogue_saves_it / "unet" / "diffusion_pytorch_model.safetensors"),
                               "pt") as weights:
        assert weights.get_tensor(next(iter(weights.keys()))).dtype == torch.float16  # really half precision
    target = app_home.models_dir / "stable-diffusion-1.5"
    shutil.copytree(as_the_catalogue_saves_it, target)
    entry = ModelRegistry(app_home).resolve(f"path:{target.resolve()}")
    assert entry.kind is ModelKind.IMAGE

    backend = Backend(app_home)
    request = dict(prompt="a red circle", steps=3, seed=5, device="cpu")
    drawn = run_job(backend, ImageRequest(model_id=entry.model_id, **request))[-1].value.images[0].pixels
    pipeline = backend.image_models.loaded.pipeline
    assert {p.dtype for part in (pipeline.unet, pipeline.vae, pipeline.text_encoder) for p in part.parameters()} == {
        torch.float32}
    assert pipeline.safety_checker is None
    original = run_job(backend, ImageRequest(model_id=f"path:{tiny_sd_dir}", **request))[-1].value.images[0].pixels
    difference = np.abs(drawn.astype(int) - original.astype(int))
    assert drawn.shape == original.shape and drawn.std() > 0  # a picture, not a blank (NaN) one
    assert difference.mean() < 2.0 and difference.max() <= 16  # only the weights' rounding to 16 bits differs


def test_a_folder_without_the_safety_checkers_preprocessor_still_loads(as_the_catalogue_saves_it, app_home):
    """model_index.json names feature_extractor (the safety checker's input), but a download may leave it out."""
    target = app_home.models_dir / "bk-sdm-tiny"
    shutil.copytree(as_the_catalogue_saves_it, target, ignore=shutil.ignore_patterns("feature_extractor"))
    assert "feature_extractor" in json.loads((target / "model_index.json").read_text())
    events = run_job(Backend(app_home), ImageRequest(prompt="a red circle", model_id=f"path:{target.resolve()}",
                                                     steps=2, seed=1, device="cpu"))
    assert events[-1].value.images[0].pixels.std() > 0
