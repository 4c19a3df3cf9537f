"""Generate images with a diffusers pipeline, streaming the reverse process step by step.

``callback_on_step_end`` reports progress, makes the filmstrip previews and reads the cancel event;
on Stop it sets the pipeline's interrupt flag, and the half-denoised image that diffusers still
decodes is discarded, never shown or saved as a result.
"""
from __future__ import annotations

import time
from pathlib import Path
from threading import Event

from model_backend.core.errors import BackendError, ErrorKind, JobCancelled
from model_backend.core.jobs import Emit, Partial, Progress
from model_backend.core.messages import msg
from model_backend.core.seeds import resolve_seed
from model_backend.core.validation import (
    require_choice,
    require_clean_text,
    require_device,
    require_finite_range,
    require_int_range,
    require_model_chosen,
    require_seed,
)
from model_backend.image.gallery import Gallery
from model_backend.image.image_model import LoadedImageModel
from model_backend.image.image_types import (
    CHEAP_EXACT_PREVIEW_SIZE,
    SCHEDULERS,
    DenoisePreview,
    GeneratedImage,
    ImageRequest,
    ImageResult,
    PreviewMode,
)
from model_backend.image.latent_preview import LatentPreviewer

MAX_SIDE = 2048
MIN_SIDE = 8
MAX_STEPS = 200
MAX_GUIDANCE = 30.0
MAX_BATCH = 16
MIN_STRENGTH = 0.05
MAX_PROMPT_CHARS = 4000  # CLIP reads 77 tokens; the rest is cut, so anything longer is a paste gone wrong
PROMPT_HINT = msg("The text encoder reads only the first 77 tokens (about 60 words): shorten it.")
PREVIEWS_PER_IMAGE = 10


def size_multiple(loaded: LoadedImageModel) -> int:
    """Sides must divide by the VAE factor times the UNet's downsampling."""
    unet = getattr(loaded.pipeline, "unet", None)
    blocks = len(getattr(getattr(unet, "config", None), "block_out_channels", (0,)))
    return max(8, loaded.vae_scale_factor * 2 ** max(0, blocks - 1))  # pipelines also insist on multiples of 8


def fit_size(request: ImageRequest, loaded: LoadedImageModel) -> tuple[int, int, list[str]]:
    multiple = size_multiple(loaded)
    notes = []
    sides = []
    for asked in (request.width or loaded.native_size, request.height or loaded.native_size):
        side = max(multiple, min(MAX_SIDE, int(round(asked / multiple)) * multiple))
        if side != asked:
            notes.append(msg("{asked} px is not a size this model can make; {side} px was used (sides must be multiples "
                             "of {multiple}, at most {limit}).", asked=asked, side=side, multiple=multiple, limit=MAX_SIDE))
        sides.append(side)
    return sides[0], sides[1], notes


def _open_start_picture(path: str, width: int, height: int):
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as picture:
            return picture.convert("RGB").resize((width, height))
    except (OSError, UnidentifiedImageError, ValueError) as exc:
        raise BackendError(ErrorKind.INVALID_INPUT,
                           msg("{path} could not be opened as a picture: choose a PNG, JPEG or similar image file.",
                               path=path),
                           details=repr(exc)) from exc


def validate_image_request(request: ImageRequest, text_conditioned: bool = True) -> None:
    """Ranges of the Image tab's form (desktop_app/image/image_settings_panel.py); the prompt is required once
    the model is known to read one."""
    require_clean_text(msg("The prompt"), request.prompt, MAX_PROMPT_CHARS, hint=PROMPT_HINT)
    require_clean_text(msg("The negative prompt"), request.negative_prompt, MAX_PROMPT_CHARS, hint=PROMPT_HINT)
    if text_conditioned and not request.prompt.strip():
        raise BackendError(ErrorKind.EMPTY_PROMPT,
                           msg("Type a prompt: this model draws what the text describes (only unconditional models can "
                               "start from nothing)."))
    require_int_range(msg("Steps"), request.steps, 1, MAX_STEPS,
                      hint=msg("Each step removes a little noise; 20-30 is typical."))
    require_finite_range(msg("Guidance"), request.guidance, 0.0, MAX_GUIDANCE,
                         hint=msg("0 ignores the prompt; 5-8 is typical (Turbo models use 0)."))
    for name, side in ((msg("Width"), request.width), (msg("Height"), request.height)):
        if side is not None:
            require_int_range(name, side, MIN_SIDE, MAX_SIDE, unit=msg(" pixels"),
                              hint=msg("Leave it empty to use the model's own size."))
    require_choice(msg("Scheduler"), request.scheduler, SCHEDULERS)
    require_seed(request.seed)
    require_int_range(msg("The number of images"), request.batch_count, 1, MAX_BATCH)
    require_finite_range(msg("Strength"), request.strength, MIN_STRENGTH, 1.0,
                         hint=msg("It is how much of the start picture is replaced by noise."))
    require_int_range(msg("The preview interval"), request.preview_every, 0, MAX_STEPS, unit=msg(" steps"))
    require_choice(msg("Previews"), str(request.previews), tuple(mode.value for mode in PreviewMode))
    if request.init_image and not Path(request.init_image).is_file():
        raise BackendError(ErrorKind.INVALID_INPUT,
                           msg("The start picture {path} does not exist (was it moved or deleted?). Choose it again, "
                               "or clear it to start from noise.", path=request.init_image))
    require_model_chosen(request.model_id)
    require_device(request.device)


def run_image(request: ImageRequest, loaded: LoadedImageModel, emit: Emit, cancel: Event,
              gallery: Gallery) -> ImageResult:
    import numpy as np
    import torch

    validate_image_request(request, loaded.text_conditioned)
    width, height, notes = fit_size(request, loaded)
    steps = max(1, min(200, request.steps))
    batch = max(1, min(16, request.batch_count))
    loaded.use_scheduler(request.scheduler)
    pipeline = loaded.pipeline
    kwargs = {}
    if request.init_image:
        from diffusers import AutoPipelineForImage2Image

        kwargs = {"image": _open_start_picture(request.init_image, width, height),
                  "strength": min(1.0, max(0.05, request.strength))}
        pipeline = AutoPipelineForImage2Image.from_pipe(loaded.pipeline)
        pipeline.set_progress_bar_config(disable=True)
    else:
        kwargs = {"width": width, "height": height}
    mode = PreviewMode(request.previews)
    exact = mode is PreviewMode.EXACT or (mode is PreviewMode.AUTO and loaded.native_size <= CHEAP_EXACT_PREVIEW_SIZE)
    previewer = LatentPreviewer(pipeline, exact=exact)
    base_seed = resolve_seed(request.seed)
    every = request.preview_every or max(1, steps // PREVIEWS_PER_IMAGE)
    images = []
    preview_seconds = 0.0
    started = time.monotonic()
    for index in range(batch):
        seed = base_seed + index
        frames: list[DenoisePreview] = []

        def on_step(pipe, step, timestep, tensors, index=index, frames=frames):
            nonlocal preview_seconds
            if cancel.is_set():
                pipe._interrupt = True
                return tensors
            total = int(getattr(pipe, "num_timesteps", steps) or steps)
            emit(Progress(request.job_id, (index * total + step + 1) / (batch * total),
                          msg("Image {number} of {count}: denoising step {step} of {total}", number=index + 1,
                              count=batch, step=step + 1, total=total)))
            if (step + 1) % every == 0 or step + 1 == total:
                began = time.monotonic()
                frame = DenoisePreview(index, step + 1, total, float(timestep), previewer(tensors["latents"]))
                preview_seconds += time.monotonic() - began
                frames.append(frame)
                emit(Partial(request.job_id, frame))
            return tensors

        # A CPU generator gives the same picture for the same seed on every device.
        generator = torch.Generator(device="cpu").manual_seed(seed)
        output = pipeline(prompt=request.prompt, negative_prompt=request.negative_prompt or None,
                          num_inference_steps=steps, guidance_scale=request.guidance, generator=generator,
                          callback_on_step_end=on_step, output_type="np", **kwargs)
        if cancel.is_set():
            raise JobCancelled()  # diffusers still decoded the half-denoised latents: discard them
        pixels = (np.clip(output.images[0], 0, 1) * 255).round().astype(np.uint8)
        settings = {
            "prompt": request.prompt, "negative_prompt": request.negative_prompt, "seed": seed, "steps": steps,
            "guidance": request.guidance, "scheduler": request.scheduler, "width": width, "height": height,
            "model": loaded.entry.name, "model_id": loaded.entry.model_id, "device": loaded.device.label,
            "init_image": request.init_image, "strength": request.strength if request.init_image else None,
            "seconds": round(time.monotonic() - started, 2), "created": time.strftime("%Y-%m-%d %H:%M:%S"),
            "preview": previewer.mode,
        }
        path = gallery.save(pixels, settings, frames)
        images.append(GeneratedImage(pixels, seed, tuple(frames), str(path), settings))
    return ImageResult(tuple(images), time.monotonic() - started, preview_seconds, tuple(notes))
