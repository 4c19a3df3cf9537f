"""The boundaries the design depends on: a Qt-free backend and a torch-free UI that starts fast.

The layering itself is a contract in ``.importlinter`` (checked here by running import-linter):
the core imports no wing, the wings (chat, image, audio) do not import each other, the backend
imports no Qt outside the worker and never the UI, the UI imports no torch. What import-linter
cannot say — that heavy libraries are imported lazily, inside functions — is checked below.
"""
import ast
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def imported_modules(path: Path) -> set[str]:
    """Modules imported at module level (imports inside functions are lazy and allowed)."""
    names = set()
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_the_layering_contracts_hold():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    command = [str(lint_imports)] if lint_imports.exists() else [shutil.which("lint-imports") or "lint-imports"]
    completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0, completed.stdout[-4000:] + completed.stderr[-2000:]
    assert "0 broken" in completed.stdout


def test_nothing_imports_heavy_libraries_at_module_level():
    heavy = {"torch", "transformers", "diffusers", "gguf", "accelerate", "xllamacpp"}
    offenders = [str(p.relative_to(ROOT)) for folder in ("model_backend", "desktop_app")
                 for p in (ROOT / folder).rglob("*.py") if imported_modules(p) & heavy]
    assert offenders == []


def test_window_appears_before_torch_is_imported(tmp_path):
    env = {"QT_QPA_PLATFORM": "offscreen", "GENAI_CLASSROOM_HOME": str(tmp_path), "PATH": "/usr/bin:/bin",
           "HF_HUB_CACHE": str(tmp_path / "hf")}
    completed = subprocess.run([sys.executable, "-m", "desktop_app", "--quit-after-show"], cwd=ROOT, env=env,
                               capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    assert "torch imported before the window: False" in completed.stdout
