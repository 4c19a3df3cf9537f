"""Keep the loaded sentence embedder and CLIP model between jobs (one of each).

Both are small beside a chat or diffusion model (all-MiniLM-L6-v2 90 MB, CLIP ViT-B/32 600 MB), so
they stay loaded beside the others; the map re-embeds every time a sentence is added, and a reload
per job would cost seconds each time.
"""
from __future__ import annotations

from threading import Event

from model_backend.core.jobs import ProgressFn
from model_backend.core.registry import ModelEntry
from model_backend.representations.clip_model import LoadedClip, load_clip, unload_clip
from model_backend.representations.sentence_embedder import LoadedEmbedder, load_embedder, unload_embedder


class RepresentationModels:
    def __init__(self) -> None:
        self.embedder: LoadedEmbedder | None = None
        self.clip: LoadedClip | None = None
        self._embedder_key: tuple = ()
        self._clip_key: tuple = ()

    def get_embedder(self, entry: ModelEntry, device: str, progress: ProgressFn, cancel: Event) -> LoadedEmbedder:
        key = (entry.model_id, str(entry.path), device)
        if self.embedder is None or key != self._embedder_key:
            self.unload_embedder()
            self.embedder = load_embedder(entry, device, progress, cancel)
            self._embedder_key = key
        return self.embedder

    def get_clip(self, entry: ModelEntry, device: str, progress: ProgressFn, cancel: Event) -> LoadedClip:
        key = (entry.model_id, str(entry.path), device)
        if self.clip is None or key != self._clip_key:
            self.unload_clip()
            self.clip = load_clip(entry, device, progress, cancel)
            self._clip_key = key
        return self.clip

    def unload_embedder(self) -> None:
        loaded, self.embedder, self._embedder_key = self.embedder, None, ()
        unload_embedder(loaded)

    def unload_clip(self) -> None:
        loaded, self.clip, self._clip_key = self.clip, None, ()
        unload_clip(loaded)

    def unload(self) -> None:
        self.unload_embedder()
        self.unload_clip()
