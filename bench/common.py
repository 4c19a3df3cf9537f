"""Shared by the benchmarks: run one job through the app's backend and return its result."""
from __future__ import annotations

import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from model_backend.core.jobs import Result  # noqa: E402


def run_job(backend, request):
    events = []
    backend.run(request, events.append, threading.Event())
    if not isinstance(events[-1], Result):
        raise SystemExit(f"job failed: {events[-1]}")
    return events[-1].value
