"""The job contract: frozen requests in; progress, partials and exactly one terminal event out.

A tab builds a request, the worker runs it on the backend thread, and every event carries the
``job_id`` so the UI always knows which job it belongs to.
"""
from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass, field
from typing import Callable, Union

from model_backend.errors import ErrorKind

_job_counter = itertools.count(1)
_job_lock = threading.Lock()


def new_job_id() -> str:
    with _job_lock:
        return f"job-{next(_job_counter)}"


# ---- requests -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Message:
    role: str  # "system" | "user" | "assistant"
    content: str


@dataclass(frozen=True)
class Sampling:
    """How the next token is chosen. ``temperature == 0`` means greedy; ``seed=None`` picks one."""

    temperature: float = 0.7
    top_p: float = 0.9
    top_k: int = 50
    max_new_tokens: int = 256
    seed: int | None = None


@dataclass(frozen=True)
class LoadModelRequest:
    model_id: str
    device: str = "auto"
    job_id: str = field(default_factory=new_job_id)


@dataclass(frozen=True)
class ChatRequest:
    """Everything one reply needs, so a job can be saved, replayed and compared."""

    conversation: tuple[Message, ...]
    model_id: str
    sampling: Sampling = Sampling()
    device: str = "auto"
    top_candidates: int = 5
    job_id: str = field(default_factory=new_job_id)


@dataclass(frozen=True)
class PromptPreviewRequest:
    """Tokenise a conversation exactly as a reply would see it, without generating anything."""

    conversation: tuple[Message, ...]
    model_id: str
    device: str = "auto"
    job_id: str = field(default_factory=new_job_id)


Request = Union[LoadModelRequest, ChatRequest, PromptPreviewRequest]


# ---- events -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Started:
    job_id: str
    description: str


@dataclass(frozen=True)
class Progress:
    """``fraction`` in [0, 1], or None when the length of the work is unknown."""

    job_id: str
    fraction: float | None
    message: str


@dataclass(frozen=True)
class Partial:
    """A piece of streamed output (for chat: text cut at word boundaries)."""

    job_id: str
    payload: object


@dataclass(frozen=True)
class Result:
    job_id: str
    value: object


@dataclass(frozen=True)
class Failed:
    job_id: str
    kind: ErrorKind
    message: str
    details: str = ""


@dataclass(frozen=True)
class Cancelled:
    """Terminal event for a stopped job; ``partial`` keeps whatever was produced before Stop."""

    job_id: str
    partial: object | None = None


@dataclass(frozen=True)
class DeviceStatus:
    """Not tied to a job: what device the backend uses and how much accelerator memory it holds."""

    job_id: str
    device: str
    dtype: str
    reason: str
    accelerator_memory_bytes: int | None
    model_name: str


Event = Union[Started, Progress, Partial, Result, Failed, Cancelled, DeviceStatus]
TERMINAL_EVENTS = (Result, Failed, Cancelled)
Emit = Callable[[Event], None]


def is_terminal(event: Event) -> bool:
    return isinstance(event, TERMINAL_EVENTS)
