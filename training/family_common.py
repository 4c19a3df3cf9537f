"""What the VAE, GAN and flow training scripts share: the data, resumable checkpoints, the
evaluator run and the model folder (safetensors + config.json + README.md), written atomically.

Every family is trained on the same procedurally drawn pictures as the diffusion model
(training/shapes_dataset.py, same seed) and scored by the same checker (training/evaluate_shapes.py),
so the numbers on the Image tab's "Families" page compare like with like.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import torch

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from model_backend.image.family_nets import COLOURS, SHAPES, label_indices, to_pixels  # noqa: E402
from training.evaluate_shapes import analyse_image, evaluation_prompts, score  # noqa: E402
from training.model_folder import write_folder_atomically  # noqa: E402
from training.shapes_dataset import COLOUR_NAMES, make_dataset  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "resources" / "models"
CHECKPOINTS = Path(os.environ.get("SHAPES_CHECKPOINTS", Path(tempfile.gettempdir()) / "shapes-family-checkpoints"))
T0 = time.time()

assert tuple(COLOUR_NAMES) == COLOURS, "family_nets.COLOURS must follow training/shapes_dataset.COLOURS"


def log(text: str) -> None:
    print(f"[{time.time() - T0:7.1f}s] {text}", flush=True)


def load_data(n: int, seed: int, size: int = 64) -> tuple[torch.Tensor, torch.Tensor]:
    """n pictures as float (n, 3, size, size) in [-1, 1] (averaged down from 64) and their labels as long (n, 3)."""
    samples, images = make_dataset(n, seed)
    x = torch.from_numpy(images).permute(0, 3, 1, 2).float().div(127.5).sub(1.0)
    if size != x.shape[-1]:
        x = torch.nn.functional.avg_pool2d(x, x.shape[-1] // size)
    labels = torch.tensor([label_indices(s.shape, s.colour, s.background) for s in samples], dtype=torch.long)
    return x, labels


def to_uint8(x: torch.Tensor) -> np.ndarray:
    """(B, 3, h, w) in [-1, 1] → uint8 (B, 64, 64, 3), as the app shows it (model_backend.image.family_nets)."""
    return to_pixels(x)


class Checkpoint:
    """Resumable training: the state is saved every few hundred steps and read back on the next run."""

    def __init__(self, name: str):
        self.path = CHECKPOINTS / f"{name}.pt"

    def load(self) -> dict | None:
        if not self.path.exists():
            return None
        state = torch.load(self.path, map_location="cpu", weights_only=True)
        log(f"resuming from {self.path} at step {state['step']}")
        return state

    def save(self, state: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        torch.save(state, tmp)
        os.replace(tmp, self.path)

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)


class ResumableRun:
    """One training run's parts (networks, optimisers, the batch RNG) saved every ``every`` steps and read back.

    The VAE, GAN and flow scripts differ in what they train but resume alike: each part is stored under its
    own key (``{"model": …, "opt": …}``), with the RNG state, the next step and the seconds spent so far,
    so a run stopped at any point continues with the same batches and reports the total training time.
    """

    def __init__(self, name: str, parts: dict, rng: torch.Generator, every: int = 250):
        self.checkpoint = Checkpoint(name)
        self.parts, self.rng, self.every = parts, rng, every
        self.start, self.spent, self.t_start = 0, 0.0, time.time()

    def resume(self, fresh: bool) -> int:
        """Load the saved state unless ``fresh``; returns the step to start from."""
        state = None if fresh else self.checkpoint.load()
        if state is not None:
            for key, part in self.parts.items():
                part.load_state_dict(state[key])
            self.rng.set_state(state["rng"])
            self.start, self.spent = state["step"], state["seconds"]
        return self.start

    def begin(self) -> None:
        """Start the clock for this session's share of the training time."""
        self.t_start = time.time()

    def step_done(self, step: int) -> None:
        """Save a checkpoint after every ``every``-th step."""
        if (step + 1) % self.every == 0:
            self.checkpoint.save({**{key: part.state_dict() for key, part in self.parts.items()},
                                  "rng": self.rng.get_state(), "step": step + 1, "seconds": self.seconds()})

    def seconds(self) -> float:
        return self.spent + time.time() - self.t_start

    def finish(self) -> None:
        """The model folder is written: the checkpoint is no longer needed."""
        self.checkpoint.remove()


def run_parser(doc: str, steps: int, batch: int, lr: float) -> argparse.ArgumentParser:
    """A family script's command line, its docstring as --help, starting with the three numbers every run sets."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=steps)
    parser.add_argument("--batch", type=int, default=batch)
    parser.add_argument("--lr", type=float, default=lr)
    return parser


def add_run_arguments(parser: argparse.ArgumentParser) -> None:
    """The options every family script takes after its own: the data set, the seed, the CPU threads, --fresh."""
    parser.add_argument("--images", type=int, default=9000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--fresh", action="store_true", help="ignore a saved checkpoint")


def cosine_lr(step: int, total: int, base: float, warmup: int = 0) -> float:
    """Linear warm-up over ``warmup`` steps, then cosine decay from ``base`` down to 5 % of it."""
    if step < warmup:
        return base * (step + 1) / warmup
    return base * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * (step - warmup) / max(1, total - warmup))))


def seeded_noise(dim: int, seeds: list[int]) -> torch.Tensor:
    """One N(0, I) vector of ``dim`` numbers per seed, (len(seeds), dim): a picture's noise depends on its seed alone."""
    return torch.stack([torch.randn(dim, generator=torch.Generator().manual_seed(s)) for s in seeds])


def run_info(family: str, args: argparse.Namespace, architecture: dict, parameters: int, minutes: float,
             argv: list[str] | None) -> dict:
    """The facts every family's config.json records about its training run, including the command to repeat it."""
    return {
        "family": family, "architecture": architecture, "parameters": parameters, "images": args.images,
        "seed": args.seed, "steps": args.steps, "batch": args.batch, "lr": args.lr, "threads": args.threads,
        "minutes": round(minutes, 2),
        "command": f"python -m training.train_shapes_{family} " + " ".join(argv if argv is not None else sys.argv[1:]),
    }


def evaluate(sample_fn, n: int = 90, seed: int = 0) -> dict:
    """Score ``sample_fn(labels (B,3), seeds list) -> uint8 (B,64,64,3)`` on n prompts (all 90 combinations).

    Returns the accuracies of training/evaluate_shapes.score plus the seconds per picture (batch of n).
    """
    from PIL import Image

    triples = evaluation_prompts(n)
    labels = torch.tensor([label_indices(*t) for t in triples], dtype=torch.long)
    start = time.perf_counter()
    pictures = sample_fn(labels, list(range(seed, seed + n)))
    seconds = (time.perf_counter() - start) / n
    analyses = [analyse_image(Image.fromarray(p)) for p in pictures]
    result = score(zip(analyses, triples))
    per_shape = {s: score([(a, t) for a, t in zip(analyses, triples) if t[0] == s])["all_three"] for s in SHAPES}
    return {"n": n, "seeds": f"{seed}..{seed + n - 1}", **result, "all_three_per_shape": per_shape,
            "seconds_per_image_batched": round(seconds, 5)}


def save_model_folder(name: str, model: torch.nn.Module, config: dict, readme: str) -> Path:
    """Write resources/models/<name>/ (model.safetensors, config.json, README.md) and swap it into place."""
    from safetensors.torch import save_file

    def fill(folder: Path) -> None:
        state = {k: v.detach().contiguous() for k, v in model.state_dict().items()}
        save_file(state, str(folder / "model.safetensors"), metadata={"format": "pt"})
        (folder / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
        (folder / "README.md").write_text(readme, encoding="utf-8")

    out = MODELS / name
    size = write_folder_atomically(out, fill)
    log(f"saved {out} ({size / 1e6:.2f} MB)")
    return out


def accuracy_table(ev: dict) -> str:
    return f"""{ev["n"]} pictures (all 90 combinations of shape, colour and background), seeds {ev["seeds"]},
checked automatically by training/evaluate_shapes.py:

| attribute | accuracy | chance |
|---|---|---|
| shape colour | {ev["shape_colour"]:.3f} | 0.167 |
| background colour | {ev["background_colour"]:.3f} | 0.167 |
| shape | {ev["shape"]:.3f} | 0.333 |
| all three | {ev["all_three"]:.3f} | 0.005 |

Time per picture on this CPU (one thread, a batch of {ev["n"]}): {ev["seconds_per_image_batched"] * 1000:.1f} ms."""


def accuracy_and_licence(evaluation: dict, heading: str = "Measured accuracy of new pictures") -> str:
    """The end of every family's README: the measured accuracy, then the weights' licence."""
    return f"""## {heading}

{accuracy_table(evaluation)}

## Licence

GPL-3.0-or-later, as part of GenAI Classroom (weights made by the app's own script from procedural data).
"""


def n_params(model: torch.nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())
