"""CLIP: a picture and a sentence mapped into one vector space, learned contrastively from pairs.

Three things the views ask of a Hugging Face ``CLIPModel`` folder (safetensors, local files only,
never code from the folder):
- zero-shot classification: each label the student types becomes "a photo of {label}", and the
  softmax over the labels of the scaled cosine similarities says which fits the picture (no training
  on those labels: the foundation model was never shown them as classes);
- image–prompt similarity: the cosine of a generated picture's vector with its own prompt's (the
  "CLIP score" papers report, here without the ×100 and the clipping at 0);
- where the image encoder's [CLS] token looks: its last-layer attention over the patches, averaged
  over the heads (eager attention, so the weights exist as numbers).
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from threading import Event
from typing import Any

import numpy as np

from model_backend.core.device import DeviceChoice, choose_device, release_memory
from model_backend.core.engines import Engine
from model_backend.core.errors import BackendError, ErrorKind, InvalidModelError, JobCancelled, plain_library_text
from model_backend.core.jobs import ProgressFn
from model_backend.core.messages import msg
from model_backend.core.model_inspection import ModelKind
from model_backend.core.registry import ModelEntry
from model_backend.representations.image_patches import square_crop
from model_backend.representations.loading_checks import checked_folder, start_loading
from model_backend.representations.representation_types import (
    MAX_LABELS,
    ImageTextSimilarities,
    ImageTextSimilarityRequest,
    PatchAttention,
    PatchAttentionRequest,
    ZeroShotRequest,
    ZeroShotResult,
)

BATCH = 16


@dataclass
class LoadedClip:
    entry: ModelEntry
    model: Any
    processor: Any
    device: DeviceChoice
    load_seconds: float
    engine: Engine = Engine.TRANSFORMERS

    @property
    def image_size(self) -> int:
        return int(self.model.config.vision_config.image_size)

    @property
    def patch_size(self) -> int:
        return int(self.model.config.vision_config.patch_size)

    def _pixels_in(self, pictures: list[np.ndarray]):
        """The model's own preprocessing (normalisation) of square crops at its size: what the model
        sees is exactly what the patch view shows."""
        squares = [square_crop(p, self.image_size) for p in pictures]
        inputs = self.processor(images=squares, return_tensors="pt")
        return inputs["pixel_values"].to(self.device.device), squares

    def image_vectors(self, pictures: list[np.ndarray], cancel: Event | None = None) -> np.ndarray:
        import torch

        rows = []
        for start in range(0, len(pictures), BATCH):
            if cancel is not None and cancel.is_set():
                raise JobCancelled()
            pixel_values, _ = self._pixels_in(pictures[start:start + BATCH])
            with torch.inference_mode():
                rows.append(self.model.get_image_features(pixel_values=pixel_values).pooler_output.float())
        return _unit(torch.cat(rows)).cpu().numpy()

    def text_vectors(self, sentences: list[str], cancel: Event | None = None) -> np.ndarray:
        import torch

        rows = []
        limit = int(getattr(self.model.config.text_config, "max_position_embeddings", 77))
        for start in range(0, len(sentences), BATCH):
            if cancel is not None and cancel.is_set():
                raise JobCancelled()
            encoded = self.processor.tokenizer(sentences[start:start + BATCH], padding=True, truncation=True,
                                               max_length=limit, return_tensors="pt").to(self.device.device)
            with torch.inference_mode():
                rows.append(self.model.get_text_features(**encoded).pooler_output.float())
        return _unit(torch.cat(rows)).cpu().numpy()

    @property
    def logit_scale(self) -> float:
        return float(self.model.logit_scale.detach().exp().cpu())

    def zero_shot(self, picture: np.ndarray, labels: list[str], template: str, cancel: Event) -> tuple[np.ndarray,
                                                                                                         np.ndarray]:
        """(probabilities, cosine similarities), one per label."""
        sentences = [template.format(label) if "{}" in template else f"{template} {label}" for label in labels]
        texts = self.text_vectors(sentences, cancel)
        image = self.image_vectors([picture], cancel)[0]
        similarities = texts @ image
        logits = self.logit_scale * similarities
        exp = np.exp(logits - logits.max())
        return exp / exp.sum(), similarities

    def cls_attention(self, picture: np.ndarray) -> tuple[np.ndarray, float, np.ndarray, int, int]:
        """[CLS]'s last-layer attention over the patches (rows × columns, heads averaged), the share it
        keeps on itself, the square picture, and the number of heads and layers."""
        import torch

        pixel_values, squares = self._pixels_in([picture])
        with torch.inference_mode():
            output = self.model.vision_model(pixel_values=pixel_values, output_attentions=True)
        attentions = output.attentions
        if not attentions or attentions[-1] is None:
            raise BackendError(ErrorKind.INTERNAL, msg("This model did not report its attention weights."))
        last = attentions[-1][0].float().mean(dim=0)  # heads averaged: (tokens × tokens)
        from_cls = last[0].cpu().numpy()
        side = self.image_size // self.patch_size
        weights = from_cls[1:1 + side * side].reshape(side, side)
        return weights, float(from_cls[0]), squares[0], int(attentions[-1].shape[1]), len(attentions)


def _unit(rows):
    import torch

    return torch.nn.functional.normalize(rows, p=2, dim=-1)


def load_clip(entry: ModelEntry, device: str, progress: ProgressFn, cancel: Event) -> LoadedClip:
    folder = checked_folder(entry, ModelKind.IMAGE_TEXT)
    if not any((folder / name).is_file() for name in ("preprocessor_config.json", "processor_config.json")):
        raise InvalidModelError(msg("{name} has no preprocessor_config.json, so the app does not know how the model "
                                    "wants its pictures. Download the whole model folder.", name=entry.name))
    started = start_loading(entry, progress, cancel)
    import torch
    from transformers import CLIPModel, CLIPProcessor

    choice = choose_device(device, torch)
    try:
        processor = CLIPProcessor.from_pretrained(folder, local_files_only=True)
        # eager attention: the [CLS] attention view needs the weights as numbers (SDPA does not return them)
        model = CLIPModel.from_pretrained(folder, dtype=torch.float32, local_files_only=True, use_safetensors=True,
                                          attn_implementation="eager")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InvalidModelError(msg("{name} could not be loaded as a CLIP model: {reason}", name=entry.name,
                                    reason=plain_library_text(exc)), details=repr(exc)) from exc
    model.to(choice.device).eval()
    return LoadedClip(entry=entry, model=model, processor=processor,
                      device=DeviceChoice(choice.device, "float32", choice.reason),
                      load_seconds=time.perf_counter() - started)


def unload_clip(loaded: LoadedClip | None) -> None:
    if loaded is not None:
        device = loaded.device.device
        loaded.model = None
        release_memory(device)


# ---- the three jobs ---------------------------------------------------------------------
def _picture(pixels: Any, path: str) -> np.ndarray:
    if pixels is not None:
        return np.asarray(pixels)
    if not path:
        raise BackendError(ErrorKind.INVALID_INPUT, msg("Open a picture first."))
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            return np.asarray(image.convert("RGB"))
    except (OSError, UnidentifiedImageError, ValueError) as exc:
        raise BackendError(ErrorKind.INVALID_INPUT, msg("{path} is not a picture this app can open.", path=path),
                           repr(exc)) from exc


def validate_labels(labels: tuple[str, ...]) -> list[str]:
    cleaned = list(dict.fromkeys(label.strip() for label in labels if label.strip()))
    if len(cleaned) < 2:
        raise BackendError(ErrorKind.INVALID_INPUT, msg("Type at least two labels, separated by commas: CLIP chooses "
                                                        "among them."))
    if len(cleaned) > MAX_LABELS:
        raise BackendError(ErrorKind.INVALID_INPUT, msg("Use at most {count} labels.", count=MAX_LABELS))
    return cleaned


def run_zero_shot(request: ZeroShotRequest, loaded: LoadedClip, cancel: Event) -> ZeroShotResult:
    labels = validate_labels(request.labels)
    picture = _picture(request.pixels, request.image_path)
    started = time.perf_counter()
    probabilities, similarities = loaded.zero_shot(picture, labels, request.template or "{}", cancel)
    return ZeroShotResult(labels=tuple(labels), probabilities=tuple(float(p) for p in probabilities),
                          similarities=tuple(float(s) for s in similarities), model_name=loaded.entry.name,
                          seconds=time.perf_counter() - started)


def run_image_text_similarity(request: ImageTextSimilarityRequest, loaded: LoadedClip,
                              cancel: Event) -> ImageTextSimilarities:
    if not request.image_paths or len(request.image_paths) != len(request.prompts):
        raise BackendError(ErrorKind.INVALID_INPUT, msg("There are no generated pictures with prompts to compare yet."))
    started = time.perf_counter()
    pictures = [_picture(None, path) for path in request.image_paths]
    images = loaded.image_vectors(pictures, cancel)
    texts = loaded.text_vectors([prompt or " " for prompt in request.prompts], cancel)
    matrix = images @ texts.T
    return ImageTextSimilarities(image_paths=tuple(request.image_paths), prompts=tuple(request.prompts),
                                 similarities=tuple(float(v) for v in np.diag(matrix)), matrix=matrix,
                                 model_name=loaded.entry.name, seconds=time.perf_counter() - started)


def run_patch_attention(request: PatchAttentionRequest, loaded: LoadedClip, cancel: Event) -> PatchAttention:
    picture = _picture(request.pixels, "")
    if cancel.is_set():
        raise JobCancelled()
    started = time.perf_counter()
    weights, to_itself, square, heads, layers = loaded.cls_attention(picture)
    return PatchAttention(weights=weights, cls_to_itself=to_itself, image=square, patch_size=loaded.patch_size,
                          image_size=loaded.image_size, model_name=loaded.entry.name, heads=heads, layers=layers,
                          seconds=time.perf_counter() - started)
