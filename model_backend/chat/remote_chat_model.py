"""A chat model on a class server, used like a local one: the third kind of loaded chat model, beside
transformers (``chat_model.LoadedChatModel``) and llama.cpp (``LlamaCppChatModel``), answering the same
``run_chat`` / ``preview_prompt`` contract.

How each promise is kept over the network (``/v1/chat/completions`` with ``"stream": true``):

- **Streaming**: the server's Server-Sent Events are read on a thread into a queue; the job's thread turns each
  chunk into TextChunks (the server's own ``delta.content``: servers release only whole characters) and
  TokenSteps (from ``logprobs``).
- **Probabilities**: ``"logprobs": true, "top_logprobs": n`` — llama.cpp's server and vLLM give each token's
  log-probability and the strongest alternatives. A token's label is made from its ``bytes`` (llama.cpp sends
  the raw bytes, so half a kanji reads ``<0xE6><0x97>``); where a server gives only "�" for part of a character
  (vLLM) it reads ``<0x??>``, so U+FFFD never shows. A server that gives no probabilities (Ollama, LM Studio)
  is said plainly once, and the reply still streams.
- **Sampling**: temperature (0 is greedy), top-p, top-k (vLLM and llama.cpp read it; OpenAI's own API would not),
  seed, max_tokens and the stop texts go in the request.
- **Stop within 0.2 s**: the job's thread checks the cancel event every 20 ms and closes the socket; the server
  sees its reader gone and cancels the request. The reply so far is kept (``JobCancelled(partial)``).
- **A server gone mid-reply** (stopped, unplugged) keeps the partial reply too, and says so; a refused code, an
  unreachable server and an unknown model are plain sentences (``remote_server``).
- **The prompt's tokens**: llama.cpp's server can show them (``/apply-template`` + ``/tokenize``); other servers
  cannot, and the prompt view then stays empty.
"""
from __future__ import annotations

import http.client
import json
import math
import queue
import threading
import time
from dataclasses import dataclass
from threading import Event

from model_backend.chat.chat_types import (
    Candidate,
    ChatRequest,
    ChatResult,
    Message,
    PromptTokens,
    StopReason,
    TextChunk,
    TokenStep,
    decoding_speed,
)
from model_backend.chat.chat_validation import validate_chat_request
from model_backend.chat.llama_cpp_stream import prompt_tokens
from model_backend.chat.remote_server import (
    ACCESS_CODES,
    ServerAddress,
    ServerLine,
    close_quickly,
    list_models,
    split_server_model_id,
    unreachable,
)
from model_backend.chat.sampling_defaults import SamplingDefaults
from model_backend.chat.token_pieces import REPLACEMENT, label_for_bytes, utf8_decoder
from model_backend.core.device import DeviceChoice
from model_backend.core.engines import Engine
from model_backend.core.errors import BackendError, ErrorKind, JobCancelled
from model_backend.core.jobs import Emit, Partial, Progress, ProgressFn
from model_backend.core.messages import msg
from model_backend.core.seeds import resolve_seed

POLL_SECONDS = 0.02
DEFAULT_CONTEXT = 4096  # where a server names no context length (Ollama, LM Studio)
UNKNOWN_BYTES = "<0x??>"  # part of a character whose bytes the server did not send


@dataclass(frozen=True)
class ServerModelEntry:
    """What the backend and the status bar need to know of a server's model (the registry's ModelEntry for
    local files)."""

    model_id: str
    name: str


class _Stream:
    """One streamed reply read on its own thread: ("chunk", dict), ("error", exception), ("end", bool done)."""

    def __init__(self, connection: http.client.HTTPConnection, response: http.client.HTTPResponse) -> None:
        self.connection, self.response = connection, response
        self.items: queue.SimpleQueue = queue.SimpleQueue()
        self.closed = threading.Event()
        self.thread = threading.Thread(target=self._read, name="class server reply", daemon=True)
        self.thread.start()

    def _read(self) -> None:
        done = False
        try:
            event_lines: list[str] = []
            while not self.closed.is_set():
                raw = self.response.readline()
                if not raw:
                    break
                line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
                if line:
                    event_lines.append(line)
                    continue
                done = self._event(event_lines) or done
                event_lines = []
            if event_lines:
                done = self._event(event_lines) or done
        except Exception as exc:  # noqa: BLE001 - OSError, HTTPException, bad JSON; or http.client tripping over
            # the socket Stop closed under it (AttributeError): only a failure nobody asked for is reported
            if not self.closed.is_set():
                self.items.put(("error", exc))
        finally:
            self.items.put(("end", done))

    def _event(self, lines: list[str]) -> bool:
        """One SSE event; True for ``[DONE]``. llama.cpp sends ``error: {...}`` lines for a failed request."""
        data = "\n".join(line.partition(":")[2].lstrip() for line in lines if line.startswith(("data:", "error:")))
        if not data:
            return False
        if data.strip() == "[DONE]":
            return True
        parsed = json.loads(data)
        if any(line.startswith("error:") for line in lines) and isinstance(parsed, dict) and "error" not in parsed:
            parsed = {"error": parsed}
        self.items.put(("chunk", parsed))
        return False

    def close(self) -> None:
        self.closed.set()
        close_quickly(self.connection)


class _Reply:
    """Chunks in; TokenSteps, TextChunks and the reply's text out."""

    def __init__(self, emit: Emit, job_id: str, top_n: int, started: float) -> None:
        self.emit, self.job_id, self.top_n, self.started = emit, job_id, top_n, started
        self.text = ""
        self.steps: list[TokenStep] = []
        self.first_token_at: float | None = None
        self.finish_reason = ""
        self.stop_text: object = None  # vLLM says which stop text ended the reply
        self.completion_tokens = 0
        self.content_chunks = 0

    @staticmethod
    def _bytes(entry: dict) -> bytes:
        data = entry.get("bytes")
        if isinstance(data, list):
            try:
                return bytes(int(b) & 0xFF for b in data)
            except (TypeError, ValueError):
                pass
        return str(entry.get("token", "")).encode("utf-8")

    @classmethod
    def label(cls, entry: dict) -> str:
        return label_for_bytes(cls._bytes(entry)).replace(REPLACEMENT, UNKNOWN_BYTES)

    def candidates(self, entries) -> tuple[Candidate, ...]:
        ranked = sorted((Candidate(int(e.get("id", -1)), self.label(e), _probability(e)) for e in entries or ()
                         if isinstance(e, dict)), key=lambda c: c.probability, reverse=True)
        return tuple(ranked[:self.top_n])

    def _pieces(self, entries: list[dict], content: str) -> list[str]:
        """The whole characters each token of a chunk completes: the chunk's text goes to its last token unless
        the tokens' own bytes spell it exactly (a chunk that carries several tokens)."""
        if len(entries) > 1:
            decoder = utf8_decoder()
            pieces = [decoder.decode(self._bytes(e)) for e in entries]
            if "".join(pieces) == content and REPLACEMENT not in content:
                return pieces
        return [""] * (len(entries) - 1) + [content] if entries else []

    def take(self, chunk: dict, now: float) -> None:
        if "error" in chunk:
            error = chunk["error"]
            reason = error.get("message") if isinstance(error, dict) else str(error)
            raise BackendError(ErrorKind.INTERNAL, msg("The class server could not write the reply: {reason}",
                                                       reason=str(reason or "unknown error")[:300]), repr(chunk))
        usage = chunk.get("usage")
        if isinstance(usage, dict):
            self.completion_tokens = int(usage.get("completion_tokens") or 0)
        for choice in chunk.get("choices") or ():
            if not isinstance(choice, dict) or choice.get("index", 0) != 0:
                continue
            delta = choice.get("delta") or {}
            content = delta.get("content") or ""
            entries = [e for e in ((choice.get("logprobs") or {}).get("content") or ()) if isinstance(e, dict)]
            if (content or entries) and self.first_token_at is None:
                self.first_token_at = now
            for entry, piece in zip(entries, self._pieces(entries, content)):
                step = TokenStep(index=len(self.steps), token_id=int(entry.get("id", -1)), text=self.label(entry),
                                 probability=_probability(entry), candidates=self.candidates(entry.get("top_logprobs")),
                                 elapsed=now - self.started, piece=piece)
                self.steps.append(step)
                self.emit(Partial(self.job_id, step))
            if content:
                self.content_chunks += 1
                self.text += content
                self.emit(Partial(self.job_id, TextChunk(content)))
            if choice.get("finish_reason"):
                self.finish_reason = str(choice["finish_reason"])
                self.stop_text = choice.get("stop_reason")


def _probability(entry: dict) -> float:
    try:
        value = float(entry.get("logprob", float("-inf")))
    except (TypeError, ValueError):
        return 0.0
    return math.exp(value) if value > -1e30 else 0.0


class RemoteChatModel:
    """A model on a class server: streams replies with the server's probabilities; nothing runs here."""

    engine = Engine.CLASS_SERVER
    converted_now = False
    has_chat_template = True  # the server applies the model's own template
    load_seconds = 0.0

    def __init__(self, model_id: str, code: str | None = None, show_prompt_tokens: bool = True) -> None:
        self.address, self.model = split_server_model_id(model_id)
        self.code = ACCESS_CODES.code_for(self.address) if code is None else code
        self.entry = ServerModelEntry(model_id, msg("{model} on the class server", model=self.model))
        self.name = self.model
        self.device = DeviceChoice("class server", self.address.url, msg(
            "Replies come from the class server at {address}: nothing runs on this computer.",
            address=self.address.url))
        self.context_length = DEFAULT_CONTEXT
        self.sampling_defaults = SamplingDefaults()
        self.device_preference = "auto"
        self.show_prompt_tokens = show_prompt_tokens
        self._server_shows_tokens: bool | None = None  # learnt on the first try
        self._said_no_probabilities = False

    @classmethod
    def connect(cls, model_id: str, progress: ProgressFn | None = None) -> "RemoteChatModel":
        """Check the server answers, the code is accepted and the model is there."""
        started = time.monotonic()
        model = cls(model_id)
        if progress is not None:
            progress(None, msg("Connecting to the class server at {address}", address=model.address.url))
        offered = {m.name: m for m in list_models(model.address, model.code)}
        if model.model not in offered:
            raise BackendError(ErrorKind.MODEL_NOT_FOUND, msg(
                "The class server at {address} no longer offers {model}. Choose another of its models.",
                address=model.address.url, model=model.model))
        model.context_length = offered[model.model].context_length or DEFAULT_CONTEXT
        model.load_seconds = time.monotonic() - started
        return model

    def _line(self) -> ServerLine:
        return ServerLine(self.address, self.code)

    # ---- prompts -------------------------------------------------------------------------------------------
    def preview_prompt(self, conversation: tuple[Message, ...]) -> PromptTokens:
        """The prompt as the server's model reads it, through llama.cpp's /apply-template and /tokenize."""
        messages = [{"role": m.role, "content": m.content} for m in conversation]
        line = self._line()
        try:
            templated = line.get_json("/apply-template", {"messages": messages}, method="POST")
            answer = line.get_json("/tokenize", {"content": str(templated.get("prompt", "")), "add_special": True,
                                                 "parse_special": True, "with_pieces": True}, method="POST")
        except BackendError as exc:
            if exc.kind is ErrorKind.MODEL_NOT_FOUND:  # 404/405: the route is not there (vLLM, Ollama, LM Studio)
                self._server_shows_tokens = False
                raise BackendError(ErrorKind.INVALID_INPUT, msg(
                    "This class server does not show how the prompt is split into tokens (llama.cpp's server "
                    "does; vLLM, Ollama and LM Studio do not)."), exc.details) from exc
            raise
        self._server_shows_tokens = True
        ids, token_bytes = [], {}
        for token in answer.get("tokens") or ():
            if isinstance(token, dict):
                token_id, piece = int(token.get("id", -1)), token.get("piece", "")
                token_bytes.setdefault(token_id, bytes(piece) if isinstance(piece, list) else str(piece).encode())
                ids.append(token_id)
            else:
                ids.append(int(token))
        return PromptTokens(prompt_tokens(ids, token_bytes, {}), self.context_length, 0, True)

    def _prompt_for(self, conversation: tuple[Message, ...]) -> PromptTokens:
        if self.show_prompt_tokens and self._server_shows_tokens is not False:
            try:
                return self.preview_prompt(conversation)
            except BackendError:
                if self._server_shows_tokens is not False:
                    raise
        return PromptTokens((), self.context_length, 0, True)

    # ---- replies -------------------------------------------------------------------------------------------
    def _body(self, request: ChatRequest, seed: int, logprobs: bool) -> dict:
        sampling = request.sampling
        greedy = sampling.temperature <= 0
        body = {
            "model": self.model,
            "messages": [{"role": m.role, "content": m.content} for m in request.conversation],
            "stream": True,
            "stream_options": {"include_usage": True},
            "max_tokens": int(sampling.max_new_tokens),
            "temperature": 0.0 if greedy else float(sampling.temperature),
            "top_p": 1.0 if greedy else float(sampling.top_p),
            "seed": seed,
        }
        if not greedy and sampling.top_k > 0:
            body["top_k"] = int(sampling.top_k)
        if request.stop:
            body["stop"] = list(request.stop)
        if logprobs:
            body["logprobs"] = True
            body["top_logprobs"] = max(1, min(20, request.top_candidates))
        return body

    def _open_stream(self, request: ChatRequest, seed: int) -> _Stream:
        line = self._line()
        try:
            return _Stream(*line.open("POST", "/v1/chat/completions", self._body(request, seed, logprobs=True)))
        except BackendError as exc:
            if exc.kind is not ErrorKind.INVALID_INPUT or "logprob" not in exc.message.lower():
                raise
        # a server that refuses to give probabilities still writes the reply
        return _Stream(*line.open("POST", "/v1/chat/completions", self._body(request, seed, logprobs=False)))

    def run_chat(self, request: ChatRequest, emit: Emit, cancel: Event, progress: ProgressFn | None = None) -> ChatResult:
        """Stream one reply; ``JobCancelled(partial)`` on Stop and when the server goes away mid-reply."""
        validate_chat_request(request)
        prompt = self._prompt_for(request.conversation)
        emit(Partial(request.job_id, prompt))
        seed = resolve_seed(request.sampling.seed)
        if cancel.is_set():
            raise JobCancelled()
        started = time.monotonic()
        reply = _Reply(emit, request.job_id, request.top_candidates, started)
        stream = self._open_stream(request, seed)
        gone: BaseException | None = None
        ended_properly = False
        try:
            while True:
                if cancel.is_set():
                    break
                try:
                    kind, value = stream.items.get(timeout=POLL_SECONDS)
                except queue.Empty:
                    continue
                if kind == "chunk":
                    reply.take(value, time.monotonic())
                elif kind == "error":
                    gone = value
                else:
                    ended_properly = bool(value) or bool(reply.finish_reason)
                    break
        finally:
            stream.close()
        total = time.monotonic() - started
        if cancel.is_set():
            stop_reason = StopReason.STOPPED
        elif not ended_properly:
            if not reply.text and not reply.steps:
                raise unreachable(self.address, gone or ConnectionError("the reply ended before it began"))
            emit(Progress(request.job_id, None, msg(
                "The class server stopped answering in the middle of the reply; what it wrote is kept.")))
            stop_reason = StopReason.CONNECTION_LOST
        elif reply.finish_reason == "length":
            stop_reason = StopReason.MAX_NEW_TOKENS
        elif isinstance(reply.stop_text, str) and reply.stop_text in request.stop:
            stop_reason = StopReason.STOP_SEQUENCE
        else:
            stop_reason = StopReason.END_OF_REPLY
        if reply.text and not reply.steps and request.top_candidates and not self._said_no_probabilities:
            self._said_no_probabilities = True
            emit(Progress(request.job_id, None, msg(
                "This class server does not send token probabilities, so the next-token view stays empty for its "
                "replies.")))
        steps = tuple(reply.steps)
        first = (reply.first_token_at - started) if reply.first_token_at else total
        speed = decoding_speed(steps, total) if steps else (reply.completion_tokens or reply.content_chunks) / max(
            total - first, 1e-6)
        result = ChatResult(text=reply.text.strip(), steps=steps, prompt=prompt, stop_reason=stop_reason, seed=seed,
                            time_to_first_token=first, tokens_per_second=speed, total_seconds=total,
                            device=self.device.label, model_name=self.name)
        if stop_reason in (StopReason.STOPPED, StopReason.CONNECTION_LOST):
            raise JobCancelled(result)
        return result

    def close(self) -> None:
        """Nothing to free: the model lives on the server."""


def server_models_for(address: ServerAddress, code: str) -> list[dict]:
    """Connect: remember the code for this backend's later requests and list the server's chat models."""
    models = list_models(address, code)
    ACCESS_CODES.remember(address, code)
    return [{"model_id": m.model_id, "name": m.name, "context_length": m.context_length} for m in models]
