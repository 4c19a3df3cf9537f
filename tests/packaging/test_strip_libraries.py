"""The bundle's library stripping keeps only results the dynamic loader accepts (scripts/strip_libraries.py)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import numpy
import pytest
import yaml

from scripts.strip_libraries import segments_load, strip_libraries

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the bundle is stripped on Linux only")


def _load_in_child(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", f"import ctypes; ctypes.CDLL({str(path)!r})"],
                          capture_output=True, text=True)


@pytest.fixture()
def bundle(tmp_path):
    """A small bundle: an unstripped extension module and numpy's vendored OpenBLAS (patched by auditwheel)."""
    assert shutil.which("strip"), "binutils' strip is needed (scripts/bootstrap.sh test installs it)"
    extension = next(Path(yaml.__file__).parent.glob("_yaml*.so"))
    openblas = next((Path(numpy.__file__).parent.parent / "numpy.libs").glob("libscipy_openblas*.so"))
    for library, folder in ((extension, "yaml"), (openblas, "numpy.libs")):
        (tmp_path / folder).mkdir()
        shutil.copy2(library, tmp_path / folder / library.name)
    return tmp_path, extension.name, openblas.name


def test_strip_shrinks_what_still_loads_and_keeps_what_it_would_break(bundle, tmp_path_factory):
    folder, extension, openblas = bundle
    openblas_bytes = (folder / "numpy.libs" / openblas).read_bytes()
    # The failure this guards against, shown on a scratch copy: plain strip breaks the patched OpenBLAS.
    broken = tmp_path_factory.mktemp("scratch") / openblas
    subprocess.run(["strip", "--strip-unneeded", "-o", str(broken), str(folder / "numpy.libs" / openblas)], check=True)
    assert not segments_load(broken)
    assert "not page-aligned" in _load_in_child(broken).stderr

    before, after, kept = strip_libraries(folder)

    assert after < before
    assert kept == [f"numpy.libs/{openblas}"]
    assert (folder / "numpy.libs" / openblas).read_bytes() == openblas_bytes  # left exactly as it was
    stripped = folder / "yaml" / extension
    assert stripped.stat().st_size < Path(yaml.__file__).parent.joinpath(extension).stat().st_size
    assert segments_load(stripped)
    assert _load_in_child(stripped).returncode == 0
    assert not list(folder.rglob("*.stripping"))  # no temporary files left behind


def test_non_elf_files_are_left_alone(tmp_path):
    fake = tmp_path / "libnot-really.so"
    fake.write_bytes(b"#!/bin/sh\necho not a library\n")
    assert not segments_load(fake)
    assert strip_libraries(tmp_path) == (fake.stat().st_size, fake.stat().st_size, [])
