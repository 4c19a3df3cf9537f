"""Train the tiny conditional GAN ("shapes-gan") on the coloured-shapes pictures, on CPU.

Two networks play a game: the generator turns 32 random numbers and the labels (shape, colour,
background) into a 64×64 picture; the discriminator sees real and generated pictures with their
labels and scores how real they look (hinge loss, spectral normalisation, a projection of the labels
onto its features) and also guesses the labels (an auxiliary classifier, as in AC-GAN, which keeps
colours faithful). The shipped generator is an exponential moving average of the trained one. The
networks draw 32×32 (the 64×64 data averaged down; 4× cheaper to train), scaled back up to 64×64 to show.

    python -m training.train_shapes_gan            # 20–30 minutes on one thread of a busy 2-core machine
"""
from __future__ import annotations

import copy
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

NAME = "shapes-gan"


@torch.no_grad()
def sample(generator, labels: torch.Tensor, seeds: list[int]):
    generator.eval()
    return to_uint8(generator(seeded_noise(generator.latent_dim, seeds), labels))


def readme(info: dict) -> str:
    return f"""# shapes-gan — a tiny conditional GAN (GenAI Classroom)

A **generative adversarial network** trained from scratch on the app's procedurally drawn coloured
shapes (the same {info["images"]} pictures, seed {info["seed"]}, as the built-in diffusion model), so the Image tab
can show VAE, GAN, flow and diffusion side by side.

* Generator (shipped): {info["architecture"]["latent_dim"]} random numbers + labels (shape, colour, background embeddings)
  → 4×4 → 3 upsampling convolutions → 32×32 RGB (shown scaled up to 64×64); {info["parameters"]:,} parameters,
  `model.safetensors` (fp32).
  The weights are an exponential moving average (decay {info["ema"]}) of the trained generator.
* Discriminator (training only, {info["discriminator_parameters"]:,} parameters): 3 strided convolutions with spectral
  normalisation, a realness score plus a projection of the labels onto its features, and a label classifier (AC-GAN).
* Losses: hinge loss for both players; cross-entropy of the label classifier on real pictures (discriminator) and
  on generated ones (generator). Final running averages: discriminator {info["final"]["d"]:.3f}, generator
  {info["final"]["g"]:.3f}, label error on generated pictures {info["final"]["ce_fake"]:.3f}.
* Training: {info["steps"]} steps of batch {info["batch"]}, Adam lr {info["lr"]:g}, betas (0, 0.9), one discriminator step per
  generator step; {info["minutes"]:.1f} minutes on {info["threads"]} CPU thread(s) of a shared 2-core machine.
* Command: `{info["command"]}`

""" + accuracy_and_licence(info["evaluation"])


def main(argv=None) -> int:
    p = run_parser(__doc__, steps=3000, batch=48, lr=2e-4)
    p.add_argument("--latent", type=int, default=32)
    p.add_argument("--width", type=int, default=16)
    p.add_argument("--ema", type=float, default=0.995)
    p.add_argument("--size", type=int, default=32, choices=(32, 64), help="picture size the networks draw")
    add_run_arguments(p)
    args = p.parse_args(argv)
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    x_all, labels_all = load_data(args.images, args.seed, args.size)
    architecture = {"latent_dim": args.latent, "width": args.width, "size": args.size}
    gan = build("gan", architecture)
    disc = build("discriminator", {"width": args.width, "size": args.size})
    ema = copy.deepcopy(gan)
    opt_g = torch.optim.Adam(gan.parameters(), lr=args.lr, betas=(0.0, 0.9))
    opt_d = torch.optim.Adam(disc.parameters(), lr=args.lr * 2, betas=(0.0, 0.9))
    g = torch.Generator().manual_seed(args.seed + 11)
    run = ResumableRun(NAME, {"gan": gan, "ema": ema, "disc": disc, "opt_g": opt_g, "opt_d": opt_d}, g)
    start = run.resume(args.fresh)
    log(f"GAN generator {n_params(gan):,} parameters, discriminator {n_params(disc):,}")
    run.begin()
    avg = None
    for step in range(start, args.steps):
        gan.train()
        idx = torch.randint(0, len(x_all), (args.batch,), generator=g)
        real, labels = x_all[idx], labels_all[idx]
        z = torch.randn(args.batch, args.latent, generator=g)
        fake = gan(z, labels)
        # discriminator: real high, fake low, and name the labels of real pictures
        d_real, logits_real = disc(real, labels)
        d_fake, _ = disc(fake.detach(), labels)
        ce_real = sum(F.cross_entropy(lg, labels[:, i]) for i, lg in enumerate(logits_real))
        loss_d = F.relu(1 - d_real).mean() + F.relu(1 + d_fake).mean() + ce_real
        opt_d.zero_grad(set_to_none=True)
        loss_d.backward()
        opt_d.step()
        # generator: fool the discriminator, and draw what the labels ask for
        d_fake, logits_fake = disc(fake, labels)
        ce_fake = sum(F.cross_entropy(lg, labels[:, i]) for i, lg in enumerate(logits_fake))
        loss_g = -d_fake.mean() + ce_fake
        opt_g.zero_grad(set_to_none=True)
        loss_g.backward()
        opt_g.step()
        with torch.no_grad():
            decay = min(args.ema, (1 + step) / (10 + step))
            for pe, pg in zip(ema.parameters(), gan.parameters()):
                pe.lerp_(pg, 1 - decay)
            for be, bg in zip(ema.buffers(), gan.buffers()):
                be.copy_(bg)
        now = torch.tensor([loss_d.item(), loss_g.item(), ce_fake.item()])
        avg = now if avg is None else 0.98 * avg + 0.02 * now
        if step % 100 == 0 or step == args.steps - 1:
            log(f"step {step + 1}/{args.steps} d {avg[0]:.3f} g {avg[1]:.3f} ce_fake {avg[2]:.3f}")
        run.step_done(step)
    minutes = run.seconds() / 60
    ev = evaluate(lambda labels, seeds: sample(ema, labels, seeds))
    log("evaluator: " + ", ".join(f"{k} {v}" for k, v in ev.items() if k != "all_three_per_shape"))
    info = {
        **run_info("gan", args, architecture, n_params(ema), minutes, argv),
        "discriminator_parameters": n_params(disc), "ema": args.ema,
        "final": {"d": float(avg[0]), "g": float(avg[1]), "ce_fake": float(avg[2])}, "evaluation": ev,
    }
    save_model_folder(NAME, ema, info, readme(info))
    run.finish()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
