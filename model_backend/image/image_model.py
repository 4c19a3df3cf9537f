"""Load and keep one diffusers text-to-image pipeline; switch schedulers; low-memory options.

Loading goes through ``AutoPipelineForText2Image`` so any diffusers folder it accepts works
(Stable Diffusion 1.x/2.x, SDXL, Turbo variants, the built-in model), offline, safetensors first.
Single-file ``.safetensors`` checkpoints go through ``single_file_checkpoint``, which needs the base
model's configuration on disk.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from threading import Event
from typing import Any

from model_backend.core.device import DeviceChoice, choose_device, release_memory
from model_backend.core.engines import Engine
from model_backend.core.errors import ErrorKind, InvalidModelError, JobCancelled, is_out_of_memory, plain_library_text
from model_backend.core.jobs import ProgressFn
from model_backend.core.messages import msg
from model_backend.core.model_inspection import (
    KIND_NAMES,
    ModelFormat,
    ModelKind,
    custom_code_refusal,
    is_diffusers_pipeline_package,
    refuse_custom_diffusers,
)
from model_backend.core.registry import ModelEntry, ModelRegistry

SCHEDULER_CLASSES = {
    "ddim": ("DDIMScheduler", {}),
    "euler": ("EulerDiscreteScheduler", {}),
    "euler-ancestral": ("EulerAncestralDiscreteScheduler", {}),
    "dpm++": ("DPMSolverMultistepScheduler", {}),
    "pndm": ("PNDMScheduler", {}),
}
REQUIRED_COMPONENTS = ("unet", "scheduler")


@dataclass
class LoadedImageModel:
    entry: ModelEntry
    pipeline: Any
    device: DeviceChoice
    default_scheduler: Any
    load_seconds: float
    low_memory: bool = False
    engine: Engine = Engine.DIFFUSERS

    @property
    def native_size(self) -> int:
        unet = getattr(self.pipeline, "unet", None)
        sample = getattr(getattr(unet, "config", None), "sample_size", 64)
        return int(sample) * self.vae_scale_factor

    @property
    def vae_scale_factor(self) -> int:
        return int(getattr(self.pipeline, "vae_scale_factor", 8))

    @property
    def text_conditioned(self) -> bool:
        return getattr(self.pipeline, "text_encoder", None) is not None

    def use_scheduler(self, name: str) -> None:
        if name in ("", "default"):
            self.pipeline.scheduler = self.default_scheduler
            return
        import diffusers

        class_name, options = SCHEDULER_CLASSES[name]
        scheduler_class = getattr(diffusers, class_name)
        self.pipeline.scheduler = scheduler_class.from_config(self.default_scheduler.config, **options)


def _check_folder(folder: Path) -> None:
    index = _read_index(folder)
    refuse_custom_diffusers(folder)  # also checked when the model is listed; the folder may have changed since
    missing = [name for name in REQUIRED_COMPONENTS if name in index and not (folder / name).is_dir()]
    missing += [name for name in REQUIRED_COMPONENTS if name not in index]
    if missing:
        raise InvalidModelError(msg("{name} is missing parts of the pipeline: {parts}. Copy the whole model folder again.",
                                    name=folder.name, parts=", ".join(sorted(set(missing)))))


def _check_classes(folder: Path) -> None:
    """Every class model_index.json names must exist in the installed diffusers/transformers; otherwise the
    folder relies on its own code (or a newer library), and diffusers' error would suggest trust_remote_code."""
    import diffusers

    index = _read_index(folder)
    pipeline_class = index.get("_class_name")
    if isinstance(pipeline_class, str) and pipeline_class not in dir(diffusers):
        raise custom_code_refusal(folder.name, msg("its pipeline, {class_name}, is not part of the installed diffusers",
                                                   class_name=pipeline_class), library="diffusers")
    for component, value in index.items():
        if component.startswith("_") or not isinstance(value, list) or len(value) != 2 or not value[1]:
            continue
        library, class_name = value
        if library == "transformers":
            import transformers as module
        elif library == "diffusers":
            module = diffusers
        elif is_diffusers_pipeline_package(library):  # e.g. SD 1.x's safety checker (never loaded: see below)
            module = getattr(diffusers.pipelines, library)
        else:
            continue  # refused by inspection (refuse_custom_diffusers)
        if class_name not in dir(module):
            raise custom_code_refusal(folder.name, msg("its {component} part, {class_name}, is not part of the installed "
                                                       "{library}", component=component, class_name=class_name,
                                                       library=library), library=library)


def _read_index(folder: Path) -> dict:
    import json

    try:
        index = json.loads((folder / "model_index.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InvalidModelError(msg("{name}: model_index.json is missing or damaged.", name=folder.name),
                                details=repr(exc)) from exc
    if not isinstance(index, dict):
        raise InvalidModelError(msg("{name}: model_index.json does not describe a pipeline.", name=folder.name))
    return index


def _unused_parts_left_out(folder: Path) -> dict[str, None]:
    """The safety checker's image preprocessor, when model_index.json names it but the folder lacks it: the app never
    loads the safety checker, which is its only user, and diffusers would refuse the whole folder for its absence
    (the library's SD 1.x entries list ``feature_extractor``; a catalogue download may leave it out)."""
    value = _read_index(folder).get("feature_extractor")
    named = isinstance(value, list) and len(value) == 2 and value[1]
    return {"feature_extractor": None} if named and not (folder / "feature_extractor").is_dir() else {}


def load_image_model(entry: ModelEntry, registry: ModelRegistry, device: DeviceChoice, low_memory: bool,
                     progress: ProgressFn, cancel: Event) -> LoadedImageModel:
    """``registry`` is the backend's: a single-file checkpoint's base configuration is looked for in its folders."""
    if entry.kind is not ModelKind.IMAGE:
        raise InvalidModelError(msg("{name} is {kind}, not an image model.", name=entry.name, kind=KIND_NAMES[entry.kind]),
                                kind=ErrorKind.WRONG_MODEL_KIND)
    started = time.monotonic()
    single_file = entry.format is ModelFormat.SINGLE_FILE_CHECKPOINT
    if not single_file:
        _check_folder(entry.path)
    progress(0.1, msg("Loading the image model"))
    import torch
    from diffusers import AutoPipelineForText2Image
    from diffusers.utils import logging as diffusers_logging

    diffusers_logging.disable_progress_bar()
    if cancel.is_set():
        raise JobCancelled()
    dtype = device.torch_dtype(torch)
    if single_file:
        from model_backend.image.single_file_checkpoint import load_single_file_pipeline

        pipeline = load_single_file_pipeline(entry, dtype, registry)
    else:
        _check_classes(entry.path)
        has_safetensors = any(entry.path.rglob("*.safetensors"))
        try:
            pipeline = AutoPipelineForText2Image.from_pretrained(
                entry.path, dtype=dtype, local_files_only=True,
                use_safetensors=True if has_safetensors else None,
                safety_checker=None, requires_safety_checker=False, **_unused_parts_left_out(entry.path),
            )
        except Exception as exc:
            if is_out_of_memory(exc):
                raise
            raise InvalidModelError(msg("{name} could not be loaded as a text-to-image pipeline ({reason}).",
                                        name=entry.name, reason=plain_library_text(exc, 200)),
                                    details=repr(exc)) from exc
    if cancel.is_set():
        raise JobCancelled()
    pipeline.set_progress_bar_config(disable=True)
    if device.device == "mps" and getattr(pipeline, "vae", None) is not None:
        pipeline.vae.to(torch.float32)  # fp16 VAEs decode to black or NaN images on Apple GPUs
        pipeline.vae.config.force_upcast = True
    if low_memory and device.device == "cuda":
        pipeline.enable_model_cpu_offload()
    else:
        pipeline.to(device.device)
    if low_memory:
        pipeline.enable_attention_slicing()
    progress(1.0, msg("Image model ready"))
    return LoadedImageModel(entry, pipeline, device, pipeline.scheduler, time.monotonic() - started, low_memory)


class ImageModelCache:
    def __init__(self, registry: ModelRegistry) -> None:
        self.registry = registry
        self.loaded: LoadedImageModel | None = None

    def get(self, entry: ModelEntry, device_preference: str, low_memory: bool, progress: ProgressFn,
            cancel: Event) -> LoadedImageModel:
        device = choose_device(device_preference)
        current = self.loaded
        if (current is not None and current.entry.model_id == entry.model_id and current.device == device
                and current.low_memory == low_memory):
            return current
        self.unload()
        self.loaded = load_image_model(entry, self.registry, device, low_memory, progress, cancel)
        return self.loaded

    def unload(self) -> None:
        if self.loaded is not None:
            device = self.loaded.device.device
            self.loaded = None
            release_memory(device)
