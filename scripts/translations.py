#!/usr/bin/env python3
"""Keep the UI's translations in step with the code.

    python scripts/translations.py update          # collect every string into resources/translations/*.ts
    python scripts/translations.py extract PATH... --out todo.json   # one area's strings, to translate
    python scripts/translations.py apply done.json # put translations from such a file into the .ts
    python scripts/translations.py release         # compile the .ts into the .qm the app loads
    python scripts/translations.py check           # what CI checks: nothing unfinished, nothing stale

Two sources feed the catalogue: Qt's ``lupdate`` reads the UI's ``self.tr("…")`` and
``translate("Context", "…")`` calls; the backend, which has no Qt, marks its sentences with
``msg("…")`` (``model_backend/core/messages.py``), and this script collects those literals and files
them under the context ``Backend`` by handing lupdate a generated file of ``translate()`` calls. The
``.ts`` stays the one source of truth, editable with Qt Linguist.
"""
from __future__ import annotations

import argparse
import ast
import contextlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parents[1]
UI_DIR = ROOT / "desktop_app"
BACKEND_DIR = ROOT / "model_backend"
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("ja",)
BACKEND_CONTEXT = "Backend"
MESSAGE_MAKERS = {"msg"}  # Message(...) is also the chat wing's chat message; templates are made with msg()
PLACEHOLDER = re.compile(r"\{(\w*)(?:[:!][^{}]*)?\}")


def ts_file(language: str) -> Path:
    return TRANSLATIONS / f"genai_classroom_{language}.ts"


def qm_file(language: str) -> Path:
    return ts_file(language).with_suffix(".qm")


def qt_tool(name: str) -> str:
    beside = Path(sys.executable).with_name(f"pyside6-{name}")
    found = str(beside) if beside.exists() else shutil.which(f"pyside6-{name}")
    if not found:
        sys.exit(f"pyside6-{name} not found: run scripts/bootstrap.sh first")
    return found


def backend_messages(paths: list[Path] | None = None) -> list[str]:
    """Every ``msg("literal", …)`` template in the backend, in source order, once each."""
    files = paths if paths is not None else sorted(BACKEND_DIR.rglob("*.py"))
    found: dict[str, None] = {}
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in MESSAGE_MAKERS
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found[node.args[0].value] = None
    return list(found)


def _run_lupdate(sources: list[Path], backend: list[str], target: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        files = [str(p) for p in sources]
        if backend:
            marker = Path(tmp) / "backend_messages.py"
            marker.write_text("from PySide6.QtCore import QCoreApplication\n" + "".join(
                f"QCoreApplication.translate({BACKEND_CONTEXT!r}, {text!r})\n" for text in backend), encoding="utf-8")
            files.append(str(marker))
        subprocess.run([qt_tool("lupdate"), *files, "-locations", "none", "-no-obsolete", "-source-language", "en",
                        "-target-language", target.stem.rsplit("_", 1)[-1], "-ts", str(target)],
                       check=True, capture_output=True, timeout=300)


def update(language: str, target: Path | None = None) -> Path:
    target = target or ts_file(language)
    target.parent.mkdir(parents=True, exist_ok=True)
    _run_lupdate(sorted(UI_DIR.rglob("*.py")), backend_messages(), target)
    return target


def messages(ts: Path) -> dict[tuple[str, str], ElementTree.Element]:
    root = ElementTree.parse(ts).getroot()
    return {(context.findtext("name") or "", m.findtext("source") or ""): m
            for context in root.findall("context") for m in context.findall("message")}


def extract(paths: list[Path], language: str) -> dict[str, dict[str, str]]:
    """The strings of ``paths`` (UI or backend files), with the translation already in the .ts, if any."""
    known = messages(ts_file(language)) if ts_file(language).exists() else {}
    ui = [p for path in paths for p in (sorted(path.rglob("*.py")) if path.is_dir() else [path])]
    backend = backend_messages([p for p in ui if BACKEND_DIR in p.resolve().parents])
    ui = [p for p in ui if BACKEND_DIR not in p.resolve().parents]
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / f"extract_{language}.ts"
        _run_lupdate(ui, backend, target)
        found: dict[str, dict[str, str]] = {}
        for (context, source) in messages(target):
            old = known.get((context, source))
            found.setdefault(context, {})[source] = (old.findtext("translation") or "") if old is not None else ""
    return found


def apply(done: dict[str, dict[str, str]], language: str) -> list[str]:
    """Write the given translations into the .ts; returns the (context, source) pairs it had no entry for."""
    ts = ts_file(language)
    tree = ElementTree.parse(ts)
    entries = {(c.findtext("name") or "", m.findtext("source") or ""): m
               for c in tree.getroot().findall("context") for m in c.findall("message")}
    missing = []
    for context, pairs in done.items():
        for source, text in pairs.items():
            entry = entries.get((context, source))
            if entry is None:
                missing.append(f"{context}: {source!r}")
                continue
            if not text:
                continue
            translation = entry.find("translation")
            translation.text = text
            translation.attrib.pop("type", None)
    _write_ts(tree, ts)
    return missing


def _write_ts(tree: ElementTree.ElementTree, ts: Path) -> None:
    ElementTree.indent(tree, space="    ")
    body = ElementTree.tostring(tree.getroot(), encoding="unicode")
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


def release(language: str, target: Path | None = None) -> Path:
    target = target or qm_file(language)
    subprocess.run([qt_tool("lrelease"), "-silent", str(ts_file(language)), "-qm", str(target)],
                   check=True, capture_output=True, timeout=120)
    return target


def placeholders(text: str) -> list[str]:
    """The ``{name}`` fields ``str.format`` fills; ``{{…}}`` is a literal brace (the prompt lab's own syntax)."""
    return sorted(PLACEHOLDER.findall(text.replace("{{", "").replace("}}", "")))


def problems(language: str) -> list[str]:
    """What would make the UI show English or broken text in ``language``; empty when all is well."""
    ts = ts_file(language)
    if not ts.exists():
        return [f"{ts.name} is missing: run scripts/translations.py update"]
    found = []
    current = messages(ts)
    with tempfile.TemporaryDirectory() as tmp:
        fresh = messages(update(language, Path(tmp) / ts.name))
        for key in sorted(fresh.keys() - current.keys()):
            found.append(f"not collected yet (run update): {key[0]}: {key[1]!r}")
        for key in sorted(current.keys() - fresh.keys()):
            found.append(f"no longer in the code (run update): {key[0]}: {key[1]!r}")
        compiled = release(language, Path(tmp) / qm_file(language).name)
        if not qm_file(language).exists() or compiled.read_bytes() != qm_file(language).read_bytes():
            found.append(f"{qm_file(language).name} is stale: run scripts/translations.py release")
    for (context, source), entry in current.items():
        translation = entry.find("translation")
        text = translation.text or ""
        if translation.get("type") == "unfinished" or not text.strip():
            found.append(f"unfinished: {context}: {source!r}")
        elif placeholders(source) != placeholders(text):
            found.append(f"placeholders differ: {context}: {source!r} → {text!r}")
    return found


@contextlib.contextmanager
def _catalogue_lock():
    """Several people (or helper sessions) may update the one .ts at once: one at a time."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; one person at a time there
        yield
        return
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    with open(TRANSLATIONS / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("update", "extract", "apply", "release", "check"))
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--out", type=Path, help="extract: where to write the JSON")
    parser.add_argument("--language", default="ja", choices=LANGUAGES)
    args = parser.parse_args(argv)
    with _catalogue_lock():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    if args.command == "update":
        print(update(args.language))
    elif args.command == "extract":
        found = extract([p.resolve() for p in args.paths], args.language)
        text = json.dumps(found, ensure_ascii=False, indent=1)
        if args.out:
            args.out.write_text(text + "\n", encoding="utf-8")
        else:
            print(text)
    elif args.command == "apply":
        for path in args.paths:
            missing = apply(json.loads(path.read_text(encoding="utf-8")), args.language)
            for line in missing:
                print(f"{path.name}: no such string in the catalogue: {line}", file=sys.stderr)
    elif args.command == "release":
        print(release(args.language))
    else:
        found = problems(args.language)
        for line in found:
            print(line)
        print(f"{len(found)} problem(s) in the {args.language} translation")
        return 1 if found else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
