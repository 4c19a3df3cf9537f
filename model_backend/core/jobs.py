"""The job contract: frozen requests in; progress, partials and exactly one terminal event out.

A tab builds a request, the worker runs it on the backend thread, and every event carries the
``job_id`` so the UI always knows which job it belongs to.
"""
from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass
from typing import Callable, Union

from model_backend.core.errors import ErrorKind

_job_counter = itertools.count(1)
_job_lock = threading.Lock()


def new_job_id() -> str:
    with _job_lock:
        return f"job-{next(_job_counter)}"


# ---- requests -----------------------------------------------------------------------------
# Each wing defines its own frozen request dataclasses (chat_types, image_types, audio_types), each
# with a ``job_id`` from new_job_id(); the engine maps a request's type to its handler.

# How long-running work reports progress: fraction in [0, 1] (None when unknown) and a sentence.
# Cancellation has one form everywhere: the job's ``threading.Event``, set when the user presses Stop.
ProgressFn = Callable[[float | None, str], None]


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
    """Which device and precision the backend now uses, why, and how much accelerator memory it holds.

    Sent during a job whenever a model is loaded or used (``job_id`` names that job), but it is
    about the app, not the job: the controller hands it to the status bar, never to the job's handler."""

    job_id: str
    device: str
    dtype: str
    reason: str
    accelerator_memory_bytes: int | None
    model_name: str
    engine: str = ""  # the library running the model (llama.cpp, transformers, …), named in the status bar
    model_id: str = ""  # which model: the status bar shows the one the visible tab or page has chosen


Event = Union[Started, Progress, Partial, Result, Failed, Cancelled, DeviceStatus]
TERMINAL_EVENTS = (Result, Failed, Cancelled)
Emit = Callable[[Event], None]


def is_terminal(event: Event) -> bool:
    return isinstance(event, TERMINAL_EVENTS)
