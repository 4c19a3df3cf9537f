"""Device choice with availability faked: CUDA > MPS > CPU, or the user's choice, with a reason."""
from types import SimpleNamespace

import pytest

from model_backend.core.device import choose_device


def fake_torch(cuda_build=True, cuda=False, bf16=True, mps_built=False, mps=False, cuda_raises=False):
    def is_available():
        if cuda_raises:
            raise RuntimeError("driver too old")
        return cuda

    return SimpleNamespace(
        version=SimpleNamespace(cuda="12.4" if cuda_build else None),
        cuda=SimpleNamespace(is_available=is_available, is_bf16_supported=lambda: bf16,
                             get_device_name=lambda index: "NVIDIA Test GPU"),
        backends=SimpleNamespace(mps=SimpleNamespace(is_built=lambda: mps_built, is_available=lambda: mps)),
    )


def test_cpu_only_build_explains_why():
    choice = choose_device("auto", fake_torch(cuda_build=False))
    assert (choice.device, choice.dtype) == ("cpu", "float32")
    assert "CPU-only build" in choice.reason


def test_cuda_preferred_with_bf16_when_supported():
    choice = choose_device("auto", fake_torch(cuda=True, bf16=True, mps_built=True, mps=True))
    assert (choice.device, choice.dtype) == ("cuda", "bfloat16")
    assert "NVIDIA Test GPU" in choice.reason


def test_cuda_without_bf16_uses_fp16():
    assert choose_device("auto", fake_torch(cuda=True, bf16=False)).dtype == "float16"


def test_mps_when_no_cuda():
    choice = choose_device("auto", fake_torch(cuda_build=False, mps_built=True, mps=True))
    assert (choice.device, choice.dtype) == ("mps", "float16")


def test_cuda_build_without_driver_falls_back_to_cpu():
    choice = choose_device("auto", fake_torch(cuda=False))
    assert choice.device == "cpu"
    assert "no NVIDIA GPU or driver" in choice.reason


def test_broken_driver_is_reported_not_raised():
    choice = choose_device("auto", fake_torch(cuda_raises=True))
    assert choice.device == "cpu" and "driver too old" in choice.reason


@pytest.mark.parametrize("chosen", ["cuda", "mps"])
def test_unavailable_user_choice_falls_back_with_reason(chosen):
    choice = choose_device(chosen, fake_torch(cuda_build=False))
    assert choice.device == "cpu"
    assert "was chosen but cannot be used" in choice.reason


def test_user_can_force_cpu_even_with_a_gpu():
    choice = choose_device("cpu", fake_torch(cuda=True))
    assert choice.device == "cpu" and "chosen in settings" in choice.reason


def test_real_torch_on_this_machine_gives_a_usable_choice():
    import torch

    choice = choose_device("auto")
    torch.zeros(1, device=choice.device, dtype=choice.torch_dtype(torch))
