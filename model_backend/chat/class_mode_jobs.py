"""Class mode's jobs: connect to a class server, share a model with the room, watch the share, stop it.

They run in the backend like every other job (never on the window's thread): the engine routes the four
request types here. The backend holds at most one share (``ClassShares``) and the server models it used
(``ServerModels``: light objects, nothing to unload).
"""
from __future__ import annotations

import atexit
import threading
import weakref
from dataclasses import dataclass, field
from threading import Event

from model_backend.chat.class_server import DEFAULT_PARALLEL, DEFAULT_PORT, LOOPBACK, ClassServer, ServerLoad
from model_backend.chat.remote_chat_model import RemoteChatModel, server_models_for
from model_backend.chat.remote_server import ACCESS_CODES, parse_server_address, split_server_model_id
from model_backend.core.errors import BackendError, ErrorKind, JobCancelled
from model_backend.core.jobs import ProgressFn, new_job_id
from model_backend.core.messages import msg
from model_backend.core.model_inspection import ModelFormat, ModelKind


@dataclass(frozen=True)
class ConnectServerRequest:
    """Check a class server and list its chat models; the code is kept for this backend's later requests."""

    address: str
    code: str = ""
    job_id: str = field(default_factory=new_job_id)


@dataclass(frozen=True)
class ShareModelRequest:
    """Serve a GGUF chat model to the room (``host`` is where it listens: the loopback address by default)."""

    model_id: str
    host: str = LOOPBACK
    port: int = DEFAULT_PORT
    code: str = ""  # "" -> a new short code
    parallel: int = DEFAULT_PARALLEL
    job_id: str = field(default_factory=new_job_id)


@dataclass(frozen=True)
class ShareStatusRequest:
    job_id: str = field(default_factory=new_job_id)


@dataclass(frozen=True)
class StopSharingRequest:
    job_id: str = field(default_factory=new_job_id)


CLASS_MODE_REQUESTS = (ConnectServerRequest, ShareModelRequest, ShareStatusRequest, StopSharingRequest)


@dataclass(frozen=True)
class ShareInfo:
    """What the teacher's window shows: the address students type, the code, the model and the load."""

    running: bool
    address: str = ""
    code: str = ""
    model_name: str = ""
    load: ServerLoad | None = None


class ServerModels:
    """The class-server models used so far, by model id (each is a few strings: nothing to free)."""

    def __init__(self) -> None:
        self._models: dict[str, RemoteChatModel] = {}

    def get(self, model_id: str, progress: ProgressFn) -> RemoteChatModel:
        address, _model = split_server_model_id(model_id)
        current = self._models.get(model_id)
        if current is not None and current.code == ACCESS_CODES.code_for(address):
            current.load_seconds = 0.0  # connecting is said once, with the first reply
            return current
        self._models[model_id] = RemoteChatModel.connect(model_id, progress)
        return self._models[model_id]


_live_shares: weakref.WeakSet = weakref.WeakSet()


class ClassShares:
    """The one model this backend shares, if any."""

    def __init__(self) -> None:
        self.server: ClassServer | None = None
        self._lock = threading.Lock()
        _live_shares.add(self)

    def info(self) -> ShareInfo:
        server = self.server
        if server is None or not server.running:
            return ShareInfo(False)
        return ShareInfo(True, server.address, server.code, server.model_name, server.load())

    def keep(self, server: ClassServer) -> ShareInfo:
        with self._lock:
            self.server = server
        return self.info()

    def stop(self) -> ShareInfo:
        with self._lock:
            server, self.server = self.server, None
        if server is not None:
            server.stop()
        return ShareInfo(False)


def run_class_mode_job(request, registry, shares: ClassShares, progress: ProgressFn, cancel: Event):
    if isinstance(request, ConnectServerRequest):
        address = parse_server_address(request.address)
        progress(None, msg("Connecting to the class server at {address}", address=address.url))
        return {"address": address.url, "models": server_models_for(address, request.code.strip())}
    if isinstance(request, ShareStatusRequest):
        return shares.info()
    if isinstance(request, StopSharingRequest):
        return shares.stop()
    entry = registry.resolve(request.model_id)
    if entry.kind is not ModelKind.CHAT or entry.format is not ModelFormat.GGUF:
        raise BackendError(ErrorKind.WRONG_MODEL_KIND, msg(
            "Only a GGUF chat model can be shared with the class; {name} is not one.", name=entry.name))
    shares.stop()  # one share at a time: a new one replaces the old
    if cancel.is_set():
        raise JobCancelled()
    progress(None, msg("Starting the class server for {name}", name=entry.name))
    server = ClassServer.start(entry.path, host=request.host, port=request.port, code=request.code,
                               parallel=request.parallel, model_name=entry.path.stem)
    return shares.keep(server)


@atexit.register
def _stop_all() -> None:
    """At exit, stop sharing before the interpreter goes away under the native server."""
    for shares in list(_live_shares):
        shares.stop()
