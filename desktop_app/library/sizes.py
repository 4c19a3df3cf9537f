"""Sizes, speeds and durations as a teacher reads them ("1.4 GB", "12.3 MB/s", "3 min 20 s").

Units stay as they are in Japanese (docs/translation.md), so only the few words with a number in them go
through ``translate``; decimal units (1 GB = 10⁹ bytes) are what disks and download pages use.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def human_size(size_bytes: int | float | None) -> str:
    if size_bytes is None or size_bytes < 0:
        return QCoreApplication.translate("Sizes", "unknown")
    if size_bytes >= 1e9:
        return QCoreApplication.translate("Sizes", "{value:.1f} GB").format(value=size_bytes / 1e9)
    if size_bytes >= 1e6:
        return QCoreApplication.translate("Sizes", "{value:.0f} MB").format(value=size_bytes / 1e6)
    if size_bytes >= 1e3:
        return QCoreApplication.translate("Sizes", "{value:.0f} kB").format(value=size_bytes / 1e3)
    return QCoreApplication.translate("Sizes", "{value:.0f} bytes").format(value=size_bytes)


def human_speed(bytes_per_second: float | None) -> str:
    if not bytes_per_second:
        return "–"
    return QCoreApplication.translate("Sizes", "{size}/s").format(size=human_size(bytes_per_second))


def human_duration(seconds: float | None) -> str:
    if seconds is None or seconds < 0:
        return "–"
    seconds = int(round(seconds))
    if seconds >= 3600:
        return QCoreApplication.translate("Sizes", "{hours} h {minutes} min").format(
            hours=seconds // 3600, minutes=seconds % 3600 // 60)
    if seconds >= 60:
        return QCoreApplication.translate("Sizes", "{minutes} min {seconds} s").format(
            minutes=seconds // 60, seconds=seconds % 60)
    return QCoreApplication.translate("Sizes", "{seconds} s").format(seconds=seconds)
