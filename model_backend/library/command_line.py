"""The model library on the command line, for preparing many machines by script:

    python -m model_backend catalogue
    python -m model_backend download qwen2.5-0.5b-instruct-gguf
    python -m model_backend pack --out /media/usb/pack MODEL_ID…
    python -m model_backend import /media/usb/pack [--in-place]

The jobs run through the same engine as in the app (the same events); progress goes to stderr, one line a
second at most, results to stdout. Exit status: 0 done, 1 failed or problems found, 130 stopped (Ctrl+C).
"""
from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path

from model_backend.core.jobs import Cancelled, Failed, Partial, Progress, Result
from model_backend.core.paths import AppPaths
from model_backend.core.registry import ModelRegistry
from model_backend.library.catalogue import load_catalogue
from model_backend.library.downloads import DownloadProgress, DownloadRequest
from model_backend.library.installed import installed_catalogue_ids, partial_download_bytes
from model_backend.library.packs import ExportPackRequest, ImportPackRequest, PackProgress, PackReport

LINE_INTERVAL_S = 1.0


def _mb(count: float) -> str:
    return f"{count / 1e6:,.0f} MB" if count >= 1e6 else f"{count / 1e3:,.0f} kB"


def progress_line(payload) -> str:
    """One progress line for a download or pack payload (plain English: the command line is for scripts)."""
    if isinstance(payload, DownloadProgress):
        speed = f"{payload.bytes_per_second / 1e6:.1f} MB/s" if payload.bytes_per_second else "-- MB/s"
        left = f"{payload.seconds_left / 60:.0f} min {payload.seconds_left % 60:02.0f} s left" \
            if payload.seconds_left is not None else "time left unknown"
        percent = 100 * payload.done / payload.total if payload.total else 0
        return (f"{payload.file_name}: {_mb(payload.file_done)} of {_mb(payload.file_total)} | total {percent:5.1f} % "
                f"({_mb(payload.done)} of {_mb(payload.total)}) | {speed} | {left}")
    if isinstance(payload, PackProgress):
        percent = 100 * payload.done / payload.total if payload.total else 100
        return f"{payload.model_name}: {payload.file_name} | {percent:5.1f} % ({_mb(payload.done)} of {_mb(payload.total)})"
    return str(payload)


def run_printing(backend, request) -> object:
    """Run ``request``, printing progress; returns the terminal event. Ctrl+C stops the job cleanly."""
    cancel = threading.Event()
    outcome: dict = {}
    last = [0.0]

    def emit(event) -> None:
        now = time.monotonic()
        if isinstance(event, Progress):
            print(f"[{event.message}]", file=sys.stderr)
        elif isinstance(event, Partial) and now - last[0] >= LINE_INTERVAL_S:
            last[0] = now
            print(progress_line(event.payload), file=sys.stderr, flush=True)
        elif isinstance(event, (Result, Failed, Cancelled)):
            outcome["event"] = event

    worker = threading.Thread(target=backend.run, args=(request, emit, cancel), daemon=True)
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.2)
    except KeyboardInterrupt:
        print("[stopping…]", file=sys.stderr)
        cancel.set()
        worker.join()
    return outcome["event"]


def _report_pack(report: PackReport) -> int:
    for model in report.models:
        mark = " [restricted licence]" if model.licence_restricted else ""
        print(f"ok       {model.folder}  {_mb(model.size_bytes)}  {model.licence}{mark}")
    for model_id in report.model_ids:
        print(f"model id {model_id}")
    for problem in report.problems:
        where = f"{problem.model}/{problem.file}" if problem.file else problem.model
        print(f"problem  {where}: {problem.reason}")
    print(f"{len(report.models)} model(s), {_mb(report.bytes_copied)} copied, {len(report.problems)} problem(s)")
    return 1 if report.problems else 0


def _finish(event) -> int:
    if isinstance(event, Failed):
        print(f"error ({event.kind.value}): {event.message}", file=sys.stderr)
        return 1
    if isinstance(event, Cancelled):
        print("stopped: what was done so far is kept (run the same command again to resume)", file=sys.stderr)
        return 130
    return 0


def cmd_catalogue(args: argparse.Namespace, paths: AppPaths, registry: ModelRegistry) -> int:
    here = installed_catalogue_ids(paths)
    for entry in load_catalogue():
        if entry.id in here:
            state = "here"
        elif partial_download_bytes(paths, entry.id):
            state = "partly"
        else:
            state = ""
        restricted = "  RESTRICTED LICENCE" if entry.licence_restricted else ""
        print(f"{entry.id:32} {entry.kind.value:15} {_mb(entry.download_bytes):>9} download, "
              f"{entry.memory_bytes / 1e9:.1f} GB to run  {state:6} {entry.licence}{restricted}")
        print(f"{'':32} {entry.purpose_in(args.language)}")
    return 0


def cmd_download(args: argparse.Namespace, paths: AppPaths, registry: ModelRegistry) -> int:
    event = run_printing(args.make_backend(paths, registry), DownloadRequest(args.entry_id))
    if isinstance(event, Result):
        result = event.value
        print(f"downloaded {result.entry_id} into {result.folder} ({_mb(result.downloaded_bytes)} fetched, "
              f"{_mb(result.resumed_bytes)} resumed)")
        print(f"model id {result.model_id}")
    return _finish(event)


def cmd_pack(args: argparse.Namespace, paths: AppPaths, registry: ModelRegistry) -> int:
    event = run_printing(args.make_backend(paths, registry), ExportPackRequest(tuple(args.model_ids), Path(args.out)))
    return _report_pack(event.value) if isinstance(event, Result) else _finish(event)


def cmd_import(args: argparse.Namespace, paths: AppPaths, registry: ModelRegistry) -> int:
    event = run_printing(args.make_backend(paths, registry), ImportPackRequest(Path(args.folder), copy=not args.in_place))
    if isinstance(event, Result) and args.in_place:
        from model_backend.core.settings import Settings

        settings = Settings.load(paths.settings_file)  # remember the pack's folders, as the app does
        settings.added_model_paths = list(registry.added_paths)
        settings.save(paths.settings_file)
    return _report_pack(event.value) if isinstance(event, Result) else _finish(event)


def add_library_commands(sub, make_registry, make_backend) -> None:
    """Register catalogue / download / pack / import on the main parser's subcommands. The engine comes from
    the caller (``make_backend(paths, registry)``): the library sits below the engine in the layers."""

    def runner(command):
        def run(args: argparse.Namespace) -> int:
            paths = AppPaths.default()
            args.make_backend = make_backend
            return command(args, paths, make_registry(paths))
        return run

    catalogue = sub.add_parser("catalogue", help="list the lesson-ready models (licences, sizes, which are here)")
    catalogue.add_argument("--language", default="en", choices=["en", "ja"])
    catalogue.set_defaults(func=runner(cmd_catalogue))
    download = sub.add_parser("download", help="download a catalogue model (resumes an interrupted download)")
    download.add_argument("entry_id", help="an id from 'catalogue'")
    download.set_defaults(func=runner(cmd_download))
    pack = sub.add_parser("pack", help="export models to a classroom pack folder (a USB stick)")
    pack.add_argument("--out", required=True, help="the pack folder (created; models are added to a pack already there)")
    pack.add_argument("model_ids", nargs="+", help="model ids, see 'models'")
    pack.set_defaults(func=runner(cmd_pack))
    importing = sub.add_parser("import", help="check and import a classroom pack (no network needed)")
    importing.add_argument("folder")
    importing.add_argument("--in-place", action="store_true", help="use the models where they are instead of copying them")
    importing.set_defaults(func=runner(cmd_import))
