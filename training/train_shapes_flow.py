"""Train the tiny conditional normalizing flow ("shapes-flow") on the coloured-shapes pictures, on CPU.

A flow is one invertible function between data and Gaussian noise of the same size, so it can say
exactly how likely a picture is (the change-of-variables formula) and make new ones by running
backwards from noise. Because it keeps every dimension, it works on a reduced representation: the
pictures are averaged down to 16×16 thumbnails and described by their 128 leading principal components
(a fixed linear map fitted here, whitened, stored with the weights; it keeps about 99 % of the variance,
and the shape checker still reads 96 % of the reconstructed thumbnails right). Eight RealNVP affine
couplings (small MLPs that also read the labels) are trained by maximum likelihood. New pictures:
noise at temperature 0.8, run backwards, turned back into a thumbnail, scaled up to 64×64.

    python -m training.train_shapes_flow           # a few minutes on one thread
"""
from __future__ import annotations

import math
import sys
from pathlib import Path

import torch

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from model_backend.image.family_nets import FLOW_SIZE, build  # noqa: E402
from training.family_common import (  # noqa: E402
    ResumableRun,
    accuracy_and_licence,
    add_run_arguments,
    cosine_lr,
    evaluate,
    load_data,
    log,
    n_params,
    run_info,
    run_parser,
    save_model_folder,
    seeded_noise,
    to_uint8,
)

NAME = "shapes-flow"
TEMPERATURE = 0.8


NOISE = 0.05  # a little Gaussian noise on the components: the data set's pictures are a thin set in that space


def nll_per_dim(model, w, labels) -> torch.Tensor:
    """Negative log-likelihood of whitened components w (B, K), in nats per component."""
    z, log_det = model(w, labels)
    log_pz = (-0.5 * z ** 2 - 0.5 * math.log(2 * math.pi)).sum(1)
    return (-(log_pz + log_det) / w.shape[1]).mean()


@torch.no_grad()
def fit_pca(model, x, components: int) -> float:
    """Fill the model's PCA buffers from thumbnails x (N, 3, 16, 16); returns the share of variance kept."""
    flat = x.flatten(1)
    mean = flat.mean(0)
    _, singular, directions = torch.linalg.svd(flat - mean, full_matrices=False)
    model.pca_mean.copy_(mean)
    model.pca_basis.copy_(directions[:components])
    model.pca_scale.copy_(singular[:components] / math.sqrt(len(flat) - 1))
    return float((singular[:components] ** 2).sum() / (singular ** 2).sum())


@torch.no_grad()
def sample(model, labels: torch.Tensor, seeds: list[int], temperature: float = TEMPERATURE):
    model.eval()
    z = seeded_noise(model.components, seeds)
    return to_uint8(model.decode(model.inverse(z * temperature, labels)))


def readme(info: dict) -> str:
    return f"""# shapes-flow — a tiny conditional normalizing flow (GenAI Classroom)

A **normalizing flow** (RealNVP) trained from scratch on the app's procedurally drawn coloured shapes
(the same {info["images"]} pictures, seed {info["seed"]}, as the built-in diffusion model), on a reduced
representation: {FLOW_SIZE}×{FLOW_SIZE} thumbnails described by their {info["architecture"]["components"]} leading principal
components (whitened; {100 * info["pca_variance_kept"]:.1f} % of the variance kept). A flow keeps every dimension of its
input, so it needs a small one.

* {info["architecture"]["layers"]} affine coupling layers (alternating halves, the order reversed between layers); each
  scale-and-shift network is an MLP ({info["architecture"]["hidden"]} units) that also reads the labels (shape, colour,
  background embeddings). The principal components are stored with the weights (fixed buffers).
* Parameters: {info["parameters"]:,}. Weights: `model.safetensors` (fp32).
* Loss: exact negative log-likelihood of the components (plus noise σ = {NOISE}); final {info["final_nll"]:.3f} nats per
  component on training batches.
* New pictures: Gaussian noise at temperature {info["temperature"]}, run backwards through the flow, turned back into
  a thumbnail by the principal components, scaled up to 64×64.
* Training: {info["steps"]} steps of batch {info["batch"]}, Adam lr {info["lr"]:g} (warm-up, cosine decay),
  {info["minutes"]:.1f} minutes on {info["threads"]} CPU thread(s) of a shared 2-core machine.
* Command: `{info["command"]}`

""" + accuracy_and_licence(info["evaluation"])


def main(argv=None) -> int:
    p = run_parser(__doc__, steps=3000, batch=128, lr=1e-3)
    p.add_argument("--components", type=int, default=128)
    p.add_argument("--layers", type=int, default=8)
    p.add_argument("--hidden", type=int, default=256)
    add_run_arguments(p)
    args = p.parse_args(argv)
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    x_all, labels_all = load_data(args.images, args.seed, FLOW_SIZE)
    architecture = {"components": args.components, "layers": args.layers, "hidden": args.hidden}
    model = build("flow", architecture)
    kept = fit_pca(model, x_all, args.components)
    with torch.no_grad():
        w_all = model.encode(x_all)
    log(f"principal components: {args.components} keep {100 * kept:.1f} % of the variance")
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    g = torch.Generator().manual_seed(args.seed + 13)
    run = ResumableRun(NAME, {"model": model, "opt": opt}, g)
    start = run.resume(args.fresh)
    log(f"flow {n_params(model):,} parameters, {len(x_all)} thumbnails of {FLOW_SIZE}x{FLOW_SIZE}")
    run.begin()
    model.train()
    avg = None
    for step in range(start, args.steps):
        for group in opt.param_groups:
            group["lr"] = cosine_lr(step, args.steps, args.lr, warmup=100)
        idx = torch.randint(0, len(x_all), (args.batch,), generator=g)
        w = w_all[idx] + NOISE * torch.randn(w_all[idx].shape, generator=g)
        loss = nll_per_dim(model, w, labels_all[idx])
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 50.0)
        opt.step()
        avg = loss.item() if avg is None else 0.98 * avg + 0.02 * loss.item()
        if step % 100 == 0 or step == args.steps - 1:
            log(f"step {step + 1}/{args.steps} nll/dim {avg:.3f}")
        run.step_done(step)
    minutes = run.seconds() / 60
    ev = evaluate(lambda labels, seeds: sample(model, labels, seeds))
    log("evaluator: " + ", ".join(f"{k} {v}" for k, v in ev.items() if k != "all_three_per_shape"))
    info = {
        **run_info("flow", args, architecture, n_params(model), minutes, argv), "final_nll": round(float(avg), 4),
        "temperature": TEMPERATURE, "pca_variance_kept": round(kept, 4), "evaluation": ev,
    }
    save_model_folder(NAME, model, info, readme(info))
    run.finish()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
