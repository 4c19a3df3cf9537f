"""Convert a GGUF chat model once into a plain Hugging Face folder, and reuse that copy.

Loading GGUF through transformers de-quantises every tensor (about 30 s for SmolLM2 here); the
converted float32 copy then loads in about a second. The conversion runs in a child process so
Stop (or quitting) can end it at once, and it writes to a temporary folder that is renamed into
place only when complete, so a crash never leaves a half-written cache.

Two copies of the app may want the same conversion at once. The converting copy holds the
cross-process lock ``.<folder>.lock`` in the converted-models cache from before it clears
``.<folder>.partial`` until the result is renamed into place; the other copy waits for the lock
(reporting that another copy is converting, and still cancellable), then finds the finished folder
and reuses it. A ``.partial`` folder whose lock nobody holds belongs to no running copy (the system
releases the lock of a killed process), which is what the start-up clean-up relies on.
"""
from __future__ import annotations

import hashlib
import multiprocessing
import queue
import shutil
import time
from pathlib import Path
from threading import Event
from typing import Callable

from model_backend.core.errors import BackendError, ErrorKind, InvalidModelError, JobCancelled
from model_backend.core.file_lock import held_cancellable, lock_path_for
from model_backend.core.jobs import ProgressFn
from model_backend.core.messages import msg

COMPLETE_MARKER = "conversion-complete"
WAITING_MESSAGE = msg("Another copy of the app is converting this model… (it will be reused here)")


def cache_folder_for(gguf_path: Path, cache_root: Path, library_version: str) -> Path:
    """A folder name that changes whenever the file or the converting library changes."""
    stat = gguf_path.stat()
    key = f"{gguf_path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{library_version}"
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return cache_root / f"{gguf_path.stem}-{digest}"


def is_complete(folder: Path) -> bool:
    return (folder / COMPLETE_MARKER).exists()


def _end_with_parent() -> None:
    """In the child: exit as soon as the app's process is gone. Quitting cancels the conversion, but a
    killed app (logout, shutdown, a crash) cannot, and the child would convert on for nobody."""
    import os
    import threading
    from multiprocessing.connection import wait

    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="end-with-parent", daemon=True).start()


def _convert_in_child(gguf_path: str, target: str, messages: "multiprocessing.Queue") -> None:
    """Child-process body: verify, de-quantise, drop the GGUF quantizer, save as safetensors."""
    _end_with_parent()
    try:
        import os

        from model_backend.core.offline import enable_offline_mode

        enable_offline_mode()
        os.environ["TQDM_DISABLE"] = "1"  # nobody sees the child's console
        from model_backend.chat.gguf_metadata import read_gguf_index

        messages.put(("progress", 0.05, msg("Checking the GGUF file")))
        read_gguf_index(Path(gguf_path))  # a truncated or corrupt file is refused before transformers reads it
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()

        folder, name = str(Path(gguf_path).parent), Path(gguf_path).name
        messages.put(("progress", 0.15, msg("Reading the tokenizer")))
        tokenizer = AutoTokenizer.from_pretrained(folder, gguf_file=name)
        messages.put(("progress", 0.35, msg("De-quantising the weights (one time only)")))
        model = AutoModelForCausalLM.from_pretrained(folder, gguf_file=name, dtype=torch.float32)
        # A GGUF-loaded model refuses save_pretrained while it still carries its quantizer.
        model.hf_quantizer = None
        if hasattr(model.config, "quantization_config"):
            del model.config.quantization_config
        messages.put(("progress", 0.9, msg("Saving the converted copy")))
        model.save_pretrained(target, safe_serialization=True)
        tokenizer.save_pretrained(target)
        messages.put(("done", 1.0, ""))
    except InvalidModelError as exc:
        messages.put(("invalid", exc.message, exc.details))
    except BaseException as exc:  # reported to the parent, which raises a typed error
        import traceback

        messages.put(("error", f"{type(exc).__name__}: {exc}", traceback.format_exc()))


def convert_gguf(
    gguf_path: Path,
    target: Path,
    progress: ProgressFn,
    cancel: Event,
    child_body: Callable = _convert_in_child,
    timeout_s: float = 1800.0,
) -> Path:
    """Produce ``target`` (a Hugging Face folder) from ``gguf_path``; cancellable at any moment, also
    while another copy of the app converts the same file (its result is then reused)."""
    if is_complete(target):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with held_cancellable(lock_path_for(target), cancel, lambda: progress(None, WAITING_MESSAGE)):
        if is_complete(target):  # the other copy finished it while this one waited
            return target
        return _convert_locked(gguf_path, target, progress, cancel, child_body, timeout_s)


def _convert_locked(gguf_path: Path, target: Path, progress: ProgressFn, cancel: Event, child_body: Callable,
                    timeout_s: float) -> Path:
    staging = target.with_name(f".{target.name}.partial")
    shutil.rmtree(staging, ignore_errors=True)
    context = multiprocessing.get_context("spawn")
    messages = context.Queue()
    child = context.Process(target=child_body, args=(str(gguf_path), str(staging), messages), daemon=True)
    started = time.monotonic()
    child.start()
    outcome = None
    try:
        while outcome is None:
            if cancel.is_set():
                raise JobCancelled()
            try:
                message = messages.get(timeout=0.1)
            except queue.Empty:
                if not child.is_alive():
                    # The child may have put its last message just before exiting.
                    try:
                        message = messages.get(timeout=0.5)
                    except queue.Empty:
                        raise BackendError(
                            ErrorKind.INTERNAL,
                            msg("Converting {name} stopped unexpectedly (exit code {exit_code}). The machine may be out "
                                "of memory.", name=gguf_path.name, exit_code=child.exitcode),
                        ) from None
                elif time.monotonic() - started > timeout_s:
                    raise BackendError(ErrorKind.INTERNAL, msg("Converting {name} took too long.", name=gguf_path.name))
                else:
                    continue
            tag = message[0]
            if tag == "progress":
                progress(message[1], message[2])
            elif tag == "done":
                outcome = "done"
            elif tag == "invalid":
                raise InvalidModelError(message[1], details=message[2])
            else:
                raise InvalidModelError(
                    msg("{name} could not be converted: {reason}. It may be a GGUF architecture that transformers does "
                        "not support, or a damaged file.", name=gguf_path.name, reason=message[1]),
                    details=message[2],
                )
        child.join(timeout=30)
        (staging / COMPLETE_MARKER).write_text("ok\n")
        shutil.rmtree(target, ignore_errors=True)
        staging.rename(target)
        return target
    finally:
        if child.is_alive():
            child.terminate()
            child.join(timeout=5)
            if child.is_alive():
                child.kill()
        messages.close()
        shutil.rmtree(staging, ignore_errors=True)
