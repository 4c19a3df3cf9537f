"""Run the "Families" jobs: the same labels through VAE, GAN, flow and diffusion; latent walks; autoencoders.

The diffusion model is the app's built-in text-to-image model, asked with its caption
("a red circle on a blue background"); the engine hands in a function that loads it through the
Image tab's own model cache, so the two pages share one loaded pipeline.
"""
from __future__ import annotations

import time
from threading import Event
from typing import Callable

from model_backend.core.errors import BackendError, ErrorKind, JobCancelled
from model_backend.core.jobs import Emit, Partial, Progress
from model_backend.core.messages import msg
from model_backend.core.validation import require_choice, require_int_range, require_seed
from model_backend.image.family_models import FamilyModelCache, diffusion_accuracy, interpolate, reconstruct, sample
from model_backend.image.family_nets import COLOURS, SHAPES
from model_backend.image.family_types import (
    FAMILIES,
    LATENT_FAMILIES,
    FamilyPictures,
    FamilySamplesRequest,
    FamilySamplesResult,
    InterpolationRequest,
    InterpolationResult,
    LatentSpaceRequest,
    LatentSpaceResult,
    ShapeLabels,
)

MAX_COUNT = 8
MAX_WALK = 16
MAX_DIFFUSION_STEPS = 100
CAPTION = "a {colour} {shape} on a {background} background"  # the diffusion model's training captions
DIFFUSION_FRAMES = 5  # pictures of the denoising shown under the diffusion sample
DRAWING = {"vae": msg("Drawing with the VAE"), "gan": msg("Drawing with the GAN"),
           "flow": msg("Drawing with the flow"), "diffusion": msg("Drawing with the diffusion model")}


def caption(labels: ShapeLabels) -> str:
    return CAPTION.format(colour=labels.colour, shape=labels.shape, background=labels.background)


def validate_labels(labels: ShapeLabels) -> None:
    require_choice(msg("Shape"), labels.shape, SHAPES)
    require_choice(msg("Colour"), labels.colour, COLOURS)
    require_choice(msg("Background"), labels.background, COLOURS)
    if labels.colour == labels.background:
        raise BackendError(ErrorKind.INVALID_INPUT,
                           msg("The shape and the background need different colours: the models never saw a shape on its "
                               "own colour."))


def validate_samples_request(request: FamilySamplesRequest) -> None:
    validate_labels(ShapeLabels(request.shape, request.colour, request.background))
    require_seed(request.seed)
    require_int_range(msg("The number of images"), request.count, 1, MAX_COUNT)
    require_int_range(msg("Steps"), request.diffusion_steps, 1, MAX_DIFFUSION_STEPS)
    for family in request.families:
        require_choice(msg("Family"), family, FAMILIES)


def run_family_samples(request: FamilySamplesRequest, models: FamilyModelCache, load_diffusion: Callable,
                       emit: Emit, cancel: Event) -> FamilySamplesResult:
    """``load_diffusion(progress, cancel)`` returns the built-in model's loaded pipeline (LoadedImageModel)."""
    validate_samples_request(request)
    labels = ShapeLabels(request.shape, request.colour, request.background)
    seeds = [request.seed + i for i in range(request.count)]
    answers = []
    for number, family in enumerate(request.families):
        if cancel.is_set():
            raise JobCancelled()
        emit(Progress(request.job_id, number / len(request.families), DRAWING[family]))
        if family == "diffusion":
            answer = _diffusion_pictures(request, labels, seeds, load_diffusion, emit, cancel)
        else:
            model = models.get(family)
            started = time.perf_counter()
            pictures = sample(model, labels, seeds)
            seconds = (time.perf_counter() - started) / len(seeds)
            answer = FamilyPictures(family, tuple(pictures), seconds, model.accuracy, model.parameters)
        emit(Partial(request.job_id, answer))
        answers.append(answer)
    return FamilySamplesResult(tuple(answers), request.seed)


def _diffusion_pictures(request: FamilySamplesRequest, labels: ShapeLabels, seeds: list[int], load_diffusion: Callable,
                        emit: Emit, cancel: Event) -> FamilyPictures:
    import numpy as np
    import torch

    from model_backend.image.latent_preview import LatentPreviewer

    def progress(fraction, text):
        emit(Progress(request.job_id, None, text))

    loaded = load_diffusion(progress, cancel)
    loaded.use_scheduler("default")
    pipeline = loaded.pipeline
    previewer = LatentPreviewer(pipeline, exact=True)
    every = max(1, request.diffusion_steps // DIFFUSION_FRAMES)
    frames: list = []

    def on_step(pipe, step, timestep, tensors):
        if cancel.is_set():
            pipe._interrupt = True
        elif (step + 1) % every == 0 and len(frames) < DIFFUSION_FRAMES - 1 and step + 1 < request.diffusion_steps:
            frames.append(previewer(tensors["latents"]))
        return tensors

    pictures = []
    started = time.perf_counter()
    for index, seed in enumerate(seeds):
        output = pipeline(prompt=caption(labels), num_inference_steps=request.diffusion_steps, guidance_scale=5.0,
                          generator=torch.Generator(device="cpu").manual_seed(seed), output_type="np",
                          callback_on_step_end=on_step if index == 0 else None)  # frames of the first
        if cancel.is_set():
            raise JobCancelled()
        pictures.append((np.clip(output.images[0], 0, 1) * 255).round().astype(np.uint8))
    seconds = (time.perf_counter() - started) / len(seeds)
    parameters = sum(p.numel() for name in ("unet", "vae", "text_encoder")
                     for p in getattr(pipeline, name).parameters())
    return FamilyPictures("diffusion", tuple(pictures), seconds, diffusion_accuracy(loaded.entry.path), parameters,
                          steps=tuple(frames) + (pictures[0],))


def run_interpolation(request: InterpolationRequest, models: FamilyModelCache, emit: Emit,
                      cancel: Event) -> InterpolationResult:
    require_choice(msg("Family"), request.family, LATENT_FAMILIES)
    validate_labels(request.start)
    validate_labels(request.end)
    require_seed(request.start_seed)
    require_seed(request.end_seed)
    require_int_range(msg("Steps"), request.steps, 2, MAX_WALK)
    model = models.get(request.family)
    pictures = interpolate(model, request.start, request.end, request.start_seed, request.end_seed, request.steps)
    return InterpolationResult(request.family, tuple(pictures))


def picture_of(request):
    """The picture of a request with ``path`` or ``pixels`` (LatentSpaceRequest, InpaintRequest), 64×64."""
    import numpy as np
    from PIL import Image, ImageOps, UnidentifiedImageError

    if request.path:
        try:
            with Image.open(request.path) as opened:
                picture = opened.convert("RGB")
        except (OSError, UnidentifiedImageError, ValueError) as exc:
            raise BackendError(ErrorKind.INVALID_INPUT,
                               msg("{path} could not be opened as a picture: choose a PNG, JPEG or similar image file.",
                                   path=request.path), details=repr(exc)) from exc
    elif request.pixels is not None:
        picture = Image.fromarray(np.ascontiguousarray(request.pixels, dtype=np.uint8)).convert("RGB")
    else:
        raise BackendError(ErrorKind.INVALID_INPUT, msg("Open a picture first, or generate one."))
    # A square from the middle, at the 64×64 the models were trained on.
    picture = ImageOps.fit(picture, (64, 64), Image.Resampling.LANCZOS)
    return np.asarray(picture, dtype=np.uint8)


def run_latent_space(request: LatentSpaceRequest, models: FamilyModelCache, emit: Emit,
                     cancel: Event) -> LatentSpaceResult:
    import numpy as np
    import torch

    original = picture_of(request)
    emit(Progress(request.job_id, 0.2, msg("Encoding the picture")))
    vae = models.diffusion_vae()
    x = torch.from_numpy(original.astype(np.float32) / 127.5 - 1.0).permute(2, 0, 1)[None]
    with torch.inference_mode():
        latent = vae.encode(x).latent_dist.mean
        decoded = vae.decode(latent).sample
    decoded_u8 = ((decoded[0].clamp(-1, 1) + 1) * 127.5).round().to(torch.uint8).permute(1, 2, 0).numpy()
    channels = tuple(latent[0, c].float().numpy().copy() for c in range(latent.shape[1]))
    error = float(np.mean(((decoded_u8.astype(np.float32) - original.astype(np.float32)) / 255.0) ** 2))
    if cancel.is_set():
        raise JobCancelled()
    vae_picture = vae_error = vae_labels = None
    try:
        tiny = models.get("vae")
    except BackendError:
        tiny = None
    if tiny is not None:
        vae_picture, vae_labels = reconstruct(tiny, original)
        vae_error = float(np.mean(((vae_picture.astype(np.float32) - original.astype(np.float32)) / 255.0) ** 2))
    return LatentSpaceResult(original, channels, (float(latent.min()), float(latent.max())), decoded_u8, error,
                             original.size / latent[0].numel(), vae_picture, vae_error, vae_labels)
