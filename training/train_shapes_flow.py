"""Train the tiny conditional normalizing flow ("shapes-flow") on the coloured-shapes pictures, on CPU.

A flow is one invertible function between pictures and Gaussian noise of the same size, so it can
say exactly how likely a picture is (the change-of-variables formula) and make new ones by running
backwards from noise. Because it keeps every dimension, it works on a reduced representation: 16×16
thumbnails of the same pictures (averaged down from 64×64), dequantised with uniform noise and mapped
through a logit. Six RealNVP affine couplings (checkerboard masks, small convolutional networks that
also read the labels) are trained by maximum likelihood. New pictures: noise at temperature 0.7,
run backwards, scaled up to 64×64.

    python -m training.train_shapes_flow           # about 5–10 minutes on one thread
"""
from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

import torch

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from model_backend.image.family_nets import FLOW_SIZE, build, flow_from_logits, flow_to_logits  # noqa: E402
from training.family_common import Checkpoint, accuracy_table, evaluate, load_data, log, n_params, save_model_folder, to_uint8  # noqa: E402,E501

NAME = "shapes-flow"
TEMPERATURE = 0.7


def lr_at(step: int, total: int, base: float, warmup: int = 100) -> float:
    if step < warmup:
        return base * (step + 1) / warmup
    return base * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * (step - warmup) / max(1, total - warmup))))


def bits_per_dim(model, x, labels, generator=None) -> torch.Tensor:
    """Negative log-likelihood of 8-bit pictures x (B, 3, 16, 16) in [-1, 1], in bits per dimension."""
    y, pre_log_det = flow_to_logits(x, generator)
    z, log_det = model(y, labels)
    log_pz = (-0.5 * z ** 2 - 0.5 * math.log(2 * math.pi)).sum(dim=(1, 2, 3))
    dims = x[0].numel()
    log_px = log_pz + log_det + pre_log_det - dims * math.log(256)  # density on [0, 256) → probability of the bin
    return (-log_px / (dims * math.log(2))).mean()


@torch.no_grad()
def sample(model, labels: torch.Tensor, seeds: list[int], temperature: float = TEMPERATURE):
    model.eval()
    shape = (3, FLOW_SIZE, FLOW_SIZE)
    z = torch.stack([torch.randn(shape, generator=torch.Generator().manual_seed(s)) for s in seeds]) * temperature
    return to_uint8(flow_from_logits(model.inverse(z, labels)))


def readme(info: dict) -> str:
    return f"""# shapes-flow — a tiny conditional normalizing flow (GenAI Classroom)

A **normalizing flow** (RealNVP) trained from scratch on the app's procedurally drawn coloured shapes
(the same {info["images"]} pictures, seed {info["seed"]}, as the built-in diffusion model, averaged down to
{FLOW_SIZE}×{FLOW_SIZE} thumbnails: a flow keeps every dimension of its input, so it needs a small one).

* {info["architecture"]["layers"]} affine coupling layers with alternating checkerboard masks; each one's scale-and-shift
  network (3 convolutions, {info["architecture"]["hidden"]} channels) reads the fixed half of the pixels and the labels
  (shape, colour, background embeddings). Input: dequantised pixels through a logit.
* Parameters: {info["parameters"]:,}. Weights: `model.safetensors` (fp32).
* Loss: exact negative log-likelihood; final {info["final_bits_per_dim"]:.3f} bits per dimension on training batches.
* New pictures: Gaussian noise at temperature {info["temperature"]}, run backwards through the flow, scaled up to 64×64.
* Training: {info["steps"]} steps of batch {info["batch"]}, Adam lr {info["lr"]:g} (warm-up, cosine decay),
  {info["minutes"]:.1f} minutes on {info["threads"]} CPU thread(s) of a shared 2-core machine.
* Command: `{info["command"]}`

## Measured accuracy of new pictures

{accuracy_table(info["evaluation"])}

## Licence

GPL-3.0-or-later, as part of GenAI Classroom (weights made by the app's own script from procedural data).
"""


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--steps", type=int, default=1500)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--layers", type=int, default=6)
    p.add_argument("--hidden", type=int, default=32)
    p.add_argument("--images", type=int, default=9000)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--fresh", action="store_true", help="ignore a saved checkpoint")
    args = p.parse_args(argv)
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    x_all, labels_all = load_data(args.images, args.seed, FLOW_SIZE)
    x_all = ((x_all + 1) * 127.5).round() / 127.5 - 1  # the thumbnails as 8-bit pictures, like any image file
    architecture = {"layers": args.layers, "hidden": args.hidden}
    model = build("flow", architecture)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    g = torch.Generator().manual_seed(args.seed + 13)
    checkpoint = Checkpoint(NAME)
    start, spent = 0, 0.0
    state = None if args.fresh else checkpoint.load()
    if state is not None:
        model.load_state_dict(state["model"])
        opt.load_state_dict(state["opt"])
        g.set_state(state["rng"])
        start, spent = state["step"], state["seconds"]
    log(f"flow {n_params(model):,} parameters, {len(x_all)} thumbnails of {FLOW_SIZE}x{FLOW_SIZE}")
    t_start = time.time()
    model.train()
    avg = None
    for step in range(start, args.steps):
        for group in opt.param_groups:
            group["lr"] = lr_at(step, args.steps, args.lr)
        idx = torch.randint(0, len(x_all), (args.batch,), generator=g)
        loss = bits_per_dim(model, x_all[idx], labels_all[idx], g)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 50.0)
        opt.step()
        avg = loss.item() if avg is None else 0.98 * avg + 0.02 * loss.item()
        if step % 100 == 0 or step == args.steps - 1:
            log(f"step {step + 1}/{args.steps} bits/dim {avg:.3f}")
        if (step + 1) % 250 == 0:
            checkpoint.save({"model": model.state_dict(), "opt": opt.state_dict(), "rng": g.get_state(),
                             "step": step + 1, "seconds": spent + time.time() - t_start})
    minutes = (spent + time.time() - t_start) / 60
    ev = evaluate(lambda labels, seeds: sample(model, labels, seeds))
    log("evaluator: " + ", ".join(f"{k} {v}" for k, v in ev.items() if k != "all_three_per_shape"))
    info = {
        "family": "flow", "architecture": architecture, "parameters": n_params(model), "images": args.images,
        "seed": args.seed, "steps": args.steps, "batch": args.batch, "lr": args.lr, "threads": args.threads,
        "minutes": round(minutes, 2), "final_bits_per_dim": round(float(avg), 4), "temperature": TEMPERATURE,
        "command": "python -m training.train_shapes_flow " + " ".join(argv if argv is not None else sys.argv[1:]),
        "evaluation": ev,
    }
    save_model_folder(NAME, model, info, readme(info))
    checkpoint.remove()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
