"""Train the tiny conditional VAE ("shapes-vae") on the coloured-shapes pictures, on CPU.

The encoder squeezes a picture into 8 numbers (a Gaussian: mean and variance), knowing its labels, so
those numbers hold only what the labels do not say (position, size); it also guesses the labels from the
picture alone, for pictures that come without them. The decoder redraws the picture from those 8
numbers and the labels (shape, colour, background). Loss per picture: squared error × 5 (a Gaussian
likelihood with variance 0.1) + the KL divergence to N(0, I) + the label guesses' cross-entropy. New
pictures: 8 numbers from N(0, I) and the labels the user chose. The networks draw 32×32 (the 64×64
data averaged down; 4× cheaper to train), scaled back up to 64×64 to show.

    python -m training.train_shapes_vae            # 10–20 minutes on one thread of a busy 2-core machine
"""
from __future__ import annotations

import sys
from pathlib import Path

import torch
import torch.nn.functional as F

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from model_backend.image.family_nets import build  # noqa: E402
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

NAME = "shapes-vae"
RECON_WEIGHT = 5.0  # 1 / (2 · 0.1): a Gaussian decoder with variance 0.1 per pixel value in [-1, 1]


@torch.no_grad()
def sample(model, labels: torch.Tensor, seeds: list[int]):
    model.eval()
    return to_uint8(model.decoder(seeded_noise(model.latent_dim, seeds), labels))


def readme(info: dict) -> str:
    return f"""# shapes-vae — a tiny conditional VAE (GenAI Classroom)

A **variational autoencoder** trained from scratch on the app's procedurally drawn coloured shapes
(the same {info["images"]} pictures, seed {info["seed"]}, as the built-in diffusion model), so the Image tab can
show VAE, GAN, flow and diffusion side by side.

* Encoder (conditional): strided convolutions (32→4 px) + the labels → a Gaussian over **{info["architecture"]["latent_dim"]}
  latent numbers**; three heads also guess the labels from the picture alone (so any picture can be reconstructed
  without being told what it shows). Pictures are the 64×64 data averaged down to 32×32, and scaled back up to show.
* Decoder: latent + labels (shape, colour, background embeddings) → 4×4 → 3 upsampling convolutions → 32×32 RGB
  (shown scaled up to 64×64).
* Parameters: {info["parameters"]:,}. Weights: `model.safetensors` (fp32).
* Loss per picture: {RECON_WEIGHT:g} × squared error + KL(q(z|x) ‖ N(0, I)) + cross-entropy of the label guesses.
  Final values: squared error {info["final"]["sse"]:.1f}, KL {info["final"]["kl"]:.2f}, label error {info["final"]["ce"]:.3f}.
* Training: {info["steps"]} steps of batch {info["batch"]}, Adam lr {info["lr"]:g} with cosine decay,
  {info["minutes"]:.1f} minutes on {info["threads"]} CPU thread(s) of a shared 2-core machine.
* Reconstruction error (mean squared error on 256 training pictures, values in [-1, 1]): {info["reconstruction_mse"]:.4f}.
* Command: `{info["command"]}`

""" + accuracy_and_licence(info["evaluation"], "Measured accuracy of new pictures (latent from N(0, I))")


def main(argv=None) -> int:
    p = run_parser(__doc__, steps=2000, batch=48, lr=2e-3)
    p.add_argument("--latent", type=int, default=8)
    p.add_argument("--width", type=int, default=16)
    p.add_argument("--size", type=int, default=32, choices=(32, 64), help="picture size the networks draw")
    add_run_arguments(p)
    args = p.parse_args(argv)
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    x_all, labels_all = load_data(args.images, args.seed, args.size)
    architecture = {"latent_dim": args.latent, "width": args.width, "size": args.size}
    model = build("vae", architecture)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    g = torch.Generator().manual_seed(args.seed + 7)
    run = ResumableRun(NAME, {"model": model, "opt": opt}, g)
    start = run.resume(args.fresh)
    log(f"VAE {n_params(model):,} parameters, {len(x_all)} pictures")
    run.begin()
    model.train()
    avg = None
    for step in range(start, args.steps):
        for group in opt.param_groups:
            group["lr"] = cosine_lr(step, args.steps, args.lr)
        idx = torch.randint(0, len(x_all), (args.batch,), generator=g)
        x, labels = x_all[idx], labels_all[idx]
        rec, mean, log_var, logits = model(x, labels, generator=g)
        sse = ((rec - x) ** 2).sum(dim=(1, 2, 3)).mean()
        kl = (0.5 * (mean ** 2 + log_var.exp() - 1 - log_var).sum(1)).mean()
        ce = sum(F.cross_entropy(lg, labels[:, i]) for i, lg in enumerate(logits))
        loss = RECON_WEIGHT * sse + kl + ce
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 100.0)
        opt.step()
        now = torch.tensor([sse.item(), kl.item(), ce.item()])
        avg = now if avg is None else 0.98 * avg + 0.02 * now
        if step % 100 == 0 or step == args.steps - 1:
            log(f"step {step + 1}/{args.steps} sse {avg[0]:.1f} kl {avg[1]:.2f} ce {avg[2]:.3f}")
        run.step_done(step)
    minutes = run.seconds() / 60
    model.eval()
    with torch.no_grad():
        mean, _, _ = model.encoder(x_all[:256], labels_all[:256])
        rec_mse = F.mse_loss(model.decoder(mean, labels_all[:256]), x_all[:256]).item()
    ev = evaluate(lambda labels, seeds: sample(model, labels, seeds))
    log(f"reconstruction mse {rec_mse:.4f}; evaluator: " + ", ".join(
        f"{k} {v}" for k, v in ev.items() if k != "all_three_per_shape"))
    info = {
        **run_info("vae", args, architecture, n_params(model), minutes, argv), "reconstruction_mse": round(rec_mse, 5),
        "final": {"sse": float(avg[0]), "kl": float(avg[1]), "ce": float(avg[2])}, "evaluation": ev,
    }
    save_model_folder(NAME, model, info, readme(info))
    run.finish()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
