"""What the llama.cpp engine needs around the binding: may it run on this CPU, how many threads, and a
private line to the binding's built-in server for the calls its Python API lacks (template, tokens).

The binding is ``xllamacpp`` (pinned in requirements.txt): prebuilt abi3 wheels for Linux, Windows and
macOS whose x86-64 build assumes AVX2. A CPU without those instructions would die with "illegal
instruction" as the library loads, so ``llama_cpp_unavailable_reason`` reads the CPU's features from
numpy (or /proc/cpuinfo) *before* anything imports the native library. Nothing here imports it at module
level; ``xllamacpp`` is imported inside functions only, like torch.

``xllamacpp.Server`` always starts llama.cpp's HTTP server beside the in-process API. Where the system
has Unix sockets it listens on a socket file in a private (0700) temporary folder, so no TCP port is open;
elsewhere (Windows) on 127.0.0.1 with a port the system picks. Either way it requires a random API key
that only this process knows. The engine uses it for /apply-template, /tokenize and /props only.
"""
from __future__ import annotations

import functools
import http.client
import importlib.util
import json
import os
import platform
import secrets
import shutil
import socket
import tempfile
from pathlib import Path
from typing import Callable

from model_backend.core.errors import BackendError, ErrorKind
from model_backend.core.messages import msg

ENGINE_PACKAGE = "xllamacpp"

# The x86-64 instructions the pinned wheel is compiled with (its get_system_info(): "SSE3 = 1 | SSSE3 = 1 |
# AVX = 1 | AVX2 = 1 | F16C = 1 | FMA = 1 | BMI2 = 1"); numpy's names for them. A test keeps the two in step.
REQUIRED_X86_FEATURES = ("SSE3", "SSSE3", "AVX", "AVX2", "F16C", "FMA3", "BMI2")
_CPUINFO_FLAGS = {"SSE3": "pni", "SSSE3": "ssse3", "AVX": "avx", "AVX2": "avx2", "F16C": "f16c", "FMA3": "fma",
                  "BMI2": "bmi2"}
_X86_MACHINES = ("x86_64", "amd64", "x64", "i386", "i686")
_ARM_MACHINES = ("arm64", "aarch64")


def cpu_features() -> dict[str, bool]:
    """The CPU's instruction-set extensions as numpy names them (it probes them with CPUID, safely)."""
    try:
        from numpy._core._multiarray_umath import __cpu_features__

        return dict(__cpu_features__)
    except Exception:
        pass
    try:
        flags: set[str] = set()
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("flags"):
                flags.update(line.split(":", 1)[1].split())
                break
        return {name: flag in flags for name, flag in _CPUINFO_FLAGS.items()} if flags else {}
    except OSError:
        return {}


def unavailable_reason(features: dict[str, bool] | None, machine: str,
                       package_found: Callable[[], bool], import_error: Callable[[], str]) -> str:
    """"" when the engine can run here, else why not in plain words. Each check is passed in, so tests can
    fake a CPU; the import is attempted only after the CPU check passed."""
    machine = machine.lower()
    if machine in _X86_MACHINES:
        if not features:
            return msg("The fast llama.cpp engine is not used: the app could not read which instructions this "
                       "processor supports, and the engine needs AVX2.")
        missing = [name.replace("FMA3", "FMA") for name in REQUIRED_X86_FEATURES if not features.get(name)]
        if missing:
            return msg("The fast llama.cpp engine is not used: this processor lacks instructions it needs ({missing}; "
                       "processors from about 2015 on have them). Chat runs on transformers, which is slower.",
                       missing=", ".join(missing))
    elif machine not in _ARM_MACHINES:
        return msg("The fast llama.cpp engine is not used: there is no build of it for this processor ({machine}).",
                   machine=machine)
    if not package_found():
        return msg("The fast llama.cpp engine is not installed (the Python package {package} is missing).",
                   package=ENGINE_PACKAGE)
    problem = import_error()
    if problem:
        return msg("The fast llama.cpp engine could not be started: {reason}", reason=problem)
    return ""


def _package_found() -> bool:
    return importlib.util.find_spec(ENGINE_PACKAGE) is not None


# GNU OpenMP (libgomp, which the Linux wheel's llama.cpp uses for its threads) reads these once, as it loads.
# Its defaults make a worker spin ~3 ms for the next parallel step, then sleep; but as soon as it manages more
# threads than there are CPUs, which two llama.cpp models in one process do (a chat model and a shared class
# server: each keeps its own team), it spins only 100 times before sleeping, and every step of every token
# then waits for sleeping threads to wake: 99 → 28 tokens/s for SmolLM2 on 2 cores (bench/llama_cpp_two_models.py).
# "active" raises that short spin to 1,000 (enough here: 74 tokens/s); the explicit spin count keeps the
# usual ~3 ms otherwise ("active" alone would spin for minutes and burn a core while the app is idle).
# Linux only: GOMP_SPINCOUNT is libgomp's; other OpenMP runtimes (LLVM's, Microsoft's) would read "active"
# as "never sleep", and macOS builds use llama.cpp's own thread pool.
OPENMP_SETTINGS = {"OMP_WAIT_POLICY": "active", "GOMP_SPINCOUNT": "300000"}


def use_openmp_settings(environ=os.environ, system: str = "") -> None:
    """Before llama.cpp's library loads; a user's own OpenMP settings win."""
    if (system or platform.system()) == "Linux" and not any(name in environ for name in OPENMP_SETTINGS):
        environ.update(OPENMP_SETTINGS)


def _import_error() -> str:
    use_openmp_settings()
    try:
        import xllamacpp  # noqa: F401  - loads the native library: only after the CPU check
    except Exception as exc:  # ImportError, OSError (a missing system library) and the like
        return f"{type(exc).__name__}: {exc}"
    return ""


@functools.lru_cache(maxsize=1)
def llama_cpp_unavailable_reason() -> str:
    """"" when GGUF chat models can run on llama.cpp here; otherwise the reason, for the status bar, and the
    caller falls back to transformers. Checks the CPU before the native library is loaded."""
    return unavailable_reason(cpu_features(), platform.machine(), _package_found, _import_error)


def engine_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(ENGINE_PACKAGE)
    except PackageNotFoundError:
        return "unknown"


def build_features() -> list[str]:
    """The CPU features the installed engine was built with, e.g. ['AVX', 'AVX2', 'F16C', 'FMA', …, 'OPENMP']."""
    import xllamacpp

    features: list[str] = []
    for part in xllamacpp.get_system_info().replace("\n", "|").split("|"):
        name, _, value = part.rpartition("=")
        name = name.split(":")[-1].strip()
        if name and value.strip() == "1":
            features.append(name)
    return features


def gpu_devices() -> list[str]:
    """Names of the GPUs the installed build can use (empty for the CPU-only wheel)."""
    import xllamacpp

    names = []
    for device in xllamacpp.get_device_info():
        kind = str(device.get("type", ""))  # ggml_backend_dev_type: CPU, GPU, IGPU (integrated), ACCEL (BLAS…)
        if kind.endswith("GPU"):
            names.append(f"{device.get('name', 'GPU')} ({device.get('description', '')})".replace(" ()", ""))
    return names


def default_threads() -> int:
    """One thread per physical core: llama.cpp gains nothing from hyper-threads and loses when oversubscribed."""
    try:
        import psutil

        physical = psutil.cpu_count(logical=False)
    except Exception:
        physical = None
    return max(1, min(physical or os.cpu_count() or 1, 32))


def prompt_cache_mib(available_bytes: int | None = None) -> int:
    """Memory for llama.cpp's prompt cache (its ``cache_ram``): when a request's prompt does not continue the
    one the engine holds, the one it holds is kept in RAM, and a later request that continues it gets it back
    instead of reading it again. Going back to an earlier chat of 2,400 tokens then starts in 0.16 s instead of
    19 s (SmolLM2, 2 cores). Such a prompt holds 55 MB on SmolLM2-135M, 70 MB on Qwen2.5-1.5B, 470 MB on
    SmolLM2-1.7B (no grouped attention). 1/16 of the memory free at load, between 64 and 512 MiB; the
    library's own default is 8 GiB, too much for a classroom laptop; the oldest prompts go first."""
    if available_bytes is None:  # psutil here: the library wing (memory_check) sits above the chat wing
        import psutil

        available_bytes = int(psutil.virtual_memory().available)
    return int(min(512, max(64, available_bytes / 16 / 2**20)))


class EngineRefused(BackendError):
    """The engine answered a request with an error; ``server_message`` is its own words (for the log)."""

    def __init__(self, server_message: str, details: str = "") -> None:
        super().__init__(ErrorKind.INTERNAL, msg("The llama.cpp engine refused a request."), details)
        self.server_message = server_message


class LocalServerLine:
    """The private line to the binding's HTTP server: where it listens and the key it requires."""

    def __init__(self) -> None:
        self.key = secrets.token_urlsafe(24)
        self.folder: str | None = None
        self.socket_path: str | None = None
        self.address = ""  # set by ``connect_to`` once the server runs (TCP only)
        if hasattr(socket, "AF_UNIX") and os.name != "nt":
            self.folder = tempfile.mkdtemp(prefix="genai-llama-")  # 0700: only this user can reach the socket
            self.socket_path = os.path.join(self.folder, "engine.sock")

    @property
    def hostnames(self) -> list[str]:
        return [self.socket_path] if self.socket_path else ["127.0.0.1"]

    def connect_to(self, listening_address: str) -> None:
        self.address = listening_address

    def _connection(self, timeout: float) -> http.client.HTTPConnection:
        if self.socket_path:
            path = self.socket_path

            class UnixConnection(http.client.HTTPConnection):
                def connect(self) -> None:
                    self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                    self.sock.settimeout(timeout)
                    self.sock.connect(path)

            return UnixConnection("localhost", timeout=timeout)
        host_port = self.address.split("://", 1)[-1].rstrip("/")
        host, _, port = host_port.rpartition(":")
        return http.client.HTTPConnection(host or "127.0.0.1", int(port), timeout=timeout)

    def call(self, method: str, route: str, body: dict | None = None, timeout: float = 60.0) -> dict:
        connection = self._connection(timeout)
        try:
            headers = {"Authorization": f"Bearer {self.key}", "Content-Type": "application/json"}
            connection.request(method, route, json.dumps(body) if body is not None else None, headers)
            response = connection.getresponse()
            data = response.read()
        except OSError as exc:
            raise BackendError(ErrorKind.INTERNAL, msg("The llama.cpp engine stopped answering."),
                               details=f"{method} {route}: {exc!r}") from exc
        finally:
            connection.close()
        try:
            parsed = json.loads(data.decode("utf-8", errors="replace")) if data else {}
        except ValueError:
            parsed = {}
        if response.status != 200:
            error = parsed.get("error") if isinstance(parsed.get("error"), dict) else parsed
            raise EngineRefused(str(error.get("message", "")) or f"HTTP {response.status}",
                                details=f"{method} {route} -> {response.status}: {data[:2000]!r}")
        return parsed

    def close(self) -> None:
        if self.folder:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None
