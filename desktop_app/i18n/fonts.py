"""Make sure Japanese can be drawn: without a CJK font every kanji is an empty box.

Windows (Yu Gothic, Meiryo) and macOS (Hiragino) always have one; a Linux desktop may not. The set-up
installs Debian's ``fonts-noto-cjk`` and the Linux build copies Noto Sans CJK into the bundle's
``resources/fonts``; this module loads that copy only when the system offers no Japanese font, and
asks Qt to fall back to it for the UI's own font.
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from model_backend.core.paths import resources_dir

log = logging.getLogger(__name__)
FONT_SUFFIXES = (".ttc", ".otf", ".ttf")


def bundled_fonts_dir() -> Path:
    return resources_dir() / "fonts"


def japanese_families() -> list[str]:
    return QFontDatabase.families(QFontDatabase.WritingSystem.Japanese)


def ensure_japanese_font(app: QApplication, fonts_dir: Path | None = None) -> str:
    """The family that will draw Japanese: the system's, else the bundled one ("" if there is none)."""
    found = japanese_families()
    if found:
        # Noto Sans CJK comes as JP, SC, TC, HK and KR families with the same glyph coverage but each
        # region's shapes; ask for the Japanese shapes when the UI's own font lacks a character.
        preferred = next((f for f in found if f.endswith(" JP")), found[0])
        QFont.insertSubstitution(app.font().family(), preferred)
        return preferred
    folder = fonts_dir or bundled_fonts_dir()
    families: list[str] = []
    for path in sorted(folder.glob("*")) if folder.is_dir() else []:
        if path.suffix.lower() in FONT_SUFFIXES:
            font_id = QFontDatabase.addApplicationFont(str(path))
            families += QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    japanese = [f for f in families if f.endswith(" JP")] or families
    if not japanese:
        log.warning("no font for Japanese on this system nor in %s: Japanese text shows as boxes", folder)
        return ""
    QFont.insertSubstitution(app.font().family(), japanese[0])
    log.info("Japanese is drawn with the bundled font %s", japanese[0])
    return japanese[0]
