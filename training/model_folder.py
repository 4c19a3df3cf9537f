"""Write a trained model's folder so that a crash never leaves half a model where the app looks for one.

The diffusion script (a diffusers pipeline folder) and the VAE/GAN/flow scripts (safetensors + config.json)
fill their folders differently, but swap them into resources/models/ the same way; this module is that way.
It imports no heavy library, so it costs nothing to the scripts that use it.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_folder_atomically(out: Path, fill: Callable[[Path], None]) -> int:
    """Let ``fill(tmp)`` write a temporary sibling of ``out``, then swap it into place; returns the folder's bytes.

    Files are made world-readable (mkdtemp and safetensors create owner-only files, and the folder ships
    with the app). An older folder is renamed away first and removed only once the new one is in place.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    try:
        fill(tmp)
        for f in [tmp, *tmp.rglob("*")]:
            f.chmod(0o755 if f.is_dir() else 0o644)
        old = None
        if out.exists():
            old = out.parent / f".{out.name}.old-{os.getpid()}"
            out.rename(old)
        tmp.rename(out)
        if old is not None:
            shutil.rmtree(old)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
