"""The library's jobs as the engine runs them: each turns a request into the library's work and its
progress into ``Partial`` events (one place, so the engine only routes)."""
from __future__ import annotations

import os
from threading import Event

from model_backend.core.errors import JobCancelled
from model_backend.core.jobs import Emit, Partial, Progress
from model_backend.core.registry import ModelRegistry
from model_backend.library.catalogue import find_entry
from model_backend.library.downloads import DownloadRequest, DownloadResult, download_entry
from model_backend.library.installed import DeleteModelRequest, delete_model
from model_backend.library.packs import ExportPackRequest, ImportPackRequest, PackReport, export_pack, import_pack

# Tests (and a classroom with a hub mirror) point the hub's address elsewhere; huggingface_hub reads it once.
ENDPOINT_ENV = "HF_ENDPOINT"


def run_download(request: DownloadRequest, registry: ModelRegistry, emit: Emit, cancel: Event) -> DownloadResult:
    job = request.job_id
    entry = find_entry(request.entry_id)
    return download_entry(entry, registry.paths, lambda p: emit(Partial(job, p)), cancel,
                          lambda fraction, message: emit(Progress(job, fraction, message)),
                          endpoint=os.environ.get(ENDPOINT_ENV) or None)


def run_export(request: ExportPackRequest, registry: ModelRegistry, emit: Emit, cancel: Event) -> PackReport:
    return export_pack(registry, tuple(request.model_ids), request.folder,
                       lambda p: emit(Partial(request.job_id, p)), cancel)


def run_import(request: ImportPackRequest, registry: ModelRegistry, emit: Emit, cancel: Event) -> PackReport:
    return import_pack(registry, request.folder, request.copy, lambda p: emit(Partial(request.job_id, p)), cancel)


def run_delete(request: DeleteModelRequest, registry: ModelRegistry, emit: Emit, cancel: Event) -> int:
    if cancel.is_set():
        raise JobCancelled()
    return delete_model(registry, request.model_id)
