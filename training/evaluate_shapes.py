"""Check generated "coloured shape" images against their prompt.

`analyse_image(img)` estimates, from a PIL image alone:
  * the background colour (median of the border pixels),
  * the shape colour (median of the pixels that differ clearly from the background),
  * the nearest named colours (training.shapes_dataset.COLOURS),
  * the shape type from the mask: fill ratio of its bounding box (circle ~0.785,
    square ~1.0, triangle ~0.5) together with the top/bottom mass balance
    (an upright triangle has ~1/4 of its area in the top half, circles and squares 1/2).

CLI: generate N images through the diffusers pipeline and print accuracy per attribute:
    python -m training.evaluate_shapes --model resources/models/shapes-diffusion -n 90
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

if __package__ in (None, ""):  # allow `python training/evaluate_shapes.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from training.shapes_dataset import COLOUR_NAMES, COLOURS, SHAPES, all_combinations, make_caption  # noqa: E402

_PALETTE = np.array([COLOURS[n] for n in COLOUR_NAMES], dtype=np.float32)


@dataclass
class Analysis:
    background: str
    colour: str
    shape: str
    background_rgb: tuple[float, float, float]
    colour_rgb: tuple[float, float, float]
    fill_ratio: float
    top_fraction: float
    mask_fraction: float


def nearest_colour(rgb) -> str:
    d = np.linalg.norm(_PALETTE - np.asarray(rgb, dtype=np.float32)[None], axis=1)
    return COLOUR_NAMES[int(np.argmin(d))]


def _largest_component(mask: np.ndarray) -> np.ndarray:
    """Largest 4-connected component of a boolean mask (pure numpy/python BFS, 64x64 is tiny)."""
    h, w = mask.shape
    labels = np.zeros((h, w), dtype=np.int32)
    best_label, best_size, current = 0, 0, 0
    for y0, x0 in zip(*np.nonzero(mask)):
        if labels[y0, x0]:
            continue
        current += 1
        labels[y0, x0] = current
        stack = [(y0, x0)]
        size = 0
        while stack:
            y, x = stack.pop()
            size += 1
            for ny, nx in ((y - 1, x), (y + 1, x), (y, x - 1), (y, x + 1)):
                if 0 <= ny < h and 0 <= nx < w and mask[ny, nx] and not labels[ny, nx]:
                    labels[ny, nx] = current
                    stack.append((ny, nx))
        if size > best_size:
            best_label, best_size = current, size
    return labels == best_label if best_size else mask


def classify_shape(mask: np.ndarray) -> tuple[str, float, float]:
    """Shape type from a boolean mask -> (shape, bounding-box fill ratio, top-half mass fraction)."""
    ys, xs = np.nonzero(mask)
    if len(ys) == 0:
        return "none", 0.0, 0.0
    y0, y1, x0, x1 = ys.min(), ys.max(), xs.min(), xs.max()
    box = float((y1 - y0 + 1) * (x1 - x0 + 1))
    fill = len(ys) / box
    mid = (y0 + y1) / 2.0
    top = float(np.sum(ys < mid) + 0.5 * np.sum(ys == mid)) / len(ys)
    # Upright triangle: fill ~0.5 and ~25% of its mass in the upper half.
    # Circle: fill ~0.785, balanced. Square: fill ~1.0, balanced.
    if top < 0.38 or fill < 0.64:
        shape = "triangle" if top < 0.44 or fill < 0.6 else "circle"
    elif fill >= 0.89:
        shape = "square"
    else:
        shape = "circle"
    return shape, fill, top


def analyse_image(img: Image.Image, threshold: float = 60.0) -> Analysis:
    arr = np.asarray(img.convert("RGB"), dtype=np.float32)
    h, w, _ = arr.shape
    border = np.concatenate([arr[:2].reshape(-1, 3), arr[-2:].reshape(-1, 3),
                             arr[:, :2].reshape(-1, 3), arr[:, -2:].reshape(-1, 3)])
    bg_rgb = np.median(border, axis=0)
    dist = np.linalg.norm(arr - bg_rgb[None, None], axis=2)
    mask = dist > threshold
    if mask.sum() < 4:
        return Analysis(nearest_colour(bg_rgb), "none", "none", tuple(bg_rgb.tolist()),
                        (0.0, 0.0, 0.0), 0.0, 0.0, float(mask.mean()))
    mask = _largest_component(mask)
    # Shape colour from the mask's interior (drop the blurry rim when the shape is big enough).
    inner = mask.copy()
    inner[1:-1, 1:-1] = mask[1:-1, 1:-1] & mask[:-2, 1:-1] & mask[2:, 1:-1] & mask[1:-1, :-2] & mask[1:-1, 2:]
    pix = arr[inner] if inner.sum() >= 8 else arr[mask]
    fg_rgb = np.median(pix, axis=0)
    shape, fill, top = classify_shape(mask)
    return Analysis(
        background=nearest_colour(bg_rgb),
        colour=nearest_colour(fg_rgb),
        shape=shape,
        background_rgb=tuple(float(v) for v in bg_rgb),
        colour_rgb=tuple(float(v) for v in fg_rgb),
        fill_ratio=float(fill),
        top_fraction=float(top),
        mask_fraction=float(mask.mean()),
    )


def score(items) -> dict[str, float]:
    """items: iterable of (Analysis, (shape, colour, background)) -> accuracies."""
    n = colour = bg = shape = allthree = 0
    for a, (s, c, b) in items:
        n += 1
        colour += a.colour == c
        bg += a.background == b
        shape += a.shape == s
        allthree += (a.colour == c) and (a.background == b) and (a.shape == s)
    n = max(n, 1)
    return {"shape_colour": colour / n, "background_colour": bg / n, "shape": shape / n, "all_three": allthree / n}


def evaluation_prompts(n: int, seed: int = 1234) -> list[tuple[str, str, str]]:
    """n (shape, colour, background) triples cycling through all 90 combinations in a seeded order."""
    rng = np.random.default_rng(seed)
    combos = all_combinations()
    order = np.concatenate([rng.permutation(len(combos)) for _ in range(n // len(combos) + 1)])[:n]
    return [combos[i] for i in order]


def load_pipeline(model: str | os.PathLike):
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from diffusers import AutoPipelineForText2Image

    pipe = AutoPipelineForText2Image.from_pretrained(str(model), local_files_only=True)
    pipe.set_progress_bar_config(disable=True)
    return pipe.to("cpu")


def generate(pipe, triples, steps: int = 25, guidance: float = 5.0, seed: int = 0, batch: int = 16):
    """Generate one image per (shape, colour, background); image i uses generator seed `seed + i`."""
    import torch

    images = []
    for start in range(0, len(triples), batch):
        chunk = triples[start:start + batch]
        prompts = [make_caption(c, s, b) for s, c, b in chunk]
        gens = [torch.Generator("cpu").manual_seed(seed + start + j) for j in range(len(chunk))]
        out = pipe(prompts, num_inference_steps=steps, guidance_scale=guidance, generator=gens,
                   output_type="pil")
        images.extend(out.images)
    return images


def evaluate_pipeline(pipe, n: int = 90, steps: int = 25, guidance: float = 5.0, seed: int = 0,
                      prompt_seed: int = 1234, save_dir: str | None = None):
    triples = evaluation_prompts(n, prompt_seed)
    images = generate(pipe, triples, steps=steps, guidance=guidance, seed=seed)
    analyses = [analyse_image(im) for im in images]
    if save_dir:
        Path(save_dir).mkdir(parents=True, exist_ok=True)
        for i, (im, (s, c, b)) in enumerate(zip(images, triples)):
            im.save(Path(save_dir) / f"{i:03d}_{c}_{s}_on_{b}.png")
    per_shape = {s: score([(a, t) for a, t in zip(analyses, triples) if t[0] == s]) for s in SHAPES}
    return score(zip(analyses, triples)), per_shape, analyses, triples


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", default="resources/models/shapes-diffusion")
    p.add_argument("-n", type=int, default=90, help="number of images (cycles through the 90 combinations)")
    p.add_argument("--steps", type=int, default=25)
    p.add_argument("--guidance", type=float, default=5.0)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--save-dir", default=None, help="also write the images here")
    args = p.parse_args(argv)
    import torch

    torch.set_num_threads(args.threads)
    t0 = time.time()
    pipe = load_pipeline(args.model)
    acc, per_shape, _, _ = evaluate_pipeline(pipe, args.n, args.steps, args.guidance, args.seed,
                                             save_dir=args.save_dir)
    print(f"{args.n} images, {args.steps} steps, guidance {args.guidance}, seed {args.seed}, "
          f"{time.time() - t0:.1f}s")
    for k, v in acc.items():
        print(f"  {k:18s} {v:.3f}")
    for s, a in per_shape.items():
        print(f"  [{s}] " + ", ".join(f"{k}={v:.2f}" for k, v in a.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
