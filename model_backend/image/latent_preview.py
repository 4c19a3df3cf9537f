"""Turn the latents of a denoising step into a picture, cheaply.

By default a linear map from latent channels to RGB is fitted once per model (encode one synthetic
picture, solve least squares) and applied per step: approximate colours at latent resolution, for
almost no cost. Exact previews decode every frame with the model's VAE, which costs about as much as
a denoising step on small models and far more on big ones (see bench/image_speed.py).
"""
from __future__ import annotations

from typing import Any

import numpy as np


def _synthetic_picture(size: int) -> np.ndarray:
    """Smooth colour gradients plus flat patches: enough variety to fit a 4→3 colour map."""
    y, x = np.mgrid[0:size, 0:size] / max(1, size - 1)
    picture = np.stack([x, y, 1 - (x + y) / 2], axis=0)
    rng = np.random.default_rng(0)
    step = max(1, size // 8)
    for top in range(0, size, step * 2):
        for left in range(0, size, step * 2):
            picture[:, top:top + step, left:left + step] = rng.random((3, 1, 1))
    return (picture * 2 - 1).astype(np.float32)


class LatentPreviewer:
    def __init__(self, pipeline: Any, exact: bool = False) -> None:
        self.pipeline = pipeline
        self.vae = getattr(pipeline, "vae", None)
        self.full_decode = self.vae is not None and exact
        self._weights: np.ndarray | None = None

    @property
    def mode(self) -> str:
        return "exact (VAE)" if self.full_decode else "approximate colours"

    def _unscale(self, latents):
        config = self.vae.config
        latents = latents / getattr(config, "scaling_factor", 1.0)
        shift = getattr(config, "shift_factor", None)
        return latents + shift if shift else latents

    def _fit(self) -> np.ndarray:
        import torch

        size = 128
        picture = torch.from_numpy(_synthetic_picture(size))[None]
        parameter = next(self.vae.parameters())
        with torch.inference_mode():
            latents = self.vae.encode(picture.to(parameter.device, parameter.dtype)).latent_dist.mean[0].float().cpu()
        channels, height, width = latents.shape
        target = torch.nn.functional.adaptive_avg_pool2d(picture[0], (height, width))
        a = torch.cat([latents.reshape(channels, -1), torch.ones(1, height * width)], 0).T.numpy()
        b = target.reshape(3, -1).T.numpy()
        weights, *_ = np.linalg.lstsq(a, b, rcond=None)
        return weights

    def __call__(self, latents) -> np.ndarray:
        """uint8 (height, width, 3) picture of the first latent in the batch."""
        import torch

        with torch.inference_mode():
            if self.vae is None:
                return _to_uint8(latents[0, :3].float().cpu().numpy())
            unscaled = self._unscale(latents[:1])
            if self.full_decode:
                decoded = self.vae.decode(unscaled.to(next(self.vae.parameters()).dtype)).sample[0]
                return _to_uint8(decoded.float().cpu().numpy())
            if self._weights is None:
                self._weights = self._fit()
            flat = unscaled[0].float().cpu().numpy()
            channels, height, width = flat.shape
            a = np.concatenate([flat.reshape(channels, -1), np.ones((1, height * width))], 0).T
            return _to_uint8((a @ self._weights).T.reshape(3, height, width))


def _to_uint8(chw: np.ndarray) -> np.ndarray:
    return (np.clip((chw.transpose(1, 2, 0) + 1) / 2, 0, 1) * 255).round().astype(np.uint8)
