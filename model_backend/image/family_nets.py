"""The networks of the tiny VAE, GAN and flow that sit beside the built-in diffusion model.

All three learn the same procedurally drawn "coloured shapes" (training/shapes_dataset.py) and are
conditioned on the same three labels as the diffusion model's caption: shape, shape colour and
background colour. One definition serves the training scripts (training/train_shapes_*.py) and the
app (model_backend/image/family_models.py), so a saved state dict always fits the class that reads it.

torch is imported inside ``classes()`` only: the app must not pay for it before the user asks for a
picture (tests/backend/test_architecture.py).
"""
from __future__ import annotations

from functools import lru_cache

SHAPES = ("circle", "square", "triangle")
COLOURS = ("red", "green", "blue", "yellow", "purple", "white")  # the order of training/shapes_dataset.COLOURS
IMAGE_SIZE = 64  # what the app shows: the size of the diffusion model's pictures
NET_SIZE = 32  # what the VAE and GAN draw (then scaled ×2): a 64×64 network took 4× the CPU time to train
FLOW_SIZE = 16  # the flow models a 16×16 thumbnail: a flow keeps every dimension, so it must stay small


def label_indices(shape: str, colour: str, background: str) -> tuple[int, int, int]:
    """(shape, colour, background) names → the indices the networks' label embeddings read."""
    return SHAPES.index(shape), COLOURS.index(colour), COLOURS.index(background)


def _doublings(size: int) -> int:
    """How many ×2 steps lead from the networks' 4×4 core to ``size`` (32 → 3, 64 → 4)."""
    if size not in (32, 64):
        raise ValueError(f"size must be 32 or 64, not {size}")
    return {32: 3, 64: 4}[size]


@lru_cache(maxsize=1)
def classes() -> dict[str, type]:
    """The network classes, built on first use so that importing this module does not import torch."""
    import torch
    from torch import nn
    from torch.nn import functional as F
    from torch.nn.utils import spectral_norm

    class LabelEmbedding(nn.Module):
        """Shape, colour and background, each a learned vector; concatenated."""

        def __init__(self, dim: int):
            super().__init__()
            self.shape = nn.Embedding(len(SHAPES), dim)
            self.colour = nn.Embedding(len(COLOURS), dim)
            self.background = nn.Embedding(len(COLOURS), dim)
            self.out_dim = 3 * dim

        def forward(self, labels):  # labels: long (batch, 3)
            return torch.cat([self.shape(labels[:, 0]), self.colour(labels[:, 1]), self.background(labels[:, 2])], 1)

    class Decoder(nn.Module):
        """Latent vector + labels → 64×64 picture in [-1, 1] (the VAE's decoder and the GAN's generator)."""

        def __init__(self, latent_dim: int, label_dim: int = 16, width: int = 32, size: int = NET_SIZE):
            super().__init__()
            self.labels = LabelEmbedding(label_dim)
            self.width = width
            self.fc = nn.Linear(latent_dim + self.labels.out_dim, 4 * width * 4 * 4)
            chans = [4 * width, 4 * width, 2 * width, width, width // 2][:_doublings(size) + 1]
            blocks = []
            for c_in, c_out in zip(chans, chans[1:]):  # 4 → 8 → 16 → 32 (→ 64)
                blocks += [nn.Upsample(scale_factor=2, mode="nearest"), nn.Conv2d(c_in, c_out, 3, padding=1),
                           nn.BatchNorm2d(c_out), nn.ReLU(inplace=True)]
            self.blocks = nn.Sequential(*blocks)
            self.to_rgb = nn.Conv2d(chans[-1], 3, 3, padding=1)

        def forward(self, z, labels):
            return self.draw(z, self.labels(labels))

        def draw(self, z, label_vectors):
            """From label vectors rather than indices, so a latent walk can blend two captions."""
            h = self.fc(torch.cat([z, label_vectors], 1)).view(-1, 4 * self.width, 4, 4)
            return torch.tanh(self.to_rgb(self.blocks(F.relu(h))))

    class Encoder(nn.Module):
        """64×64 picture (+ its labels) → a Gaussian over the latent (mean, log-variance), and a guess of the labels.

        As in a conditional VAE the Gaussian is computed knowing the labels, so the latent numbers need only
        hold what the labels do not say (where the shape is, how big). Three small heads also guess the labels
        from the picture alone, so the app can reconstruct any picture the user brings without being told
        what it shows.
        """

        def __init__(self, latent_dim: int, width: int = 32, size: int = NET_SIZE, label_dim: int = 16):
            super().__init__()
            chans = [3] + [width // 2, width, 2 * width, 4 * width][-_doublings(size):]
            layers = []
            for c_in, c_out in zip(chans, chans[1:]):  # (64 →) 32 → 16 → 8 → 4
                layers += [nn.Conv2d(c_in, c_out, 4, stride=2, padding=1), nn.LeakyReLU(0.2, inplace=True)]
            self.convs = nn.Sequential(*layers)
            flat = 4 * width * 4 * 4
            self.labels = LabelEmbedding(label_dim)
            self.mean = nn.Linear(flat + self.labels.out_dim, latent_dim)
            self.log_var = nn.Linear(flat + self.labels.out_dim, latent_dim)
            self.heads = nn.ModuleList([nn.Linear(flat, len(SHAPES)), nn.Linear(flat, len(COLOURS)),
                                        nn.Linear(flat, len(COLOURS))])

        def forward(self, x, labels=None):
            """``labels`` None: use the encoder's own guess of them."""
            h = self.convs(x).flatten(1)
            logits = [head(h) for head in self.heads]
            if labels is None:
                labels = torch.stack([lg.argmax(1) for lg in logits], 1)
            hl = torch.cat([h, self.labels(labels)], 1)
            return self.mean(hl), self.log_var(hl).clamp(-12, 6), logits

    class ShapesVAE(nn.Module):
        def __init__(self, latent_dim: int = 8, width: int = 32, size: int = NET_SIZE):
            super().__init__()
            self.latent_dim = latent_dim
            self.encoder = Encoder(latent_dim, width, size)
            self.decoder = Decoder(latent_dim, width=width, size=size)

        def forward(self, x, labels, generator=None):
            mean, log_var, logits = self.encoder(x, labels)
            z = mean + torch.exp(0.5 * log_var) * torch.randn(mean.shape, generator=generator)
            return self.decoder(z, labels), mean, log_var, logits

        def guess_labels(self, logits):
            return torch.stack([lg.argmax(1) for lg in logits], 1)

    class Discriminator(nn.Module):
        """Picture + labels → realness score (projection discriminator) and a guess of the labels (AC-GAN)."""

        def __init__(self, width: int = 32, size: int = NET_SIZE):
            super().__init__()
            chans = [3] + [width // 2, width, 2 * width, 4 * width][-_doublings(size):]
            layers = []
            for c_in, c_out in zip(chans, chans[1:]):
                layers += [spectral_norm(nn.Conv2d(c_in, c_out, 4, stride=2, padding=1)), nn.LeakyReLU(0.2, inplace=True)]
            self.convs = nn.Sequential(*layers)
            feat = 4 * width
            self.score = spectral_norm(nn.Linear(feat, 1))
            self.project = LabelEmbedding(feat // 3 + 1)
            self.project_fc = spectral_norm(nn.Linear(self.project.out_dim, feat))
            self.heads = nn.ModuleList([nn.Linear(feat, len(SHAPES)), nn.Linear(feat, len(COLOURS)),
                                        nn.Linear(feat, len(COLOURS))])

        def forward(self, x, labels):
            h = self.convs(x).sum(dim=(2, 3))
            out = self.score(h).squeeze(1) + (self.project_fc(self.project(labels)) * h).sum(1)
            return out, [head(h) for head in self.heads]

    class ShapesGAN(nn.Module):
        """Only the generator is shipped; the discriminator lives in the training script's checkpoint."""

        def __init__(self, latent_dim: int = 32, width: int = 32, size: int = NET_SIZE):
            super().__init__()
            self.latent_dim = latent_dim
            self.generator = Decoder(latent_dim, width=width, size=size)

        def forward(self, z, labels):
            return self.generator(z, labels)

    class Coupling(nn.Module):
        """RealNVP affine coupling: one half of the numbers (alternating by position) scales and shifts the other."""

        def __init__(self, dim: int, parity: int, label_dim: int, hidden: int):
            super().__init__()
            self.register_buffer("mask", (torch.arange(dim) % 2 == parity).float())
            self.net = nn.Sequential(nn.Linear(dim + label_dim, hidden), nn.ReLU(), nn.Linear(hidden, hidden), nn.ReLU(),
                                     nn.Linear(hidden, 2 * dim))
            nn.init.zeros_(self.net[-1].weight)
            nn.init.zeros_(self.net[-1].bias)

        def _shift_scale(self, fixed, cond):
            shift, raw = self.net(torch.cat([fixed, cond], 1)).chunk(2, dim=1)
            free = 1 - self.mask
            return shift * free, torch.tanh(raw) * 2.0 * free  # |log scale| ≤ 2: stable on a short CPU run

        def forward(self, x, cond):  # data → noise, with log|det|
            shift, log_s = self._shift_scale(x * self.mask, cond)
            return x * self.mask + (1 - self.mask) * (x * torch.exp(log_s) + shift), log_s.sum(1)

        def inverse(self, y, cond):  # noise → data
            shift, log_s = self._shift_scale(y * self.mask, cond)
            return y * self.mask + (1 - self.mask) * ((y - shift) * torch.exp(-log_s))

    class ShapesFlow(nn.Module):
        """A conditional RealNVP on a reduced representation: the leading principal components of 16×16 thumbnails.

        A flow keeps every dimension of its input, so it works on ``components`` numbers instead of 12,288
        pixels. The principal components (a fixed linear map, fitted once on the training pictures and stored
        with the weights) are whitened to unit variance; the flow maps them to Gaussian noise and back, with an
        exact likelihood. Between couplings the numbers are reversed, so every number is changed by some layer.
        """

        def __init__(self, components: int = 128, layers: int = 8, hidden: int = 256, label_dim: int = 16):
            super().__init__()
            pixels = 3 * FLOW_SIZE * FLOW_SIZE
            self.components = components
            self.labels = LabelEmbedding(label_dim)
            self.couplings = nn.ModuleList([Coupling(components, i % 2, self.labels.out_dim, hidden)
                                            for i in range(layers)])
            self.register_buffer("pca_mean", torch.zeros(pixels))
            self.register_buffer("pca_basis", torch.zeros(components, pixels))  # rows: principal directions
            self.register_buffer("pca_scale", torch.ones(components))  # standard deviation of each component

        def encode(self, x):
            """Thumbnails (B, 3, 16, 16) in [-1, 1] → whitened principal components (B, components)."""
            return ((x.flatten(1) - self.pca_mean) @ self.pca_basis.T) / self.pca_scale

        def decode(self, w):
            """Whitened components → thumbnails (B, 3, 16, 16) in [-1, 1]."""
            x = (w * self.pca_scale) @ self.pca_basis + self.pca_mean
            return x.view(-1, 3, FLOW_SIZE, FLOW_SIZE).clamp(-1, 1)

        def forward(self, w, labels):  # whitened components → (noise, log|det|)
            cond, log_det = self.labels(labels), torch.zeros(w.shape[0])
            for layer in self.couplings:
                w, ld = layer(w, cond)
                log_det = log_det + ld
                w = w.flip(1)
            return w, log_det

        def inverse(self, z, labels):
            cond = self.labels(labels)
            for layer in reversed(self.couplings):
                z = layer.inverse(z.flip(1), cond)
            return z

    return {"vae": ShapesVAE, "gan": ShapesGAN, "flow": ShapesFlow, "discriminator": Discriminator}


def build(family: str, architecture: dict):
    """A fresh network of ``family`` ("vae", "gan", "flow", "discriminator") with the saved architecture."""
    return classes()[family](**architecture)


def to_pixels(x):
    """Network output (B, 3, h, w) in [-1, 1] → uint8 numpy (B, 64, 64, 3), scaled up smoothly when h < 64.

    The app and the evaluator see every family at the diffusion model's 64×64, so they compare like with like.
    """
    import torch
    from torch.nn import functional as F

    with torch.no_grad():
        if x.shape[-1] != IMAGE_SIZE:
            x = F.interpolate(x, size=(IMAGE_SIZE, IMAGE_SIZE), mode="bilinear", align_corners=False)
        return ((x.clamp(-1, 1) + 1) * 127.5).round().to(torch.uint8).permute(0, 2, 3, 1).numpy()

