"""Strip symbol tables from the Linux bundle's shared libraries, keeping only results the loader accepts.

Most wheels ship unstripped extension modules and libraries (PyAV's modules alone shrink from 30 MB to
5 MB). ``strip`` on a library that auditwheel rewrote with patchelf can produce segments the loader
refuses ("ELF load command address/offset not page-aligned": numpy's OpenBLAS does), so every library
is stripped into a temporary file, its loadable segments are checked the way glibc checks them, and it
replaces the original only when it passes.
"""
from __future__ import annotations

import os
import struct
import subprocess
import tempfile
from pathlib import Path

PT_LOAD = 1
PAGE = 4096


def _is_shared_library(path: Path) -> bool:
    return path.is_file() and not path.is_symlink()


def segments_load(path: Path) -> bool:
    """True when every PT_LOAD segment's address and file offset agree modulo the page size (and its
    alignment), as the dynamic loader requires; only 64-bit little-endian ELF files are accepted."""
    with open(path, "rb") as elf:
        header = elf.read(64)
        if len(header) < 64 or header[:4] != b"\x7fELF" or header[4] != 2 or header[5] != 1:
            return False
        (phoff,) = struct.unpack_from("<Q", header, 32)
        phentsize, phnum = struct.unpack_from("<HH", header, 54)
        elf.seek(phoff)
        table = elf.read(phentsize * phnum)
    if len(table) < phentsize * phnum:
        return False
    for index in range(phnum):
        p_type, _, p_offset, p_vaddr, _, _, _, p_align = struct.unpack_from("<IIQQQQQQ", table, index * phentsize)
        if p_type != PT_LOAD:
            continue
        if (p_vaddr - p_offset) % PAGE or (p_align > 1 and (p_vaddr - p_offset) % p_align):
            return False
    return True


def strip_libraries(folder: Path) -> tuple[int, int, list[str]]:
    """Strip every shared library under ``folder``; returns (bytes before, bytes after, libraries kept
    unstripped because stripping would break them)."""
    before = after = 0
    kept = []
    for path in sorted(p for p in folder.rglob("*.so*") if _is_shared_library(p)):
        size = path.stat().st_size
        before += size
        if not segments_load(path):  # not a 64-bit ELF library (or already unusual): leave it alone
            after += size
            continue
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".stripping")
        os.close(handle)
        try:
            done = subprocess.run(["strip", "--strip-unneeded", "-o", temporary, str(path)],
                                  capture_output=True).returncode == 0
            if done and os.path.getsize(temporary) < size:  # else not strippable, or nothing to strip
                if segments_load(Path(temporary)):
                    os.chmod(temporary, path.stat().st_mode)
                    os.replace(temporary, path)
                else:
                    kept.append(str(path.relative_to(folder)))
        finally:
            if os.path.exists(temporary):
                os.remove(temporary)
        after += path.stat().st_size
    return before, after, kept
