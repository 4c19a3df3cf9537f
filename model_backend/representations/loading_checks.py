"""What every representation model (the sentence embedder, CLIP) checks before its weights are read.

Both load a Hugging Face folder the student may have added by hand, so both refuse the wrong kind of
model, code shipped in the folder and pickled weights, each with a plain sentence, before any heavy
library is imported; and both say "Loading …" only once the job is known not to be cancelled.
"""
from __future__ import annotations

import time
from pathlib import Path
from threading import Event

from model_backend.core.errors import ErrorKind, InvalidModelError, JobCancelled
from model_backend.core.jobs import ProgressFn
from model_backend.core.messages import msg
from model_backend.core.model_inspection import KIND_NAMES, ModelKind, refuse_custom_code, refuse_pickled_weights
from model_backend.core.registry import ModelEntry


def checked_folder(entry: ModelEntry, wanted: ModelKind) -> Path:
    """The entry's folder, once it is a ``wanted`` model with no code of its own and no pickled weights."""
    if entry.kind is not wanted:
        raise InvalidModelError(msg("{name} is {kind}, not {wanted}.", name=entry.name, kind=KIND_NAMES[entry.kind],
                                    wanted=KIND_NAMES[wanted]), kind=ErrorKind.WRONG_MODEL_KIND)
    folder = Path(entry.path)
    refuse_custom_code(folder)
    refuse_pickled_weights(folder)
    return folder


def start_loading(entry: ModelEntry, progress: ProgressFn, cancel: Event) -> float:
    """Stop here if the job was cancelled, else say that the model loads; returns the clock's start."""
    if cancel.is_set():
        raise JobCancelled()
    progress(None, msg("Loading {name}…", name=entry.name))
    return time.perf_counter()
