"""Image speed: the app's backend against a bare diffusers pipeline call, same model, same run.

    .venv/bin/python bench/image_speed.py [--model MODEL_ID] [--steps 20] [--repeats 3]

Also measures what the denoising previews cost: the backend with a single preview (the last step),
with about ten fast (fitted-colour) previews, and with about ten exact (VAE-decoded) previews — the app's
"automatic" mode picks exact ones for models up to 256 px.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import run_job  # noqa: E402  (also puts the project on sys.path)

from model_backend.core.model_inspection import ModelKind  # noqa: E402
from model_backend.core.paths import AppPaths  # noqa: E402
from model_backend.core.registry import ModelRegistry  # noqa: E402
from model_backend.engine import Backend  # noqa: E402
from model_backend.image.image_types import ImageRequest, PreviewMode  # noqa: E402

PROMPT = "a red circle on a blue background"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="")
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    paths = AppPaths.default()
    registry = ModelRegistry(paths)
    images = registry.models(ModelKind.IMAGE)
    if not args.model and not images:
        raise SystemExit("no image model found")
    model_id = args.model or images[0].model_id
    backend = Backend(paths, registry)

    def request(preview_every: int, exact: bool = False) -> ImageRequest:
        return ImageRequest(prompt=PROMPT, model_id=model_id, steps=args.steps, seed=1, preview_every=preview_every,
                            previews=PreviewMode.EXACT if exact else PreviewMode.FAST)

    run_job(backend, request(args.steps))  # loads the model and warms up
    loaded = backend.image_models.loaded
    import torch

    def bare() -> float:
        started = time.perf_counter()
        loaded.pipeline(prompt=PROMPT, num_inference_steps=args.steps, guidance_scale=5.0,
                        generator=torch.Generator("cpu").manual_seed(1), output_type="np")
        return time.perf_counter() - started

    app_times, default_times, exact_times, bare_times = [], [], [], []
    for _ in range(args.repeats):
        app_times.append(run_job(backend, request(args.steps)).seconds)
        default_times.append(run_job(backend, request(0)).seconds)
        exact_times.append(run_job(backend, request(0, exact=True)).seconds)
        bare_times.append(bare())
    app, default, exact, plain = (statistics.median(t) for t in (app_times, default_times, exact_times, bare_times))
    print(f"model: {loaded.entry.name} on {loaded.device.label}, {args.steps} steps")
    print(f"app_backend_seconds_per_image (one preview): {app:.3f}")
    print(f"app_backend_seconds_per_image (fast previews, approximate colours): {default:.3f}")
    print(f"app_backend_seconds_per_image (exact VAE previews): {exact:.3f}")
    print(f"bare_pipeline_seconds_per_image: {plain:.3f}")
    print(f"preview_cost_fast: {default / app - 1:+.1%}")
    print(f"preview_cost_exact: {exact / app - 1:+.1%}")
    print(f"ratio (app backend / bare library, seconds per image): {app / plain:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
