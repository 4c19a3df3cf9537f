"""Transcripts as plain text, SubRip (SRT) and WebVTT, so a class can caption its own recordings."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from model_backend.audio.audio_types import Segment
from model_backend.core.atomic import atomic_write_text

FORMATS = {"txt": "Plain text", "srt": "SubRip subtitles", "vtt": "WebVTT subtitles"}


def _clock(seconds: float, separator: str) -> str:
    millis = int(round(max(0.0, seconds) * 1000))
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{millis:03d}"


def to_txt(segments: Iterable[Segment]) -> str:
    return "\n".join(s.text.strip() for s in segments if s.text.strip()) + "\n"


def to_srt(segments: Iterable[Segment]) -> str:
    blocks = []
    for number, segment in enumerate((s for s in segments if s.text.strip()), start=1):
        blocks.append(f"{number}\n{_clock(segment.start, ',')} --> {_clock(segment.end, ',')}\n{segment.text.strip()}\n")
    return "\n".join(blocks)


def to_vtt(segments: Iterable[Segment]) -> str:
    cues = [f"{_clock(s.start, '.')} --> {_clock(s.end, '.')}\n{s.text.strip()}\n"
            for s in segments if s.text.strip()]
    return "WEBVTT\n\n" + "\n".join(cues)


def render(segments: Iterable[Segment], fmt: str) -> str:
    renderers = {"txt": to_txt, "srt": to_srt, "vtt": to_vtt}
    if fmt not in renderers:
        raise ValueError(f"unknown transcript format {fmt!r}")
    return renderers[fmt](list(segments))


def export(segments: Iterable[Segment], path: str | Path) -> Path:
    """Write the transcript in the format the file's extension names (.txt, .srt or .vtt), atomically."""
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".") or "txt"
    atomic_write_text(path, render(segments, fmt))
    return path
