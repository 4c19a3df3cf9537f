"""Sentences → vectors with a sentence-transformers model (the embedded all-MiniLM-L6-v2) on plain
transformers: no sentence-transformers package, no network, no code from the model folder.

sentence-transformers builds all-MiniLM-L6-v2 as BERT → mean pooling over the real tokens (padding
excluded, ``1_Pooling/config.json``: pooling_mode_mean_tokens) → L2 normalisation (``2_Normalize``).
The same three steps here give the same vectors (checked against the model card's behaviour by the
paraphrase test), so the cosine similarity of two sentences is simply their dot product. Another
sentence-transformers folder the student adds (a multilingual one, for Japanese) is pooled the way its
own ``1_Pooling/config.json`` says ([CLS] token or mean); the vectors are always made unit length,
since the map and the table compare directions (cosine).
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from threading import Event
from typing import Any

from model_backend.core.device import DeviceChoice, choose_device, release_memory
from model_backend.core.engines import Engine
from model_backend.core.errors import BackendError, ErrorKind, InvalidModelError, JobCancelled, plain_library_text
from model_backend.core.jobs import ProgressFn
from model_backend.core.messages import msg
from model_backend.core.model_inspection import ModelKind
from model_backend.core.registry import ModelEntry
from model_backend.representations.loading_checks import checked_folder, start_loading
from model_backend.representations.representation_types import MAX_SENTENCES, Embeddings, EmbedRequest

BATCH = 32
MAX_TOKENS = 256  # what all-MiniLM-L6-v2 was trained on (sentence_bert_config.json: max_seq_length)


@dataclass
class LoadedEmbedder:
    entry: ModelEntry
    tokenizer: Any
    model: Any
    device: DeviceChoice
    max_tokens: int
    load_seconds: float
    pooling: str = "mean"  # "mean" (over the real tokens) or "cls" (the first token's state)
    engine: Engine = Engine.TRANSFORMERS

    def embed(self, sentences: list[str], cancel: Event | None = None) -> tuple[Any, list[int], list[int]]:
        """Unit-length vectors (numpy float32, one row per sentence), each sentence's token count, and
        the indices of sentences cut at ``max_tokens``."""
        import numpy as np
        import torch

        vectors, counts, truncated = [], [], []
        for start in range(0, len(sentences), BATCH):
            if cancel is not None and cancel.is_set():
                raise JobCancelled()
            batch = sentences[start:start + BATCH]
            full = self.tokenizer(batch, add_special_tokens=True)["input_ids"]
            encoded = self.tokenizer(batch, padding=True, truncation=True, max_length=self.max_tokens,
                                     return_tensors="pt").to(self.device.device)
            with torch.inference_mode():
                states = self.model(**encoded).last_hidden_state.float()
            if self.pooling == "cls":
                pooled = states[:, 0]
            else:
                mask = encoded["attention_mask"].unsqueeze(-1).to(states.dtype)
                pooled = (states * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)  # mean over the real tokens
            pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
            vectors.append(pooled.cpu().numpy().astype(np.float32))
            for offset, ids in enumerate(full):
                counts.append(min(len(ids), self.max_tokens))
                if len(ids) > self.max_tokens:
                    truncated.append(start + offset)
        return np.concatenate(vectors) if vectors else np.zeros((0, 0), np.float32), counts, truncated


def _max_tokens(folder: Path, tokenizer) -> int:
    """The length the model was trained on (sentence-transformers' setting), else the tokenizer's limit."""
    import json

    try:
        setting = json.loads((folder / "sentence_bert_config.json").read_text(encoding="utf-8")).get("max_seq_length")
    except (OSError, ValueError, AttributeError):
        setting = None
    limit = getattr(tokenizer, "model_max_length", MAX_TOKENS) or MAX_TOKENS
    return int(min(setting or MAX_TOKENS, limit if limit < 100_000 else MAX_TOKENS))


def pooling_mode(folder: Path) -> str:
    """How the folder's sentence-transformers configuration pools token states: "cls" or "mean" (also the
    answer for a folder without one: a plain encoder is best averaged)."""
    import json

    try:
        config = json.loads((folder / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "mean"
    return "cls" if isinstance(config, dict) and config.get("pooling_mode_cls_token") else "mean"


def load_embedder(entry: ModelEntry, device: str, progress: ProgressFn, cancel: Event) -> LoadedEmbedder:
    folder = checked_folder(entry, ModelKind.EMBEDDING)
    started = start_loading(entry, progress, cancel)
    import torch
    from transformers import AutoModel, AutoTokenizer

    choice = choose_device(device, torch)
    try:
        tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
        model = AutoModel.from_pretrained(folder, dtype=torch.float32, local_files_only=True, use_safetensors=True)
    except (OSError, ValueError, KeyError) as exc:
        raise InvalidModelError(msg("{name} could not be loaded as a sentence-embedding model: {reason}",
                                    name=entry.name, reason=plain_library_text(exc)), details=repr(exc)) from exc
    model.to(choice.device).eval()
    return LoadedEmbedder(entry=entry, tokenizer=tokenizer, model=model,
                          device=DeviceChoice(choice.device, "float32", choice.reason),
                          max_tokens=_max_tokens(folder, tokenizer), load_seconds=time.perf_counter() - started,
                          pooling=pooling_mode(folder))


def validate_embed_request(request: EmbedRequest) -> list[str]:
    """The sentences to embed (blank ones are refused: an empty line has no meaning to place)."""
    sentences = [str(s).strip() for s in request.sentences]
    if not sentences:
        raise BackendError(ErrorKind.EMPTY_PROMPT, msg("Type at least one sentence to place on the map."))
    if any(not s for s in sentences):
        raise BackendError(ErrorKind.INVALID_INPUT, msg("One of the sentences is empty; remove it or type something."))
    if len(sentences) > MAX_SENTENCES:
        raise BackendError(ErrorKind.INVALID_INPUT, msg("The map holds at most {count} sentences; remove some first.",
                                                        count=MAX_SENTENCES))
    return sentences


def run_embed(request: EmbedRequest, loaded: LoadedEmbedder, cancel: Event) -> Embeddings:
    sentences = validate_embed_request(request)
    started = time.perf_counter()
    vectors, counts, truncated = loaded.embed(sentences, cancel)
    return Embeddings(sentences=tuple(sentences), vectors=vectors, model_name=loaded.entry.name,
                      token_counts=tuple(counts), truncated=tuple(truncated), seconds=time.perf_counter() - started)


def unload_embedder(loaded: LoadedEmbedder | None) -> None:
    if loaded is not None:
        device = loaded.device.device
        loaded.model = None
        release_memory(device)
