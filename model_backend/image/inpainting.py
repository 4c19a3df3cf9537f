"""Hide patches, let the model fill them in: inpainting with the built-in latent diffusion model.

RePaint (Lugmayr et al. 2022) without its resampling loops: at every denoising step the visible part of
the latent is replaced by the picture's own latent noised to that step's level, so the model only ever
invents the hidden part, and invents it to fit what it sees around it. The prompt is empty (the model
was trained with 10 % empty captions): nothing but the visible patches tells it what to draw.
"""
from __future__ import annotations

import time
from threading import Event
from typing import Callable

from model_backend.core.errors import JobCancelled
from model_backend.core.jobs import Emit, Partial, Progress
from model_backend.core.messages import msg
from model_backend.core.validation import require_choice, require_finite_range, require_int_range, require_seed
from model_backend.image.family_types import InpaintPreview, InpaintRequest, InpaintResult

PATCHES = (8, 16)


def validate_inpaint_request(request: InpaintRequest) -> None:
    require_choice(msg("Patch size"), str(request.patch), tuple(str(p) for p in PATCHES))
    require_finite_range(msg("The hidden share"), request.fraction, 0.05, 0.75)
    require_seed(request.seed)
    require_int_range(msg("Steps"), request.steps, 1, 100)


def hidden_mask(patch: int, fraction: float, seed: int, size: int = 64):
    """bool size×size: a seeded random choice of whole patches (at least one, never all)."""
    import numpy as np

    cells = size // patch
    count = min(cells * cells - 1, max(1, round(fraction * cells * cells)))
    chosen = np.random.default_rng(seed).choice(cells * cells, size=count, replace=False)
    grid = np.zeros(cells * cells, dtype=bool)
    grid[chosen] = True
    return np.kron(grid.reshape(cells, cells), np.ones((patch, patch), dtype=bool)).astype(bool)


def inpaint(pipeline, original, hidden, seed: int, steps: int, on_step: Callable[[int, int], None], cancel: Event,
            on_guess: Callable[[int, int, object], None] | None = None):
    """``original`` uint8 64×64×3, ``hidden`` bool 64×64 → uint8 64×64×3 with the hidden pixels drawn anew.

    ``on_guess(step, total, pixels)``, when given, sees after each step but the last the model's current guess of
    the finished picture (its x0 prediction in the hidden cells): one more tiny VAE decode a step."""
    import numpy as np
    import torch
    from diffusers import DDIMScheduler

    vae, unet = pipeline.vae, pipeline.unet
    scheduler = DDIMScheduler.from_config(pipeline.scheduler.config)
    scheduler.set_timesteps(steps)
    parameter = next(unet.parameters())
    scale = float(getattr(vae.config, "scaling_factor", 1.0))
    x = torch.from_numpy(original.astype(np.float32) / 127.5 - 1.0).permute(2, 0, 1)[None]
    generator = torch.Generator().manual_seed(seed)
    with torch.inference_mode():
        known = vae.encode(x.to(parameter.device, vae.dtype)).latent_dist.mean.float().cpu() * scale
        factor = x.shape[-1] // known.shape[-1]
        mask = torch.nn.functional.max_pool2d(torch.from_numpy(hidden).float()[None, None], factor)  # 1: draw anew
        embeddings = pipeline.encode_prompt("", parameter.device, 1, False)[0]

        def picture(latents):
            decoded = vae.decode((latents / scale).to(parameter.device, vae.dtype)).sample[0].float().cpu()
            drawn = ((decoded.clamp(-1, 1) + 1) * 127.5).round().to(torch.uint8).permute(1, 2, 0).numpy()
            return np.where(hidden[:, :, None], drawn, original)

        latents = torch.randn(known.shape, generator=generator) * scheduler.init_noise_sigma
        for index, t in enumerate(scheduler.timesteps):
            if cancel.is_set():
                raise JobCancelled()
            noised = scheduler.add_noise(known, torch.randn(known.shape, generator=generator), t[None])
            latents = mask * latents + (1 - mask) * noised
            out = unet(latents.to(parameter.device, parameter.dtype), t, embeddings).sample.float().cpu()
            stepped = scheduler.step(out, t, latents)
            latents = stepped.prev_sample
            on_step(index + 1, len(scheduler.timesteps))
            if on_guess is not None and index + 1 < len(scheduler.timesteps):
                on_guess(index + 1, len(scheduler.timesteps),
                         picture(mask * stepped.pred_original_sample + (1 - mask) * known))
        return picture(mask * latents + (1 - mask) * known)


def vae_only(pipeline, original, hidden):
    """The baseline without a generative model: the VAE decodes the picture's latents with the hidden cells set
    to 0 (the latent space's centre); visible pixels as they were. What is left in the holes is all the VAE
    alone can say, so the difference to ``inpaint`` is what the diffusion model adds."""
    import numpy as np
    import torch

    vae = pipeline.vae
    parameter = next(vae.parameters())
    x = torch.from_numpy(original.astype(np.float32) / 127.5 - 1.0).permute(2, 0, 1)[None]
    with torch.inference_mode():
        latents = vae.encode(x.to(parameter.device, vae.dtype)).latent_dist.mean
        factor = x.shape[-1] // latents.shape[-1]
        mask = torch.nn.functional.max_pool2d(torch.from_numpy(hidden).float()[None, None], factor)
        decoded = vae.decode(latents * (1 - mask.to(latents.device, latents.dtype))).sample[0].float().cpu()
    drawn = ((decoded.clamp(-1, 1) + 1) * 127.5).round().to(torch.uint8).permute(1, 2, 0).numpy()
    return np.where(hidden[:, :, None], drawn, original)


def run_inpaint(request: InpaintRequest, original, load_diffusion: Callable, emit: Emit, cancel: Event) -> InpaintResult:
    """``original``: the request's picture as uint8 64×64×3; ``load_diffusion(progress, cancel)`` the built-in model."""
    import numpy as np

    validate_inpaint_request(request)

    def progress(fraction, text):
        emit(Progress(request.job_id, None, text))

    loaded = load_diffusion(progress, cancel)
    hidden = hidden_mask(request.patch, request.fraction, request.seed)
    masked = np.where(hidden[:, :, None], np.uint8(128), original)
    started = time.perf_counter()

    def on_step(step, total):
        emit(Progress(request.job_id, step / total, msg("Filling in: denoising step {step} of {total}", step=step,
                                                         total=total)))

    def on_guess(step, total, pixels):
        emit(Partial(request.job_id, InpaintPreview(step, total, pixels)))

    restored = inpaint(loaded.pipeline, original, hidden, request.seed, request.steps, on_step, cancel, on_guess)
    seconds = time.perf_counter() - started
    pixels = original.astype(np.float32) / 255.0
    error = float(np.mean((restored.astype(np.float32) / 255.0 - pixels)[hidden] ** 2))
    visible_mean = pixels[~hidden].mean(axis=0)
    baseline = float(np.mean((pixels[hidden] - visible_mean) ** 2))
    without_diffusion = vae_only(loaded.pipeline, original, hidden)
    vae_error = float(np.mean((without_diffusion.astype(np.float32) / 255.0 - pixels)[hidden] ** 2))
    return InpaintResult(original, masked, restored, hidden, error, baseline, seconds, without_diffusion, vae_error)
