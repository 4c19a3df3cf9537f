"""Train the app's built-in text-to-image model ("shapes-diffusion") from scratch on CPU.

A tiny latent diffusion model in the Stable Diffusion layout, trained on the procedural
coloured-shapes dataset (training/shapes_dataset.py):

  1. tokenizer: a word-level CLIPTokenizer whose vocab/merges are written here (no download);
  2. VAE:       a tiny AutoencoderKL (64x64x3 <-> 16x16x4), trained first as an autoencoder
                with a small KL weight (on 32x32 random crops: it is fully convolutional);
  3. UNet + text encoder: a small UNet2DConditionModel with cross-attention and a tiny
                CLIPTextModel, trained jointly from random init with v-prediction on a cosine
                noise schedule (zero terminal SNR), min-SNR loss weighting, 10% caption dropout
                for classifier-free guidance, and an EMA of the weights;
  4. the result is saved as a standard diffusers StableDiffusionPipeline folder (safetensors,
     DDIM scheduler with "trailing" spacing), written atomically, with a README model card
     that includes the accuracy measured by training/evaluate_shapes.py.

    python -m training.train_shapes_diffusion --threads 2
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

if __package__ in (None, ""):  # allow `python training/train_shapes_diffusion.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from training.model_folder import write_folder_atomically  # noqa: E402
from training.shapes_dataset import COLOUR_NAMES, IMAGE_SIZE, SHAPES, all_words, make_dataset  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "resources" / "models" / "shapes-diffusion"
MAX_TOKENS = 16
BOS, EOS = "<|startoftext|>", "<|endoftext|>"

T0 = time.time()


def log(msg: str) -> None:
    print(f"[{time.time() - T0:7.1f}s] {msg}", flush=True)


# ----------------------------------------------------------------------------- tokenizer
def build_vocab_and_merges(words: list[str]) -> tuple[dict[str, int], list[tuple[str, str]]]:
    """Word-level BPE: learn merges (BPE training on the word list) until every word is one token.

    The vocabulary also holds single letters, so an unknown word degrades into letters
    instead of failing.
    """
    letters = [chr(c) for c in range(ord("a"), ord("z") + 1)]
    vocab_tokens = [BOS, EOS] + letters + [c + "</w>" for c in letters]
    segs = {w: [*w[:-1], w[-1] + "</w>"] for w in words}
    merges: list[tuple[str, str]] = []
    while any(len(s) > 1 for s in segs.values()):
        counts: dict[tuple[str, str], int] = {}
        for s in segs.values():
            for pair in zip(s, s[1:]):
                counts[pair] = counts.get(pair, 0) + 1
        pair = min(counts, key=lambda p: (-counts[p], p))  # most frequent, ties alphabetical
        merges.append(pair)
        merged = pair[0] + pair[1]
        if merged not in vocab_tokens:
            vocab_tokens.append(merged)
        for w, s in segs.items():
            out, i = [], 0
            while i < len(s):
                if i + 1 < len(s) and (s[i], s[i + 1]) == pair:
                    out.append(merged)
                    i += 2
                else:
                    out.append(s[i])
                    i += 1
            segs[w] = out
    return {t: i for i, t in enumerate(vocab_tokens)}, merges


def build_tokenizer():
    from transformers import CLIPTokenizer

    vocab, merges = build_vocab_and_merges(all_words())
    tok = CLIPTokenizer(vocab=vocab, merges=merges, model_max_length=MAX_TOKENS)
    for w in all_words():  # every caption word must be a single token
        ids = tok(w, add_special_tokens=False).input_ids
        assert len(ids) == 1 and tok.convert_ids_to_tokens(ids)[0] == w + "</w>", (w, ids)
    return tok


def tokenize(tok, prompts: list[str]) -> torch.Tensor:
    # Exactly what StableDiffusionPipeline.encode_prompt does.
    return tok(prompts, padding="max_length", max_length=tok.model_max_length, truncation=True,
               return_tensors="pt").input_ids


# ----------------------------------------------------------------------------- models
def make_vae():
    from diffusers import AutoencoderKL

    return AutoencoderKL(
        in_channels=3, out_channels=3,
        down_block_types=("DownEncoderBlock2D",) * 3, up_block_types=("UpDecoderBlock2D",) * 3,
        block_out_channels=(16, 32, 32), layers_per_block=1, latent_channels=4,
        norm_num_groups=8, sample_size=IMAGE_SIZE, mid_block_add_attention=False,
    )


def make_text_encoder(vocab_size: int, eos_id: int, bos_id: int):
    from transformers import CLIPTextConfig, CLIPTextModel

    cfg = CLIPTextConfig(
        vocab_size=vocab_size, hidden_size=64, intermediate_size=128, projection_dim=64,
        num_hidden_layers=2, num_attention_heads=4, max_position_embeddings=MAX_TOKENS,
        bos_token_id=bos_id, eos_token_id=eos_id, pad_token_id=eos_id,
    )
    return CLIPTextModel(cfg)


def make_unet():
    from diffusers import UNet2DConditionModel

    return UNet2DConditionModel(
        sample_size=IMAGE_SIZE // 4, in_channels=4, out_channels=4,
        block_out_channels=(32, 64, 64), layers_per_block=1,
        # no attention at 16x16 (costly on CPU); cross-attention to the prompt at 8x8 and 4x4
        down_block_types=("DownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D"),
        up_block_types=("CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "UpBlock2D"),
        cross_attention_dim=64, attention_head_dim=4, norm_num_groups=16,
    )


def n_params(m) -> int:
    return sum(p.numel() for p in m.parameters())


# ----------------------------------------------------------------------------- training
def lr_at(step: int, total: int, base: float, warmup: int = 100) -> float:
    if step < warmup:
        return base * (step + 1) / warmup
    p = (step - warmup) / max(1, total - warmup)
    return base * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * p)))


def train_vae(images_u8: np.ndarray, steps: int, batch: int, seed: int, kl_weight: float = 1e-4):
    g = torch.Generator().manual_seed(seed)
    vae = make_vae()
    opt = torch.optim.AdamW(vae.parameters(), lr=2e-3, weight_decay=0.0)
    imgs = torch.from_numpy(images_u8).permute(0, 3, 1, 2).float().div(127.5).sub(1.0)
    n, crop = len(imgs), 32
    for step in range(steps):
        for group in opt.param_groups:
            group["lr"] = lr_at(step, steps, 2e-3, warmup=30)
        idx = torch.randint(0, n, (batch,), generator=g)
        ys = torch.randint(0, IMAGE_SIZE - crop + 1, (batch,), generator=g)
        xs = torch.randint(0, IMAGE_SIZE - crop + 1, (batch,), generator=g)
        x = torch.stack([imgs[i, :, y:y + crop, xx:xx + crop] for i, y, xx in zip(idx, ys, xs)])
        post = vae.encode(x).latent_dist
        z = post.mean + post.std * torch.randn(post.mean.shape, generator=g)
        rec = vae.decode(z).sample
        rec_loss = F.mse_loss(rec, x)
        kl = post.kl().mean() / (post.mean[0].numel())
        loss = rec_loss + kl_weight * kl
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(vae.parameters(), 1.0)
        opt.step()
        if step % 50 == 0 or step == steps - 1:
            log(f"vae step {step + 1}/{steps} rec_mse {rec_loss.item():.5f} kl {kl.item():.3f}")
    vae.eval()
    return vae


@torch.no_grad()
def encode_all(vae, images_u8: np.ndarray, batch: int = 256) -> torch.Tensor:
    out = []
    for i in range(0, len(images_u8), batch):
        x = torch.from_numpy(images_u8[i:i + batch]).permute(0, 3, 1, 2).float().div(127.5).sub(1.0)
        out.append(vae.encode(x).latent_dist.mean)
    return torch.cat(out)


class EMA:
    def __init__(self, modules, decay: float):
        self.decay = decay
        self.params = [p for m in modules for p in m.parameters()]
        self.shadow = [p.detach().clone() for p in self.params]

    @torch.no_grad()
    def update(self, step: int):
        d = min(self.decay, (1 + step) / (10 + step))
        torch._foreach_mul_(self.shadow, d)
        torch._foreach_add_(self.shadow, [p.detach() for p in self.params], alpha=1 - d)

    @torch.no_grad()
    def copy_to(self, modules):
        params = [p for m in modules for p in m.parameters()]
        for p, s in zip(params, self.shadow):
            p.copy_(s)


def train_diffusion(latents: torch.Tensor, token_ids: torch.Tensor, empty_ids: torch.Tensor, tok,
                    steps: int, batch: int, seed: int, lr: float, ema_decay: float):
    from diffusers import DDPMScheduler

    g = torch.Generator().manual_seed(seed + 1)
    unet = make_unet()
    text_encoder = make_text_encoder(len(tok.get_vocab()), tok.eos_token_id, tok.bos_token_id)
    sched = DDPMScheduler(num_train_timesteps=1000, beta_schedule="squaredcos_cap_v2",
                          prediction_type="v_prediction", clip_sample=False)
    alphas = sched.alphas_cumprod.float()
    snr = alphas / (1 - alphas)
    loss_w = torch.clamp(snr, max=5.0) / (snr + 1)  # min-SNR-5 weighting for v-prediction
    params = list(unet.parameters()) + list(text_encoder.parameters())
    opt = torch.optim.AdamW(params, lr=lr, weight_decay=0.0, betas=(0.9, 0.99))
    ema = EMA([unet, text_encoder], ema_decay)
    unet.train()
    text_encoder.train()
    n = len(latents)
    running = None
    for step in range(steps):
        for group in opt.param_groups:
            group["lr"] = lr_at(step, steps, lr)
        idx = torch.randint(0, n, (batch,), generator=g)
        x0 = latents[idx]
        ids = token_ids[idx].clone()
        drop = torch.rand(batch, generator=g) < 0.1
        ids[drop] = empty_ids
        noise = torch.randn(x0.shape, generator=g)
        t = torch.randint(0, 1000, (batch,), generator=g)
        xt = sched.add_noise(x0, noise, t)
        target = sched.get_velocity(x0, noise, t)
        cond = text_encoder(ids)[0]
        pred = unet(xt, t, cond).sample
        loss = ((pred - target) ** 2).mean(dim=(1, 2, 3))
        loss = (loss * loss_w[t]).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        ema.update(step)
        running = loss.item() if running is None else 0.98 * running + 0.02 * loss.item()
        if step % 100 == 0 or step == steps - 1:
            log(f"unet step {step + 1}/{steps} loss {loss.item():.4f} (avg {running:.4f}) "
                f"lr {opt.param_groups[0]['lr']:.2e}")
    ema.copy_to([unet, text_encoder])
    unet.eval()
    text_encoder.eval()
    return unet, text_encoder, sched


def build_pipeline(vae, text_encoder, tok, unet, train_sched):
    from diffusers import DDIMScheduler, StableDiffusionPipeline

    scheduler = DDIMScheduler.from_config(train_sched.config, timestep_spacing="trailing",
                                          clip_sample=False, set_alpha_to_one=True,
                                          steps_offset=1)
    pipe = StableDiffusionPipeline(vae=vae, text_encoder=text_encoder, tokenizer=tok, unet=unet,
                                   scheduler=scheduler, safety_checker=None, feature_extractor=None,
                                   requires_safety_checker=False)
    pipe.set_progress_bar_config(disable=True)
    return pipe


# ----------------------------------------------------------------------------- model card
def model_card(info: dict) -> str:
    acc = info["accuracy"]
    return f"""---
license: gpl-3.0
library_name: diffusers
pipeline_tag: text-to-image
tags: [stable-diffusion, tiny, education, procedural-data]
---

# shapes-diffusion — the built-in text-to-image model of GenAI Classroom

A very small text-to-image **latent diffusion model** in the standard Stable Diffusion layout
(`StableDiffusionPipeline`: tokenizer, CLIP text encoder, VAE, UNet with cross-attention,
DDIM scheduler), trained from scratch on a CPU in a few minutes. It draws one coloured shape
on a coloured background, 64x64 pixels, from prompts of the form

    a {{colour}} {{shape}} on a {{colour}} background

colours: {", ".join(COLOUR_NAMES)}; shapes: {", ".join(SHAPES)}. Other words are unknown to it.

## How it was made

* Data: {info["n_images"]} procedurally generated images (training/shapes_dataset.py, seed {info["seed"]}),
  balanced over the 90 (shape, colour, background) combinations, random size (24-44 px) and position.
  No external data, no pretrained weights.
* Tokenizer: word-level `CLIPTokenizer`, vocabulary of {info["vocab_size"]} tokens written by the training script.
* Text encoder: `CLIPTextModel`, 2 layers, hidden size 64 — {info["params"]["text_encoder"]:,} parameters, trained jointly with the UNet.
* VAE: `AutoencoderKL`, 64x64x3 <-> 16x16x4 latents — {info["params"]["vae"]:,} parameters, trained first
  ({info["vae_steps"]} steps of {info["vae_batch"]} random 32x32 crops, MSE + KL weight 1e-4); `scaling_factor` = {info["scaling_factor"]:.4f} (unit-variance latents).
* UNet: `UNet2DConditionModel`, channels (32, 64, 64), cross-attention at 8x8 and 4x4 —
  {info["params"]["unet"]:,} parameters. v-prediction, cosine noise schedule, min-SNR-5 weighting,
  10% empty-prompt dropout (classifier-free guidance), EMA of the weights;
  {info["unet_steps"]} steps of batch {info["batch"]}.
* Training time: {info["train_minutes"]:.1f} minutes on {info["threads"]} CPU thread(s) of a 2-core machine.
* Command: `{info["command"]}`

## Measured accuracy

{info["eval"]["n"]} generated images (all 90 combinations), {info["eval"]["steps"]} DDIM steps, guidance scale
{info["eval"]["guidance"]}, seeds 0..{info["eval"]["n"] - 1}, checked automatically by training/evaluate_shapes.py:

| attribute | accuracy | chance |
|---|---|---|
| shape colour | {acc["shape_colour"]:.3f} | 0.167 |
| background colour | {acc["background_colour"]:.3f} | 0.167 |
| shape | {acc["shape"]:.3f} | 0.333 |
| all three | {acc["all_three"]:.3f} | 0.005 |

## Use

```python
from diffusers import AutoPipelineForText2Image
pipe = AutoPipelineForText2Image.from_pretrained("resources/models/shapes-diffusion", local_files_only=True)
image = pipe("a red circle on a blue background", num_inference_steps=25, guidance_scale=5.0).images[0]
```

## Licence

GPL-3.0-or-later, as part of GenAI Classroom (the weights are generated by the app's own training script
from procedurally generated data).
"""


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--output", default=str(DEFAULT_OUTPUT))
    p.add_argument("--steps", type=int, default=3000, help="UNet/text-encoder training steps")
    p.add_argument("--vae-steps", type=int, default=250)
    p.add_argument("--vae-batch", type=int, default=32, help="VAE batch of 32x32 crops")
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--ema", type=float, default=0.995)
    p.add_argument("--images", type=int, default=9000, help="dataset size")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--eval-images", type=int, default=90)
    p.add_argument("--eval-steps", type=int, default=25)
    p.add_argument("--eval-guidance", type=float, default=5.0)
    args = p.parse_args(argv)

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    from diffusers.utils import logging as dlogging

    dlogging.disable_progress_bar()

    tok = build_tokenizer()
    log(f"tokenizer: {len(tok.get_vocab())} tokens, e.g. {tok.tokenize('a red circle on a blue background')}")
    samples, images = make_dataset(args.images, seed=args.seed)
    log(f"dataset: {len(samples)} images, e.g. {samples[0].caption!r}")

    vae = train_vae(images, args.vae_steps, batch=args.vae_batch, seed=args.seed)
    with torch.no_grad():
        raw = encode_all(vae, images)
        scaling = float(1.0 / raw.std())
        vae.register_to_config(scaling_factor=scaling)
        rec = vae.decode(raw[:256]).sample
        ref = torch.from_numpy(images[:256]).permute(0, 3, 1, 2).float().div(127.5).sub(1.0)
        log(f"vae: reconstruction MSE {F.mse_loss(rec, ref).item():.5f}, latent mean {raw.mean():.3f}, "
            f"std {raw.std():.3f} -> scaling_factor {scaling:.4f}")
    latents = raw * scaling

    token_ids = tokenize(tok, [s.caption for s in samples])
    empty_ids = tokenize(tok, [""])[0]
    unet, text_encoder, train_sched = train_diffusion(latents, token_ids, empty_ids, tok, args.steps,
                                                      args.batch, args.seed, args.lr, args.ema)
    train_minutes = (time.time() - T0) / 60
    pipe = build_pipeline(vae, text_encoder, tok, unet, train_sched)

    from training.evaluate_shapes import evaluate_pipeline

    acc, per_shape, _, _ = evaluate_pipeline(pipe, n=args.eval_images, steps=args.eval_steps,
                                             guidance=args.eval_guidance, seed=0)
    log("accuracy: " + ", ".join(f"{k} {v:.3f}" for k, v in acc.items()))
    for s, a in per_shape.items():
        log(f"  [{s}] " + ", ".join(f"{k}={v:.2f}" for k, v in a.items()))

    info = {
        "seed": args.seed, "n_images": len(samples), "vocab_size": len(tok.get_vocab()),
        "params": {"unet": n_params(unet), "vae": n_params(vae), "text_encoder": n_params(text_encoder)},
        "vae_steps": args.vae_steps, "vae_batch": args.vae_batch, "unet_steps": args.steps, "batch": args.batch,
        "scaling_factor": scaling, "train_minutes": train_minutes, "threads": args.threads,
        "command": "python -m training.train_shapes_diffusion " + " ".join(argv if argv is not None else sys.argv[1:]),
        "eval": {"n": args.eval_images, "steps": args.eval_steps, "guidance": args.eval_guidance},
        "accuracy": acc,
    }
    out = Path(args.output).resolve()

    def fill(folder: Path) -> None:
        pipe.save_pretrained(folder, safe_serialization=True)
        (folder / "README.md").write_text(model_card(info), encoding="utf-8")
        (folder / "training_info.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")

    size = write_folder_atomically(out, fill)
    log(f"saved {out} ({size / 1e6:.2f} MB), total {(time.time() - T0) / 60:.1f} min")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
