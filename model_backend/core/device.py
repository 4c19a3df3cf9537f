"""One place decides the compute device: CUDA, else MPS, else CPU, unless the user chose.

``choose_device`` takes the torch module as an argument so tests can fake what is available;
the reason it returns is shown in the status bar in plain words.
"""
from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

from model_backend.core.messages import msg


@dataclass(frozen=True)
class DeviceChoice:
    device: str  # "cuda" | "mps" | "cpu"
    dtype: str  # "float32" | "float16" | "bfloat16"
    reason: str

    def torch_dtype(self, torch: ModuleType):
        return getattr(torch, self.dtype)

    @property
    def label(self) -> str:
        return f"{self.device.upper()} ({self.dtype})"


def _cuda_state(torch: ModuleType) -> tuple[bool, str]:
    if getattr(torch.version, "cuda", None) is None:
        return False, msg("CUDA not available: torch is a CPU-only build")
    try:
        available = bool(torch.cuda.is_available())
    except Exception as exc:  # a broken driver raises instead of answering
        return False, msg("CUDA not available: the driver failed to start ({error})", error=str(exc))
    if not available:
        return False, msg("CUDA not available: no NVIDIA GPU or driver found")
    return True, ""


def _mps_state(torch: ModuleType) -> tuple[bool, str]:
    backend = getattr(getattr(torch, "backends", None), "mps", None)
    if backend is None or not backend.is_built():
        return False, msg("Apple GPU (MPS) not available: torch was built without MPS")
    if not backend.is_available():
        return False, msg("Apple GPU (MPS) not available on this machine")
    return True, ""


def _gpu_dtype(torch: ModuleType, device: str) -> str:
    if device == "cuda":
        try:
            return "bfloat16" if torch.cuda.is_bf16_supported() else "float16"
        except Exception:
            return "float16"
    return "float16"


def choose_device(preference: str = "auto", torch: ModuleType | None = None) -> DeviceChoice:
    """Pick device and dtype. CPU uses float32: bf16 measured slower than fp32 on CPUs at batch 1."""
    if torch is None:
        import torch  # noqa: PLC0415 - heavy import, only on the backend thread

    preference = (preference or "auto").lower()
    cuda_ok, cuda_why = _cuda_state(torch)
    mps_ok, mps_why = _mps_state(torch)

    if preference == "cpu":
        return DeviceChoice("cpu", "float32", msg("CPU chosen in settings"))
    if preference == "cuda":
        if cuda_ok:
            name = torch.cuda.get_device_name(0)
            return DeviceChoice("cuda", _gpu_dtype(torch, "cuda"), msg("CUDA chosen in settings ({name})", name=name))
        return DeviceChoice("cpu", "float32", msg("CUDA was chosen but cannot be used. {why}. Using the CPU.", why=cuda_why))
    if preference == "mps":
        if mps_ok:
            return DeviceChoice("mps", "float16", msg("Apple GPU (MPS) chosen in settings"))
        return DeviceChoice("cpu", "float32", msg("MPS was chosen but cannot be used. {why}. Using the CPU.", why=mps_why))

    if cuda_ok:
        name = torch.cuda.get_device_name(0)
        return DeviceChoice("cuda", _gpu_dtype(torch, "cuda"), msg("Using the NVIDIA GPU ({name})", name=name))
    if mps_ok:
        return DeviceChoice("mps", "float16", msg("Using the Apple GPU (MPS)"))
    return DeviceChoice("cpu", "float32", msg("Using the CPU. {cuda_why}. {mps_why}.", cuda_why=cuda_why, mps_why=mps_why))


def accelerator_memory_bytes(device: str, torch: ModuleType) -> int | None:
    """Memory the process holds on the accelerator, or None on the CPU."""
    try:
        if device == "cuda":
            return int(torch.cuda.memory_allocated())
        if device == "mps":
            return int(torch.mps.current_allocated_memory())
    except Exception:
        return None
    return None


def release_memory(*devices: str) -> None:
    """After a model is dropped: collect it now and hand the accelerator's cached blocks back.

    Without this a classroom laptop keeps the old model's memory until Python's collector runs,
    and the next model (the "one heavy model at a time" policy) may not fit."""
    import gc

    gc.collect()
    for device in set(devices):
        if device == "cpu":
            continue
        import torch

        if device == "cuda" and torch.cuda.is_available():
            torch.cuda.empty_cache()
        elif device == "mps" and hasattr(torch, "mps"):
            torch.mps.empty_cache()
