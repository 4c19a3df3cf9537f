"""Typed errors: what went wrong (kind), what to tell the user, and what to log."""
from __future__ import annotations

import enum
import re


class ErrorKind(enum.Enum):
    EMPTY_PROMPT = "empty_prompt"
    CONTEXT_TOO_LONG = "context_too_long"
    MODEL_NOT_FOUND = "model_not_found"
    INVALID_MODEL = "invalid_model"
    WRONG_MODEL_KIND = "wrong_model_kind"
    OUT_OF_MEMORY = "out_of_memory"
    DEVICE_UNAVAILABLE = "device_unavailable"
    INVALID_INPUT = "invalid_input"
    NO_NETWORK = "no_network"  # a download the user asked for found no internet (the UI offers a classroom pack)
    NOT_ENOUGH_DISK = "not_enough_disk"
    INTERNAL = "internal"


class BackendError(Exception):
    """An error meant for the user: ``message`` is shown, ``details`` goes to the log."""

    def __init__(self, kind: ErrorKind, message: str, details: str = "") -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.details = details


class InvalidModelError(BackendError):
    """A path that is not a usable model; ``message`` says why in plain words."""

    def __init__(self, message: str, details: str = "", kind: ErrorKind = ErrorKind.INVALID_MODEL) -> None:
        super().__init__(kind, message, details)


class JobCancelled(Exception):
    """Raised inside a runner when the cancel event is seen; carries what was done so far."""

    def __init__(self, partial: object | None = None) -> None:
        super().__init__("cancelled")
        self.partial = partial


def is_out_of_memory(exc: BaseException) -> bool:
    """True for torch's CUDA/MPS out-of-memory errors and Python's MemoryError."""
    if isinstance(exc, MemoryError):
        return True
    name = type(exc).__name__
    text = str(exc).lower()
    return name == "OutOfMemoryError" or "out of memory" in text or "mps backend out of memory" in text


_ANSI_CODES = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[@-Z\\-_]")
_HUB_LINKS = re.compile(r"(?:You can inspect the repository content at\s+)?https?://(?:hf\.co|huggingface\.co)/\S*",
                        re.IGNORECASE)
_EMPTY_SENTENCES = re.compile(r"(?:\s*[.,;:]){2,}")


def plain_library_text(text: object, limit: int = 300) -> str:
    """A library's exception text made fit for a message a student reads: terminal colour codes and
    Hugging Face hub links (wrong for local folders, useless offline) removed, whitespace collapsed, and
    cut to ``limit`` characters. The full text still goes to the log as ``details``."""
    cleaned = _HUB_LINKS.sub("", _ANSI_CODES.sub("", str(text)))
    cleaned = _EMPTY_SENTENCES.sub(".", " ".join(cleaned.split())).strip()
    if len(cleaned) > limit:
        cleaned = cleaned[:limit - 1].rstrip() + "…"
    return cleaned
