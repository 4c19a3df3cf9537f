"""The GPU-only low-memory paths of the image loader, with the device faked (no GPU here):
CPU offload on CUDA, the float32 VAE on Apple GPUs, attention slicing everywhere."""
from __future__ import annotations

import threading

import pytest

from model_backend.core.device import DeviceChoice
from model_backend.core.model_inspection import ModelKind
from model_backend.core.registry import ModelRegistry
from model_backend.image.image_model import load_image_model


@pytest.fixture
def recorded_pipeline(monkeypatch):
    """Load the real tiny pipeline, but record device moves instead of making them."""
    from diffusers import AutoPipelineForText2Image

    real = AutoPipelineForText2Image.from_pretrained.__func__
    calls: list = []

    def from_pretrained(cls, *args, **kwargs):
        pipeline = real(cls, *args, **kwargs)
        object.__setattr__(pipeline, "to", lambda device, *a, **k: calls.append(("to", device)) or pipeline)
        object.__setattr__(pipeline, "enable_model_cpu_offload", lambda *a, **k: calls.append(("offload",)))
        return pipeline

    monkeypatch.setattr(AutoPipelineForText2Image, "from_pretrained", classmethod(from_pretrained))
    return calls


def _load(app_home, tiny_sd_dir, device: DeviceChoice, low_memory: bool):
    registry = ModelRegistry(app_home)
    entry = registry.check_addable(tiny_sd_dir, ModelKind.IMAGE)
    return load_image_model(entry, registry, device, low_memory, lambda *_: None, threading.Event())


def test_low_memory_on_cuda_offloads_to_the_cpu_and_slices_attention(app_home, tiny_sd_dir, recorded_pipeline):
    loaded = _load(app_home, tiny_sd_dir, DeviceChoice("cuda", "float16", "faked"), low_memory=True)
    assert ("offload",) in recorded_pipeline and not any(c[0] == "to" for c in recorded_pipeline)
    processors = loaded.pipeline.unet.attn_processors.values()
    assert any("Sliced" in type(p).__name__ for p in processors)


def test_apple_gpu_keeps_the_vae_in_float32(app_home, tiny_sd_dir, recorded_pipeline):
    import torch

    loaded = _load(app_home, tiny_sd_dir, DeviceChoice("mps", "float16", "faked"), low_memory=False)
    assert ("to", "mps") in recorded_pipeline
    assert loaded.pipeline.vae.dtype == torch.float32 and loaded.pipeline.vae.config.force_upcast
    assert loaded.pipeline.unet.dtype == torch.float16
