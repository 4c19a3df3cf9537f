"""The forward process: what an image looks like after t steps of noise, and how much signal is left.

Uses the noise schedule of the chosen model's scheduler (read from its scheduler_config.json, the
same numbers the scheduler uses) in closed form: x_t = sqrt(ᾱ_t)·x_0 + sqrt(1 − ᾱ_t)·ε. Plain
numpy, so the slider stays instant on the GUI thread.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np


@dataclass(frozen=True)
class NoiseSchedule:
    alphas_cumprod: np.ndarray

    @property
    def steps(self) -> int:
        return len(self.alphas_cumprod)

    @classmethod
    def from_config(cls, config: dict) -> "NoiseSchedule":
        steps = int(config.get("num_train_timesteps", 1000))
        start, end = float(config.get("beta_start", 0.00085)), float(config.get("beta_end", 0.012))
        kind = config.get("beta_schedule", "scaled_linear")
        if kind == "linear":
            betas = np.linspace(start, end, steps)
        elif kind == "squaredcos_cap_v2":
            t = np.arange(steps + 1) / steps
            alpha_bar = np.cos((t + 0.008) / 1.008 * np.pi / 2) ** 2
            betas = np.minimum(1 - alpha_bar[1:] / alpha_bar[:-1], 0.999)
        else:  # "scaled_linear", Stable Diffusion's default
            betas = np.linspace(start ** 0.5, end ** 0.5, steps) ** 2
        return cls(np.cumprod(1.0 - betas))

    @classmethod
    def for_model_folder(cls, folder: Path) -> "NoiseSchedule":
        path = Path(folder) / "scheduler" / "scheduler_config.json"
        try:
            return cls.from_config(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return cls.from_config({})

    def signal_to_noise(self, t: int) -> float:
        alpha_bar = float(self.alphas_cumprod[t])
        return alpha_bar / max(1e-12, 1.0 - alpha_bar)

    def noised(self, pixels: np.ndarray, t: int, seed: int = 0) -> np.ndarray:
        """``pixels`` (uint8 H×W×3) after ``t`` forward steps, as uint8."""
        x0 = pixels.astype(np.float32) / 127.5 - 1.0
        noise = np.random.default_rng(seed).standard_normal(x0.shape).astype(np.float32)
        alpha_bar = float(self.alphas_cumprod[t])
        xt = np.sqrt(alpha_bar) * x0 + np.sqrt(1.0 - alpha_bar) * noise
        return (np.clip((xt + 1.0) * 127.5, 0, 255)).round().astype(np.uint8)
