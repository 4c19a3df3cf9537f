"""The boundaries the design depends on: a Qt-free backend and a torch-free UI that starts fast."""
import ast
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


def test_backend_core_never_imports_qt():
    offenders = [p.name for p in (ROOT / "model_backend").rglob("*.py")
                 if p.name != "worker.py" and "PySide6" in imported_modules(p)]
    assert offenders == []


def test_nothing_imports_heavy_libraries_at_module_level():
    heavy = {"torch", "transformers", "diffusers", "gguf", "accelerate"}
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
