"""Load the tiny VAE, GAN and flow shipped in resources/models and draw with them.

Each folder holds ``model.safetensors`` (weights only: nothing in it can run code), a ``config.json``
with the architecture and the numbers measured when it was trained (training/train_shapes_*.py), and
a README. The networks are a few hundred thousand parameters, so they load in milliseconds and stay
loaded beside whatever else the app holds; torch is imported on first use.
"""
from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from model_backend.core.errors import InvalidModelError
from model_backend.core.messages import msg
from model_backend.core.paths import resources_dir
from model_backend.image.family_nets import NET_SIZE, build, label_indices, to_pixels
from model_backend.image.family_types import ShapeLabels

FOLDERS = {"vae": "shapes-vae", "gan": "shapes-gan", "flow": "shapes-flow"}
DIFFUSION_FOLDER = "shapes-diffusion"
ACCURACY_KEYS = ("shape_colour", "background_colour", "shape", "all_three")
FLOW_TEMPERATURE = 0.8  # what training/train_shapes_flow.py measured its accuracy with (config "temperature")


def models_dir() -> Path:
    return resources_dir() / "models"


@dataclass
class FamilyModel:
    family: str
    net: Any
    config: dict

    @property
    def accuracy(self) -> dict:
        evaluation = self.config.get("evaluation", {})
        return {key: float(evaluation[key]) for key in ACCURACY_KEYS if key in evaluation}

    @property
    def parameters(self) -> int:
        return int(self.config.get("parameters", 0))

    @property
    def latent_dim(self) -> int:
        return int(self.net.latent_dim if self.family != "flow" else self.net.components)


def _read_json(path: Path) -> dict:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InvalidModelError(msg("{name} is missing or damaged: reinstall the app or retrain it with the script in "
                                    "training/.", name=path.parent.name), details=repr(exc)) from exc
    return value if isinstance(value, dict) else {}


def load_family(family: str, folder: Path | None = None) -> FamilyModel:
    from safetensors.torch import load_file

    folder = Path(folder) if folder is not None else models_dir() / FOLDERS[family]
    config = _read_json(folder / "config.json")
    try:
        net = build(family, dict(config.get("architecture", {})))
        net.load_state_dict(load_file(str(folder / "model.safetensors")), strict=True)
    except (OSError, RuntimeError, TypeError, ValueError) as exc:
        raise InvalidModelError(msg("{name} is missing or damaged: reinstall the app or retrain it with the script in "
                                    "training/.", name=folder.name), details=repr(exc)) from exc
    net.eval()
    return FamilyModel(family, net, config)


def diffusion_accuracy(folder: Path | None = None) -> dict:
    """The shape checker's accuracy recorded for the built-in diffusion model (its training_info.json)."""
    folder = Path(folder) if folder is not None else models_dir() / DIFFUSION_FOLDER
    try:
        accuracy = json.loads((folder / "training_info.json").read_text(encoding="utf-8")).get("accuracy", {})
    except (OSError, ValueError):
        return {}
    return {key: float(accuracy[key]) for key in ACCURACY_KEYS if key in accuracy}


class FamilyModelCache:
    """Keeps each tiny model once loaded; safe to use from the backend thread and from tests."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = Path(folder) if folder is not None else None
        self._models: dict[str, FamilyModel] = {}
        self._diffusion_vae = None
        self._lock = threading.Lock()

    def _dir(self) -> Path:
        return self.folder if self.folder is not None else models_dir()

    def get(self, family: str) -> FamilyModel:
        with self._lock:
            if family not in self._models:
                model = load_family(family, self._dir() / FOLDERS[family])
                # The first passes pay one-off set-up costs (about 0.1 s here): the page's times are per picture.
                for _ in range(2):
                    sample(model, ShapeLabels(), [0])
                self._models[family] = model
            return self._models[family]

    def diffusion_vae(self):
        """The built-in diffusion model's own VAE (diffusers AutoencoderKL): the space where it denoises."""
        with self._lock:
            if self._diffusion_vae is None:
                from diffusers import AutoencoderKL

                folder = self._dir() / DIFFUSION_FOLDER / "vae"
                try:
                    vae = AutoencoderKL.from_pretrained(str(folder), local_files_only=True, use_safetensors=True)
                except (OSError, ValueError) as exc:
                    raise InvalidModelError(msg("{name} is missing or damaged: reinstall the app or retrain it with the "
                                                "script in training/.", name=DIFFUSION_FOLDER), details=repr(exc)) from exc
                self._diffusion_vae = vae.eval()
            return self._diffusion_vae


# ---- drawing ---------------------------------------------------------------------------------------------
def _labels_tensor(labels: ShapeLabels, count: int):
    import torch

    return torch.tensor([label_indices(labels.shape, labels.colour, labels.background)] * count, dtype=torch.long)


def latents(model: FamilyModel, seeds: list[int]):
    """The starting noise of each seed: a latent vector (VAE, GAN) or the flow's noise (one number per component)."""
    import torch

    return torch.stack([torch.randn(model.latent_dim, generator=torch.Generator().manual_seed(int(s))) for s in seeds])


def sample(model: FamilyModel, labels: ShapeLabels, seeds: list[int]) -> list:
    """One uint8 64×64×3 picture per seed; the same seed always gives the same picture."""
    import torch

    z = latents(model, seeds)
    index = _labels_tensor(labels, len(seeds))
    with torch.inference_mode():
        if model.family == "vae":
            out = model.net.decoder(z, index)
        elif model.family == "gan":
            out = model.net(z, index)
        else:
            temperature = float(model.config.get("temperature", FLOW_TEMPERATURE))
            out = model.net.decode(model.net.inverse(z * temperature, index))
    return list(to_pixels(out))


def interpolate(model: FamilyModel, start: ShapeLabels, end: ShapeLabels, start_seed: int, end_seed: int,
                steps: int) -> list:
    """Pictures along the straight line between two latents (and between the two label embeddings).

    The first and last pictures are exactly ``sample`` of the two seeds: the walk starts and ends on them.
    """
    import torch

    decoder = model.net.decoder if model.family == "vae" else model.net.generator
    z = latents(model, [start_seed, end_seed])
    with torch.inference_mode():
        a = decoder.labels(_labels_tensor(start, 1))
        b = decoder.labels(_labels_tensor(end, 1))
        pictures = []
        for i in range(steps):
            t = i / (steps - 1)  # torch.lerp returns the ends exactly at t = 0 and t = 1
            pictures.append(to_pixels(decoder.draw(torch.lerp(z[:1], z[1:], t), torch.lerp(a, b, t)))[0])
    return pictures


def to_net_input(pixels, size: int = NET_SIZE):
    """uint8 H×W×3 (any size) → float (1, 3, size, size) in [-1, 1], averaged down like the training data."""
    import numpy as np
    import torch
    from PIL import Image

    picture = Image.fromarray(np.ascontiguousarray(pixels)).convert("RGB")
    if picture.size != (64, 64):
        picture = picture.resize((64, 64), Image.Resampling.LANCZOS)
    x = torch.from_numpy(np.asarray(picture, dtype=np.float32) / 127.5 - 1.0).permute(2, 0, 1)[None]
    return torch.nn.functional.avg_pool2d(x, 64 // size) if size != 64 else x


def reconstruct(model: FamilyModel, pixels) -> tuple[Any, ShapeLabels]:
    """The tiny VAE's reconstruction of a picture (its encoder also guesses the labels the decoder then uses)."""
    import torch

    from model_backend.image.family_nets import COLOURS, SHAPES

    x = to_net_input(pixels, int(model.config.get("architecture", {}).get("size", NET_SIZE)))
    with torch.inference_mode():
        _, _, logits = model.net.encoder(x)
        guessed = model.net.guess_labels(logits)
        mean, _, _ = model.net.encoder(x, guessed)
        out = model.net.decoder(mean, guessed)
    s, c, b = (int(v) for v in guessed[0])
    return to_pixels(out)[0], ShapeLabels(SHAPES[s], COLOURS[c], COLOURS[b])
