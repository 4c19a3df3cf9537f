"""Share a GGUF chat model with the room: llama.cpp's own HTTP server (through ``xllamacpp.Server``) on the
address the teacher chose, with several parallel slots and continuous batching, and an access code required.

Why llama.cpp's server and not a hand-written one: it batches the students' requests together (one decode step
serves every busy slot), streams, cancels a request whose reader left, and speaks the OpenAI-compatible API that
the app's own client (``remote_chat_model``) and every other client already use.

What stays reachable, and why (see docs/architecture.md, "Class mode"):

- ``/v1/chat/completions``, ``/v1/completions``, ``/v1/models``: the replies and the model's name; the access
  code is required (so a wrong code is said at Connect).
- ``/health`` answers without a code (llama.cpp's choice, for a load balancer's health check).
- ``/apply-template``, ``/tokenize``, ``/detokenize``: the binding cannot switch them off; they need the code and
  let the app's prompt-token view show the exact prompt.
- ``/metrics`` is on (with the code) because ``Server.handle_metrics``, read in-process for the teacher's
  window, answers only then; it holds totals, no text.
- Switched off: the web UI, ``/slots`` (it would show other students' prompts), ``/props`` changes, the MCP proxy.

It listens only on the one address chosen (the loopback address unless the teacher picks the room's network),
and it is never started by anything but the teacher's Share command or ``python -m model_backend serve``.
"""
from __future__ import annotations

import ipaddress
import secrets
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from model_backend.chat.gguf_metadata import read_gguf_index, refuse_non_chat
from model_backend.chat.llama_cpp_support import default_threads, llama_cpp_unavailable_reason, prompt_cache_mib
from model_backend.chat.remote_server import DEFAULT_PORT  # the port students' clients assume when none is typed
from model_backend.core.errors import BackendError, ErrorKind, InvalidModelError
from model_backend.core.messages import msg

LOOPBACK = "127.0.0.1"
DEFAULT_PARALLEL = 8  # measured: 8 slots serve 8 students at ~1.8x one student's total tokens/s on 2 cores
MAX_PARALLEL = 64
CONTEXT_PER_SLOT = 4096  # each student's conversation may use this many tokens
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud or from a projector
CODE_LENGTH = 6


def new_access_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def network_addresses() -> list[str]:
    """The IPv4 addresses this computer can listen on: the loopback address first (only this computer), then
    the room's networks (what students type)."""
    found = [LOOPBACK]
    try:
        import psutil

        for addresses in psutil.net_if_addrs().values():
            for address in addresses:
                if address.family == socket.AF_INET and address.address not in found:
                    found.append(address.address)
    except Exception:  # psutil missing or the system refuses: sharing on this computer still works
        pass
    return found


def check_host(host: str) -> str:
    """An address to listen on: an IP address of this computer (no host names, no 'all interfaces' unless typed
    as 0.0.0.0 on purpose)."""
    try:
        return str(ipaddress.ip_address(host.strip()))
    except ValueError as exc:
        raise BackendError(ErrorKind.INVALID_INPUT, msg("'{host}' is not a network address of this computer. Choose "
                                                        "one from the list.", host=host), details=repr(exc)) from exc


@dataclass(frozen=True)
class ServerLoad:
    """What the teacher's window shows while sharing."""

    busy_slots: int  # students being answered right now
    waiting: int  # requests waiting for a free slot
    parallel: int  # slots in all
    tokens_written: int
    tokens_per_second: float  # since the last look


def _metric(text: str, name: str) -> float:
    for line in text.splitlines():
        if line.startswith(name + " ") or line.startswith(name + "{"):
            try:
                return float(line.rsplit(" ", 1)[1])
            except ValueError:
                return 0.0
    return 0.0


class ClassServer:
    """A running share: its address, code and load; ``stop()`` ends it."""

    def __init__(self, server, host: str, port: int, code: str, parallel: int, model_name: str, model_path: Path) -> None:
        self._server = server
        self.host, self.port, self.code, self.parallel = host, port, code, parallel
        self.model_name, self.model_path = model_name, model_path
        self.started_at = time.monotonic()
        self._lock = threading.Lock()
        self._last_tokens: tuple[float, float] = (self.started_at, 0.0)

    @property
    def address(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def running(self) -> bool:
        return self._server is not None

    @classmethod
    def start(cls, model_path: Path, *, host: str = LOOPBACK, port: int = DEFAULT_PORT, code: str = "",
              parallel: int = DEFAULT_PARALLEL, threads: int = 0, model_name: str = "",
              context_per_slot: int = CONTEXT_PER_SLOT) -> "ClassServer":
        reason = llama_cpp_unavailable_reason()
        if reason:
            raise BackendError(ErrorKind.DEVICE_UNAVAILABLE, reason)
        host = check_host(host)
        if not 0 <= int(port) <= 65535:
            raise BackendError(ErrorKind.INVALID_INPUT, msg("The port must be a number from 1 to 65535."))
        parallel = max(1, min(int(parallel), MAX_PARALLEL))
        code = (code or new_access_code()).strip()
        if len(code) < 4 or any(c.isspace() for c in code):
            raise BackendError(ErrorKind.INVALID_INPUT, msg("The access code needs at least 4 characters and no spaces."))
        path = Path(model_path)
        index = read_gguf_index(path)  # a damaged file is refused before native code reads it
        refuse_non_chat(index)
        name = model_name or path.stem
        per_slot = min(index.context_length or 2048, context_per_slot)
        server = _start_native(path, host, int(port), code, parallel, per_slot, threads or default_threads(), name)
        listening = str(server.listening_address)
        actual_port = int(listening.rstrip("/").rsplit(":", 1)[-1]) if listening.rsplit(":", 1)[-1].rstrip(
            "/").isdigit() else int(port)
        return cls(server, host, actual_port, code, parallel, name, path)

    def load(self) -> ServerLoad:
        """Slots busy and waiting and tokens written, from llama.cpp's own counters (read in-process)."""
        server = self._server
        if server is None:
            return ServerLoad(0, 0, self.parallel, 0, 0.0)
        with self._lock:
            try:
                text = server.handle_metrics()
            except Exception:  # a server that is stopping: nothing to count
                text = ""
            if isinstance(text, dict):
                text = str(text.get("metrics") or text)
            text = str(text or "")
            tokens = _metric(text, "llamacpp:tokens_predicted_total")
            now = time.monotonic()
            last_time, last_tokens = self._last_tokens
            speed = (tokens - last_tokens) / (now - last_time) if now > last_time else 0.0
            self._last_tokens = (now, tokens)
        return ServerLoad(busy_slots=int(_metric(text, "llamacpp:requests_processing")),
                          waiting=int(_metric(text, "llamacpp:requests_deferred")), parallel=self.parallel,
                          tokens_written=int(tokens), tokens_per_second=max(0.0, speed))

    def stop(self) -> None:
        """End the share: running replies end (their students keep what was written). Safe to call twice."""
        server, self._server = self._server, None
        if server is not None:
            _end_students_connections(self.port)
            del server  # the binding stops its HTTP listener and task loop and frees the model here


def _end_students_connections(port: int) -> None:
    """Shut down (not close: llama.cpp still owns the descriptors) the server's open connections, so running
    replies end at their next token instead of being written to the end: llama.cpp cancels a request whose
    connection is gone. Without this, stopping waits for every running reply (measured: 31 s for a 300-token
    reply on a busy 2-core machine). Where descriptors cannot be found (Windows), stopping waits as before."""
    try:
        import psutil

        connections = psutil.Process().net_connections(kind="tcp")
    except Exception:  # psutil missing or refused: stopping still works, only slower
        return
    for connection in connections:
        if (connection.fd is not None and connection.fd >= 0 and connection.laddr and connection.laddr.port == port
                and connection.status == psutil.CONN_ESTABLISHED):
            try:
                sock = socket.socket(fileno=connection.fd)
            except OSError:
                continue
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            finally:
                sock.detach()  # the descriptor stays open: the native server closes it


def _start_native(path: Path, host: str, port: int, code: str, parallel: int, per_slot: int, threads: int, name: str):
    import xllamacpp

    params = xllamacpp.CommonParams()
    params.model.path = str(path)
    params.model_alias = {name}
    params.n_parallel = parallel
    params.cont_batching = True
    params.n_ctx = per_slot * parallel  # llama.cpp gives each slot n_ctx / n_parallel
    params.cpuparams.n_threads = params.cpuparams_batch.n_threads = threads
    params.hostnames = [host]
    params.port = port
    params.api_keys = [code]
    params.n_threads_http = max(4, parallel + 2)  # every streaming student holds an HTTP thread
    params.ui = params.endpoint_slots = params.endpoint_props = False
    params.endpoint_metrics = True  # Server.handle_metrics answers only then; the counters are totals, no prompts
    params.offline = True
    # a student's conversation whose slot went to another student meanwhile comes back from RAM, not read again
    params.cache_ram_mib = prompt_cache_mib()
    params.verbosity = -1
    try:
        server = xllamacpp.Server(params)
    except Exception as exc:
        raise InvalidModelError(msg(
            "The model could not be shared: llama.cpp could not load {name}, or {host}:{port} is taken or not an "
            "address of this computer.", name=path.name, host=host, port=port), details=repr(exc)) from exc
    # As in llama_cpp_engine: the binding's loop starts after the constructor returns, and deleting a server
    # whose loop has not started hangs; one tiny request returns only once it runs.
    server.handle_completions({"prompt": [0], "max_tokens": 1, "cache_prompt": False})
    return server
