"""The line to a class server: an OpenAI-compatible chat server on the room's network (llama.cpp's server,
vLLM, Ollama, LM Studio, or another copy of this app sharing its model).

Why the standard library's ``http.client`` and not httpx: it connects to exactly the host and port the user
typed and nowhere else — it reads no proxy settings from the environment, follows no redirects and looks up
nothing but that host name — and closing its socket ends a streamed reply at once, which is how Stop reaches
the server (llama.cpp and vLLM cancel a request whose reader went away).

Model ids of server models carry the server's address: ``server:http://192.168.1.10:8080#qwen2.5-7b``. The
access code is not part of the id (ids are saved with conversations); the backend keeps the codes it was
given in ``ACCESS_CODES`` for as long as it runs.
"""
from __future__ import annotations

import http.client
import json
import socket
import ssl
import threading
from dataclasses import dataclass
from urllib.parse import urlsplit

from model_backend.core.errors import BackendError, ErrorKind, plain_library_text
from model_backend.core.messages import msg

SERVER_SCHEME = "server"
DEFAULT_PORT = 8080  # llama.cpp's server and the app's own sharing; vLLM uses 8000, Ollama 11434, LM Studio 1234
CONNECT_TIMEOUT_S = 5.0
READ_TIMEOUT_S = 300.0  # a busy server may take long before its first token; a vanished one is seen at EOF


@dataclass(frozen=True)
class ServerAddress:
    """Where a class server listens: ``http://host:port`` plus any path prefix the user typed."""

    scheme: str
    host: str
    port: int
    prefix: str = ""  # e.g. "/llm" behind a reverse proxy; "/v1" is the API's own and not kept

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}:{self.port}{self.prefix}"

    def route(self, path: str) -> str:
        return f"{self.prefix}{path}"


def parse_server_address(text: str) -> ServerAddress:
    """What the user typed (``192.168.1.10``, ``teacher.local:8000``, ``http://10.0.0.5:8080/v1``) as an
    address; a plain sentence when it is not one."""
    typed = (text or "").strip()
    if not typed:
        raise BackendError(ErrorKind.INVALID_INPUT, msg("Type the class server's address, for example "
                                                        "192.168.1.10:8080."))
    if "://" not in typed:
        typed = "http://" + typed
    try:
        parts = urlsplit(typed)
        port = parts.port
    except ValueError as exc:
        raise BackendError(ErrorKind.INVALID_INPUT, msg("'{address}' is not a server address. Type it like "
                                                        "192.168.1.10:8080.", address=text.strip()),
                           details=repr(exc)) from exc
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise BackendError(ErrorKind.INVALID_INPUT, msg("'{address}' is not a server address. Type it like "
                                                        "192.168.1.10:8080.", address=text.strip()))
    prefix = parts.path.rstrip("/")
    if prefix.endswith("/v1"):
        prefix = prefix[:-3]
    return ServerAddress(parts.scheme, parts.hostname, port or DEFAULT_PORT, prefix)


def server_model_id(address: ServerAddress, model: str) -> str:
    return f"{SERVER_SCHEME}:{address.url}#{model}"


def is_server_model_id(model_id: str) -> bool:
    return model_id.startswith(SERVER_SCHEME + ":")


def split_server_model_id(model_id: str) -> tuple[ServerAddress, str]:
    """``server:<url>#<model>`` → (address, model name on that server)."""
    url, hash_sign, model = model_id.partition(":")[2].partition("#")
    if not hash_sign or not model:
        raise BackendError(ErrorKind.MODEL_NOT_FOUND, msg("'{model_id}' does not name a model on a class server.",
                                                          model_id=model_id))
    return parse_server_address(url), model


class AccessCodes:
    """The codes the user gave for each server, for as long as the backend runs (thread-safe)."""

    def __init__(self) -> None:
        self._codes: dict[str, str] = {}
        self._lock = threading.Lock()

    def remember(self, address: ServerAddress, code: str) -> None:
        with self._lock:
            self._codes[address.url] = code

    def code_for(self, address: ServerAddress) -> str:
        with self._lock:
            return self._codes.get(address.url, "")


ACCESS_CODES = AccessCodes()


def unreachable(address: ServerAddress, exc: BaseException) -> BackendError:
    return BackendError(ErrorKind.DEVICE_UNAVAILABLE, msg(
        "The class server at {address} does not answer. Check that it is running, that this computer is on the "
        "same network, and the address.", address=address.url), details=repr(exc))


def refused_code(address: ServerAddress) -> BackendError:
    return BackendError(ErrorKind.INVALID_INPUT, msg(
        "The class server at {address} refused the access code. Ask your teacher for the code and type it again.",
        address=address.url))


def server_error(address: ServerAddress, status: int, body: bytes) -> BackendError:
    """A refusal in plain words: the code (401/403), an unknown model (404), or the server's own message."""
    if status in (401, 403):
        return refused_code(address)
    try:
        parsed = json.loads(body.decode("utf-8", errors="replace"))
    except ValueError:
        parsed = {}
    error = parsed.get("error") if isinstance(parsed, dict) else None
    text = error.get("message") if isinstance(error, dict) else error if isinstance(error, str) else ""
    if not text and isinstance(parsed, dict):
        text = str(parsed.get("message") or parsed.get("detail") or "")
    reason = plain_library_text(text or f"HTTP {status}")
    # 404/405: no such model or no such route (a server without llama.cpp's /tokenize); callers tell them apart
    kind = ErrorKind.MODEL_NOT_FOUND if status in (404, 405) else ErrorKind.INVALID_INPUT if status < 500 else ErrorKind.INTERNAL
    return BackendError(kind, msg("The class server at {address} refused the request: {reason}", address=address.url,
                                  reason=reason), details=f"HTTP {status}: {body[:2000]!r}")


class ServerLine:
    """One request at a time to one server, with the access code as ``Authorization: Bearer <code>``."""

    def __init__(self, address: ServerAddress, code: str, connect_timeout: float = CONNECT_TIMEOUT_S,
                 read_timeout: float = READ_TIMEOUT_S) -> None:
        self.address, self.code = address, code
        self.connect_timeout, self.read_timeout = connect_timeout, read_timeout

    def _headers(self) -> dict[str, str]:
        headers = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream"}
        if self.code:
            headers["Authorization"] = f"Bearer {self.code}"
        return headers

    def open(self, method: str, path: str, body: dict | None = None) -> tuple[http.client.HTTPConnection,
                                                                                http.client.HTTPResponse]:
        """Send a request; returns the connection and the response with status 200 (else a BackendError)."""
        cls = http.client.HTTPSConnection if self.address.scheme == "https" else http.client.HTTPConnection
        kwargs = {"context": ssl.create_default_context()} if self.address.scheme == "https" else {}
        connection = cls(self.address.host, self.address.port, timeout=self.connect_timeout, **kwargs)
        try:
            connection.connect()
            connection.sock.settimeout(self.read_timeout)
            connection.request(method, self.address.route(path),
                               json.dumps(body).encode("utf-8") if body is not None else None, self._headers())
            response = connection.getresponse()
        except (OSError, http.client.HTTPException) as exc:
            connection.close()
            raise unreachable(self.address, exc) from exc
        if response.status != 200:
            try:
                data = response.read()
            except (OSError, http.client.HTTPException):
                data = b""
            connection.close()
            raise server_error(self.address, response.status, data)
        return connection, response

    def get_json(self, path: str, body: dict | None = None, method: str = "GET") -> dict:
        connection, response = self.open(method, path, body)
        try:
            data = response.read()
        except (OSError, http.client.HTTPException) as exc:
            raise unreachable(self.address, exc) from exc
        finally:
            connection.close()
        try:
            parsed = json.loads(data.decode("utf-8", errors="replace"))
        except ValueError as exc:
            raise BackendError(ErrorKind.INVALID_INPUT, msg(
                "The server at {address} does not speak the OpenAI-compatible chat API.", address=self.address.url),
                details=repr(data[:500])) from exc
        return parsed if isinstance(parsed, dict) else {"data": parsed}


@dataclass(frozen=True)
class ServerModel:
    """A chat model a server offers; ``context_length`` 0 where the server does not say."""

    model_id: str
    name: str
    context_length: int = 0


def list_models(address: ServerAddress, code: str) -> list[ServerModel]:
    """The server's models (``GET /v1/models``). llama.cpp's server and vLLM ask the code for this route too, so a
    wrong code is said here, not at the first message (Ollama and LM Studio take any code)."""
    line = ServerLine(address, code)
    answer = line.get_json("/v1/models")
    models = []
    for item in answer.get("data") or answer.get("models") or ():
        if not isinstance(item, dict):
            continue
        name = str(item.get("id") or item.get("name") or item.get("model") or "").strip()
        if not name:
            continue
        meta = item.get("meta") if isinstance(item.get("meta"), dict) else {}
        context = item.get("max_model_len") or meta.get("n_ctx") or meta.get("n_ctx_train") or 0
        models.append(ServerModel(server_model_id(address, name), name, int(context) if str(context).isdigit() else 0))
    if not models:
        raise BackendError(ErrorKind.MODEL_NOT_FOUND, msg("The class server at {address} offers no chat model.",
                                                          address=address.url))
    return models


def close_quickly(connection: http.client.HTTPConnection) -> None:
    """End a streamed reply now: shut the socket down (a reader blocked in it wakes up), then close it."""
    sock = connection.sock
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
    connection.close()
